import { SEARCH_DOCS_TRIGGERS } from './002-search';
import { CLIP_RANGE_BITS } from './005-search-clip-ranges';
import type { Migration } from './index';

// Text comments and "done" marks on updates, searchable like decisions, and the bookkeeping for transcripts that
// reach the workspace after the update was published.
//
// SQLite cannot widen a CHECK constraint in place, so `events` and `search_docs` are copied out, recreated and copied
// back (same rowids: the FTS5 index over search_docs stays valid and is not rebuilt). The triggers on both tables are
// dropped first so the copy-back does not index anything twice, then recreated for decisions and comments alike.
// `parent_id` is the comment a comment answers (one level of threading).
const RANGE = 2 ** CLIP_RANGE_BITS;

const nextIdFor = (clipIdExpr: string) => `(
  SELECT base + coalesce((SELECT max(id) - base + 1 FROM search_docs WHERE id >= base AND id < base + ${RANGE}), 0)
  FROM (SELECT search_key * ${RANGE} AS base FROM clips WHERE id = ${clipIdExpr})
)`;

export const commentsAndTranscripts: Migration = {
  name: 'comments-transcripts',
  up(db) {
    db.exec(`
      DROP TRIGGER search_docs_ai; DROP TRIGGER search_docs_ad; DROP TRIGGER search_docs_au;
      DROP TRIGGER events_search_ai; DROP TRIGGER events_search_au; DROP TRIGGER events_search_ad;

      CREATE TEMP TABLE search_docs_copy AS SELECT * FROM search_docs;
      DROP TABLE search_docs;
      CREATE TABLE search_docs (
        id INTEGER PRIMARY KEY,
        clip_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('clip', 'segment', 'decision', 'comment')),
        segment_id INTEGER,
        event_id TEXT,
        start_ms INTEGER,
        title TEXT,
        context TEXT,
        ask TEXT,
        body TEXT
      );
      INSERT INTO search_docs SELECT * FROM temp.search_docs_copy;
      DROP TABLE temp.search_docs_copy;
      CREATE INDEX search_docs_clip ON search_docs(clip_id, kind);
      CREATE INDEX search_docs_segment ON search_docs(segment_id) WHERE segment_id IS NOT NULL;
      CREATE INDEX search_docs_event ON search_docs(event_id) WHERE event_id IS NOT NULL;
      ${SEARCH_DOCS_TRIGGERS}

      CREATE TEMP TABLE events_copy AS SELECT * FROM events;
      DROP TABLE events;
      CREATE TABLE events (
        id TEXT PRIMARY KEY,
        clip_id TEXT NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('seen', 'reaction', 'reply', 'decision', 'comment', 'done')),
        author_id TEXT,
        author_name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        at_ms INTEGER,
        emoji TEXT,
        text TEXT,
        reply_clip_id TEXT,
        parent_id TEXT
      );
      INSERT INTO events (id, clip_id, kind, author_id, author_name, created_at, at_ms, emoji, text, reply_clip_id)
        SELECT id, clip_id, kind, author_id, author_name, created_at, at_ms, emoji, text, reply_clip_id FROM temp.events_copy;
      DROP TABLE temp.events_copy;
      CREATE INDEX events_clip ON events(clip_id, created_at);
      CREATE INDEX events_author ON events(author_id, kind);

      CREATE TRIGGER events_search_ai AFTER INSERT ON events WHEN new.kind IN ('decision', 'comment') AND new.text IS NOT NULL BEGIN
        INSERT INTO search_docs (id, clip_id, kind, event_id, start_ms, body)
          VALUES (${nextIdFor('new.clip_id')}, new.clip_id, new.kind, new.id, new.at_ms, new.text);
      END;
      CREATE TRIGGER events_search_au AFTER UPDATE OF text, at_ms, kind ON events BEGIN
        DELETE FROM search_docs WHERE event_id = old.id;
        INSERT INTO search_docs (id, clip_id, kind, event_id, start_ms, body)
          SELECT ${nextIdFor('new.clip_id')}, new.clip_id, new.kind, new.id, new.at_ms, new.text
          WHERE new.kind IN ('decision', 'comment') AND new.text IS NOT NULL;
      END;
      CREATE TRIGGER events_search_ad AFTER DELETE ON events WHEN old.kind IN ('decision', 'comment') BEGIN
        DELETE FROM search_docs WHERE event_id = old.id;
      END;

      -- Transcripts read from the workspace, per file: the newest stamp per clip is the one in the library.
      -- stamp '' is the transcript.json published with the update; later ones carry the writer's time in their name.
      CREATE TABLE workspace_transcripts (
        key TEXT PRIMARY KEY,
        clip_id TEXT NOT NULL,
        stamp TEXT NOT NULL,
        hash TEXT NOT NULL,
        indexed_at TEXT NOT NULL
      );
      CREATE INDEX workspace_transcripts_clip ON workspace_transcripts(clip_id, stamp);
    `);
  },
};
