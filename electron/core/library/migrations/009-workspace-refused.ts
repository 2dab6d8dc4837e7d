import type { Migration } from './index';

// Workspace files refused unread (larger than their kind may be), with the stamp (size and mtime, or ETag) they had:
// the next sync skips them without reading them again, until the stamp changes.
export const workspaceRefused: Migration = {
  name: '006-workspace-refused',
  up(db) {
    db.exec(`
      CREATE TABLE workspace_refused (
        key TEXT PRIMARY KEY,
        stamp TEXT NOT NULL,
        refused_at TEXT NOT NULL
      );
    `);
  },
};
