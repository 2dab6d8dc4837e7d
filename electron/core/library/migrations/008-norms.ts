import type { Migration } from './index';

// Response-time norms (issue 17): each person's workdays next to their hours (rows from before default to mon-fri,
// as people/ files without the field do), and the team's norms files as indexed from the workspace's team/ folder.
// A norms file is write-once; the newest by publishedAt (then key) is the one in force, so every file is kept.
export const norms: Migration = {
  name: 'norms',
  up(db) {
    db.exec(`
      ALTER TABLE people ADD COLUMN workdays TEXT NOT NULL DEFAULT 'mon-fri';

      CREATE TABLE team_norms (
        key TEXT PRIMARY KEY,
        hash TEXT NOT NULL,
        author_id TEXT NOT NULL,
        author_name TEXT NOT NULL,
        published_at TEXT NOT NULL,
        urgent_hours REAL,
        reply_needed_hours REAL,
        fyi_hours REAL
      );
      CREATE INDEX team_norms_newest ON team_norms(published_at DESC, key DESC);
    `);
  },
};
