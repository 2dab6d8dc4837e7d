import type { Migration } from './index';

// What has been notified, by key ("arrival:<clipId>", "deadline:<clipId>"), so each item is announced once: across
// restarts, and when the desktop app and browser mode run on the same library.
export const notificationsShown: Migration = {
  name: 'notifications-shown',
  up(db) {
    db.exec(`CREATE TABLE notifications_shown (
      key TEXT PRIMARY KEY,
      shown_at TEXT NOT NULL
    ) WITHOUT ROWID`);
  },
};
