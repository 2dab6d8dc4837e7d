import type { Migration } from './index';

// Times are ISO 8601 UTC strings (what the contract carries) with an integer ms twin where the inbox sorts or filters.
export const initial: Migration = {
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE people (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        timezone TEXT NOT NULL,
        working_hours TEXT NOT NULL DEFAULT '09:00-17:00',
        is_me INTEGER NOT NULL DEFAULT 0 CHECK (is_me IN (0, 1)),
        updated_at TEXT NOT NULL
      );

      CREATE TABLE clips (
        id TEXT PRIMARY KEY,
        author_id TEXT REFERENCES people(id) ON DELETE SET NULL,
        author_name TEXT NOT NULL,
        author_timezone TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        recorded_at_ms INTEGER NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        context TEXT,
        ask TEXT,
        recipients TEXT NOT NULL DEFAULT '[]',
        due_at TEXT,
        due_at_ms INTEGER,
        urgency TEXT NOT NULL DEFAULT 'fyi' CHECK (urgency IN ('fyi', 'reply-needed', 'urgent')),
        reply_to TEXT REFERENCES clips(id) ON DELETE SET NULL,
        duration_ms INTEGER,
        width INTEGER,
        height INTEGER,
        size_bytes INTEGER,
        state TEXT NOT NULL CHECK (state IN ('recording', 'processing', 'ready', 'failed', 'syncing')),
        source TEXT NOT NULL DEFAULT 'recorded' CHECK (source IN ('recorded', 'imported', 'workspace')),
        transcript_state TEXT NOT NULL DEFAULT 'none'
          CHECK (transcript_state IN ('none', 'queued', 'running', 'done', 'failed', 'cancelled', 'no-model')),
        language TEXT,
        published_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX clips_recorded_at ON clips(recorded_at_ms DESC);
      CREATE INDEX clips_author ON clips(author_id);
      CREATE INDEX clips_reply_to ON clips(reply_to);

      CREATE TABLE segments (
        id INTEGER PRIMARY KEY,
        clip_id TEXT NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL,
        text TEXT NOT NULL,
        UNIQUE (clip_id, idx)
      );

      CREATE TABLE words (
        segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL,
        text TEXT NOT NULL,
        probability REAL,
        PRIMARY KEY (segment_id, idx)
      ) WITHOUT ROWID;

      CREATE TABLE jobs (
        id INTEGER PRIMARY KEY,
        clip_id TEXT NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
        kind TEXT NOT NULL DEFAULT 'transcribe',
        state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
        progress REAL NOT NULL DEFAULT 0,
        attempts INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        model TEXT,
        language TEXT,
        run_after_ms INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX jobs_pending ON jobs(state, run_after_ms);
      CREATE INDEX jobs_clip ON jobs(clip_id);

      CREATE TABLE share_links (
        token TEXT PRIMARY KEY,
        clip_id TEXT NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
        kind TEXT NOT NULL DEFAULT 'local' CHECK (kind IN ('local', 's3')),
        url TEXT,
        created_at TEXT NOT NULL,
        expires_at TEXT,
        password_hash TEXT,
        allow_download INTEGER NOT NULL DEFAULT 1,
        revoked_at TEXT
      );
      CREATE INDEX share_links_clip ON share_links(clip_id);

      CREATE TABLE link_views (
        id INTEGER PRIMARY KEY,
        token TEXT NOT NULL REFERENCES share_links(token) ON DELETE CASCADE,
        viewed_at TEXT NOT NULL,
        seconds_watched REAL NOT NULL DEFAULT 0,
        viewer_name TEXT
      );

      CREATE TABLE events (
        id TEXT PRIMARY KEY,
        clip_id TEXT NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('seen', 'reaction', 'reply', 'decision')),
        author_id TEXT,
        author_name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        at_ms INTEGER,
        emoji TEXT,
        text TEXT,
        reply_clip_id TEXT
      );
      CREATE INDEX events_clip ON events(clip_id, created_at);

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `);
  },
};
