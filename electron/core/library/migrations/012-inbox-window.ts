import type { Migration } from './index';
import { ANSWERING_KINDS_SQL } from '../../../../shared/norms/answering';
import { LISTED_STATES } from '../../../../shared/inbox/inbox';
import { localDate } from '../../../../shared/inbox/zones';
import { isValidTimezone } from '../../../../shared/inbox';

const LISTED_SQL = LISTED_STATES.map((state) => `'${state}'`).join(', ');
const ME = '(SELECT id FROM people WHERE is_me = 1)';
/** A clip of mine: by my person id, or made here with no author id (older imports and recordings). */
const mine = (row: string) => `(${row}.author_id = ${ME} OR (${row}.author_id IS NULL AND ${row}.source != 'workspace'))`;
/** Whether the clip `row` is an ask of a teammate's that I have not answered (an answering event or a reply clip of mine). */
const openAsk = (row: string) => `${row}.asks = 1 AND NOT ${mine(row)}
  AND NOT EXISTS (SELECT 1 FROM events e WHERE e.clip_id = ${row}.id AND e.author_id = ${ME} AND e.kind IN (${ANSWERING_KINDS_SQL}))
  AND NOT EXISTS (SELECT 1 FROM clips r WHERE r.reply_to = ${row}.id AND ${mine('r')})`;

/** Rebuilds open_asks from scratch: when "me" changes, and once here. */
export const REBUILD_OPEN_ASKS = `DELETE FROM open_asks; INSERT INTO open_asks (clip_id) SELECT c.id FROM clips c WHERE ${openAsk('c')};`;

// The windowed inbox (issue 19): a page of workdays and "Needs your reply" read through indexes, so neither grows with
// the library.
// - `workday`: the calendar date in the sender's zone at recordedAt (DESIGN.md "The timezone-ordered inbox"); written
//   by the clips store on insert (recordedAt and the zone never change), filled here for existing rows. NULL for a
//   zone the IANA database does not know: such a clip is not listed, as before.
// - `asks`: whether the update asks something (an ask, or urgency above fyi), generated from the row itself.
// - `open_asks`: the asks of teammates I have not answered yet, maintained by triggers from clips, events and people,
//   so it stays right whichever part of the app writes those rows (the clips store, events, sync).
export const inboxWindow: Migration = {
  name: '012-inbox-window',
  up(db) {
    db.exec(`
      ALTER TABLE clips ADD COLUMN workday TEXT;
      ALTER TABLE clips ADD COLUMN asks INTEGER GENERATED ALWAYS AS (urgency != 'fyi' OR (ask IS NOT NULL AND trim(ask) != '')) VIRTUAL;
    `);
    const rows = db.prepare('SELECT id, recorded_at AS recordedAt, author_timezone AS zone FROM clips').all() as { id: string; recordedAt: string; zone: string }[];
    const set = db.prepare('UPDATE clips SET workday = ? WHERE id = ?');
    for (const row of rows) if (isValidTimezone(row.zone)) set.run(localDate(row.recordedAt, row.zone), row.id);
    db.exec(`
      CREATE INDEX clips_workday ON clips(workday DESC, recorded_at_ms) WHERE workday IS NOT NULL AND state IN (${LISTED_SQL});
      CREATE INDEX clips_drafts ON clips(recorded_at_ms DESC, state) WHERE published_at IS NULL AND source != 'workspace';
      CREATE INDEX events_clip_author ON events(clip_id, author_id, kind);

      CREATE TABLE open_asks (clip_id TEXT PRIMARY KEY REFERENCES clips(id) ON DELETE CASCADE) WITHOUT ROWID;
      ${REBUILD_OPEN_ASKS}

      CREATE TRIGGER open_asks_clip_added AFTER INSERT ON clips WHEN ${openAsk('NEW')}
      BEGIN INSERT OR IGNORE INTO open_asks (clip_id) VALUES (NEW.id); END;

      CREATE TRIGGER open_asks_clip_changed AFTER UPDATE OF ask, urgency, author_id ON clips
      BEGIN
        DELETE FROM open_asks WHERE clip_id = NEW.id;
        INSERT OR IGNORE INTO open_asks (clip_id) SELECT NEW.id WHERE ${openAsk('NEW')};
      END;

      CREATE TRIGGER open_asks_reply_added AFTER INSERT ON clips WHEN NEW.reply_to IS NOT NULL AND ${mine('NEW')}
      BEGIN DELETE FROM open_asks WHERE clip_id = NEW.reply_to; END;

      CREATE TRIGGER open_asks_reply_linked AFTER UPDATE OF reply_to ON clips WHEN NEW.reply_to IS NOT NULL AND ${mine('NEW')}
      BEGIN DELETE FROM open_asks WHERE clip_id = NEW.reply_to; END;

      CREATE TRIGGER open_asks_answered AFTER INSERT ON events
      WHEN NEW.kind IN (${ANSWERING_KINDS_SQL}) AND NEW.author_id = ${ME}
      BEGIN DELETE FROM open_asks WHERE clip_id = NEW.clip_id; END;

      CREATE TRIGGER open_asks_me_added AFTER INSERT ON people WHEN NEW.is_me = 1
      BEGIN ${REBUILD_OPEN_ASKS} END;

      CREATE TRIGGER open_asks_me_changed AFTER UPDATE OF is_me, id ON people WHEN NEW.is_me = 1 AND (OLD.is_me = 0 OR OLD.id != NEW.id)
      BEGIN ${REBUILD_OPEN_ASKS} END;
    `);
  },
};
