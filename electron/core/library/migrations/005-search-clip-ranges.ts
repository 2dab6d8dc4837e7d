import { CLIP_DOC_FOLLOW_TRIGGERS, DECISION_DOC_DELETE_TRIGGER, SEARCH_DOCS_TRIGGERS, SEARCH_FTS_TABLE } from './002-search';
import type { Migration } from './index';

// Search documents numbered by clip, so a filtered search never looks a match up to learn its clip.
//
// In 002 a document's id was its segment's id (or a negative number), so `--author` and `--since` had to join every
// match to search_docs and clips before ranking: on the 100k-clip benchmark library a common word has 20k matches,
// and those two lookups per match cost more than bm25 itself (39 ms for "budget" by one author, against 14 ms for an
// unfiltered word with as many matches). Here every clip gets a stable integer `search_key`, and all of a clip's
// documents live in its own id range: key × 2^20 for the clip's title/context/ask, then its segments and decisions in
// the order they arrive. The clip of a match is `rowid >> 20`, which costs nothing, and a filter becomes
// `rowid >> 20 IN (keys of that author's clips)`, an in-memory set built once per query. bm25 then scores only the
// matches that pass. 2^20 documents per clip is about 12 days of speech at whisper's segment rate.
export const CLIP_RANGE_BITS = 20;
const RANGE = 2 ** CLIP_RANGE_BITS;

/** The next free id in a clip's range (the clip's own document takes the first). */
const nextIdFor = (clipIdExpr: string) => `(
  SELECT base + coalesce((SELECT max(id) - base + 1 FROM search_docs WHERE id >= base AND id < base + ${RANGE}), 0)
  FROM (SELECT search_key * ${RANGE} AS base FROM clips WHERE id = ${clipIdExpr})
)`;

export const searchClipRanges: Migration = {
  name: 'search-clip-ranges',
  up(db) {
    db.exec(`
      DROP TRIGGER search_docs_ai; DROP TRIGGER search_docs_ad; DROP TRIGGER search_docs_au;
      DROP TRIGGER clips_search_ai; DROP TRIGGER clips_search_au; DROP TRIGGER clips_search_ad;
      DROP TRIGGER segments_search_ai; DROP TRIGGER segments_search_au; DROP TRIGGER segments_search_ad;
      DROP TRIGGER events_search_ai; DROP TRIGGER events_search_au; DROP TRIGGER events_search_ad;
      DROP TABLE search_fts;
      DROP TABLE search_docs;

      ALTER TABLE clips ADD COLUMN search_key INTEGER;
      UPDATE clips SET search_key = k.n FROM (SELECT id, row_number() OVER (ORDER BY rowid) AS n FROM clips) AS k WHERE k.id = clips.id;
      CREATE UNIQUE INDEX clips_search_key ON clips(search_key);
      -- The filters' key sets, each read from one covering index.
      CREATE INDEX clips_author_name_search ON clips(author_name COLLATE NOCASE, search_key);
      CREATE INDEX clips_recorded_search ON clips(recorded_at_ms, search_key);

      CREATE TABLE search_docs (
        id INTEGER PRIMARY KEY,
        clip_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('clip', 'segment', 'decision')),
        segment_id INTEGER,
        event_id TEXT,
        start_ms INTEGER,
        title TEXT,
        context TEXT,
        ask TEXT,
        body TEXT
      );
      CREATE INDEX search_docs_clip ON search_docs(clip_id, kind);
      CREATE INDEX search_docs_segment ON search_docs(segment_id) WHERE segment_id IS NOT NULL;

      INSERT INTO search_docs (id, clip_id, kind, segment_id, event_id, start_ms, title, context, ask, body)
        SELECT c.search_key * ${RANGE} + row_number() OVER (PARTITION BY u.clip_id ORDER BY u.ord, u.seq) - 1,
          u.clip_id, u.kind, u.segment_id, u.event_id, u.start_ms, u.title, u.context, u.ask, u.body
        FROM (
          SELECT id AS clip_id, 0 AS ord, 0 AS seq, 'clip' AS kind, NULL AS segment_id, NULL AS event_id, NULL AS start_ms,
            title, context, ask, NULL AS body FROM clips
          UNION ALL
          SELECT clip_id, 1, idx, 'segment', id, NULL, start_ms, NULL, NULL, NULL, text FROM segments
          UNION ALL
          SELECT clip_id, 2, at_ms, 'decision', NULL, id, at_ms, NULL, NULL, NULL, text FROM events
            WHERE kind = 'decision' AND text IS NOT NULL
        ) AS u JOIN clips c ON c.id = u.clip_id;

      ${SEARCH_FTS_TABLE}
      INSERT INTO search_fts (search_fts) VALUES ('rebuild');
      INSERT INTO search_fts (search_fts) VALUES ('optimize');
      ${SEARCH_DOCS_TRIGGERS}

      CREATE TRIGGER clips_search_ai AFTER INSERT ON clips BEGIN
        UPDATE clips SET search_key = (SELECT coalesce(max(search_key), 0) + 1 FROM clips) WHERE id = new.id;
        INSERT INTO search_docs (id, clip_id, kind, title, context, ask)
          VALUES ((SELECT search_key * ${RANGE} FROM clips WHERE id = new.id), new.id, 'clip', new.title, new.context, new.ask);
      END;
      ${CLIP_DOC_FOLLOW_TRIGGERS}

      CREATE TRIGGER segments_search_ai AFTER INSERT ON segments BEGIN
        INSERT INTO search_docs (id, clip_id, kind, segment_id, start_ms, body)
          VALUES (${nextIdFor('new.clip_id')}, new.clip_id, 'segment', new.id, new.start_ms, new.text);
      END;
      CREATE TRIGGER segments_search_au AFTER UPDATE OF text, start_ms ON segments BEGIN
        UPDATE search_docs SET body = new.text, start_ms = new.start_ms WHERE segment_id = new.id;
      END;
      CREATE TRIGGER segments_search_ad AFTER DELETE ON segments BEGIN
        DELETE FROM search_docs WHERE segment_id = old.id;
      END;

      CREATE TRIGGER events_search_ai AFTER INSERT ON events WHEN new.kind = 'decision' AND new.text IS NOT NULL BEGIN
        INSERT INTO search_docs (id, clip_id, kind, event_id, start_ms, body)
          VALUES (${nextIdFor('new.clip_id')}, new.clip_id, 'decision', new.id, new.at_ms, new.text);
      END;
      CREATE TRIGGER events_search_au AFTER UPDATE OF text, at_ms, kind ON events BEGIN
        DELETE FROM search_docs WHERE clip_id = old.clip_id AND kind = 'decision' AND event_id = old.id;
        INSERT INTO search_docs (id, clip_id, kind, event_id, start_ms, body)
          SELECT ${nextIdFor('new.clip_id')}, new.clip_id, 'decision', new.id, new.at_ms, new.text
          WHERE new.kind = 'decision' AND new.text IS NOT NULL;
      END;
      ${DECISION_DOC_DELETE_TRIGGER}
    `);
  },
};
