import type { Migration } from './index';

// Non-destructive edits (issue 18): per clip, a history of kept-range lists (NULL: the whole clip) with a cursor for
// undo/redo, what was last rendered and what was last published. A teammate's side records which manifest version of
// an update it has applied, so a newer edited version replaces the older one on sync and an older one never wins.
export const edits: Migration = {
  name: 'edits',
  up(db) {
    db.exec(`
      CREATE TABLE clip_edits (
        clip_id TEXT PRIMARY KEY REFERENCES clips(id) ON DELETE CASCADE,
        version INTEGER NOT NULL DEFAULT 0,
        rendered_kept TEXT,
        rendered_at TEXT,
        rendered_duration_ms INTEGER,
        rendered_size INTEGER,
        rendered_method TEXT,
        published_kept TEXT
      );
      CREATE TABLE clip_edit_versions (
        clip_id TEXT NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        kept TEXT,
        op TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (clip_id, version)
      );
      CREATE TABLE workspace_update_versions (
        key TEXT PRIMARY KEY,
        clip_id TEXT NOT NULL,
        stamp TEXT NOT NULL,
        hash TEXT NOT NULL,
        applied_at TEXT
      );
      CREATE INDEX workspace_update_versions_clip ON workspace_update_versions(clip_id, stamp);
    `);
  },
};
