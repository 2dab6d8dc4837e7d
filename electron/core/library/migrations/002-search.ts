import type { Migration } from './index';

// Full-text search over everything a person may remember about a clip: its title, context and ask, every transcript
// segment, and every decision recorded on it. One FTS5 table (porter + unicode61) with external content, so bm25 can
// weigh a title hit against a transcript hit in one ranking. The content table `search_docs` gives every document an
// integer rowid (clips and events have text keys, whose implicit rowids VACUUM may renumber) and carries what a hit
// needs (clip id, segment start) without a second lookup. A segment's document shares the segment's id, so its
// triggers find it by primary key; clip and decision documents take negative ids, so the two never collide (005
// renumbers them by clip). Triggers keep both in step with clips, segments and events, including the cascade when a
// clip is deleted.

/** The FTS5 index over search_docs, with its ranking weights; 005 recreates it unchanged. */
export const SEARCH_FTS_TABLE = `
  CREATE VIRTUAL TABLE search_fts USING fts5(
    title, context, ask, body,
    content = 'search_docs', content_rowid = 'id',
    tokenize = 'porter unicode61'
  );
  -- Titles count most, then the ask and context, then what was said.
  INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(8.0, 2.0, 3.0, 1.0)');
`;

/** The triggers that keep the FTS5 index in step with search_docs (external content); 005 recreates them unchanged. */
export const SEARCH_DOCS_TRIGGERS = `
  CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
    INSERT INTO search_fts (rowid, title, context, ask, body) VALUES (new.id, new.title, new.context, new.ask, new.body);
  END;
  CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
    INSERT INTO search_fts (search_fts, rowid, title, context, ask, body)
      VALUES ('delete', old.id, old.title, old.context, old.ask, old.body);
  END;
  CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN
    INSERT INTO search_fts (search_fts, rowid, title, context, ask, body)
      VALUES ('delete', old.id, old.title, old.context, old.ask, old.body);
    INSERT INTO search_fts (rowid, title, context, ask, body) VALUES (new.id, new.title, new.context, new.ask, new.body);
  END;
`;

/** A clip's document follows its title, context and ask, and goes with the clip (ids play no part; 005 keeps them). */
export const CLIP_DOC_FOLLOW_TRIGGERS = `
  CREATE TRIGGER clips_search_au AFTER UPDATE OF title, context, ask ON clips BEGIN
    UPDATE search_docs SET title = new.title, context = new.context, ask = new.ask
      WHERE clip_id = new.id AND kind = 'clip';
  END;
  CREATE TRIGGER clips_search_ad AFTER DELETE ON clips BEGIN
    DELETE FROM search_docs WHERE clip_id = old.id;
  END;
`;

/** A deleted decision takes its document with it (found by event id; 005 keeps it). */
export const DECISION_DOC_DELETE_TRIGGER = `
  CREATE TRIGGER events_search_ad AFTER DELETE ON events WHEN old.kind = 'decision' BEGIN
    DELETE FROM search_docs WHERE clip_id = old.clip_id AND kind = 'decision' AND event_id = old.id;
  END;
`;

export const search: Migration = {
  name: 'search',
  up(db) {
    db.exec(`
      CREATE TABLE search_docs (
        id INTEGER PRIMARY KEY,
        clip_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('clip', 'segment', 'decision')),
        event_id TEXT,
        start_ms INTEGER,
        title TEXT,
        context TEXT,
        ask TEXT,
        body TEXT
      );
      CREATE INDEX search_docs_clip ON search_docs(clip_id, kind);

      ${SEARCH_FTS_TABLE}
      ${SEARCH_DOCS_TRIGGERS}
      CREATE TRIGGER clips_search_ai AFTER INSERT ON clips BEGIN
        INSERT INTO search_docs (id, clip_id, kind, title, context, ask)
          VALUES ((SELECT min(0, coalesce(min(id), 0)) - 1 FROM search_docs), new.id, 'clip', new.title, new.context, new.ask);
      END;
      ${CLIP_DOC_FOLLOW_TRIGGERS}

      CREATE TRIGGER segments_search_ai AFTER INSERT ON segments BEGIN
        INSERT INTO search_docs (id, clip_id, kind, start_ms, body) VALUES (new.id, new.clip_id, 'segment', new.start_ms, new.text);
      END;
      CREATE TRIGGER segments_search_au AFTER UPDATE OF text, start_ms ON segments BEGIN
        UPDATE search_docs SET body = new.text, start_ms = new.start_ms WHERE id = new.id;
      END;
      CREATE TRIGGER segments_search_ad AFTER DELETE ON segments BEGIN
        DELETE FROM search_docs WHERE id = old.id;
      END;

      CREATE TRIGGER events_search_ai AFTER INSERT ON events WHEN new.kind = 'decision' AND new.text IS NOT NULL BEGIN
        INSERT INTO search_docs (id, clip_id, kind, event_id, start_ms, body)
          VALUES ((SELECT min(0, coalesce(min(id), 0)) - 1 FROM search_docs), new.clip_id, 'decision', new.id, new.at_ms, new.text);
      END;
      CREATE TRIGGER events_search_au AFTER UPDATE OF text, at_ms, kind ON events BEGIN
        DELETE FROM search_docs WHERE clip_id = old.clip_id AND kind = 'decision' AND event_id = old.id;
        INSERT INTO search_docs (id, clip_id, kind, event_id, start_ms, body)
          SELECT (SELECT min(0, coalesce(min(id), 0)) - 1 FROM search_docs), new.clip_id, 'decision', new.id, new.at_ms, new.text
          WHERE new.kind = 'decision' AND new.text IS NOT NULL;
      END;
      ${DECISION_DOC_DELETE_TRIGGER}

      INSERT INTO search_docs (id, clip_id, kind, start_ms, body) SELECT id, clip_id, 'segment', start_ms, text FROM segments;
      INSERT INTO search_docs (id, clip_id, kind, title, context, ask)
        SELECT -row_number() OVER (ORDER BY id), id, 'clip', title, context, ask FROM clips;
      INSERT INTO search_docs (id, clip_id, kind, event_id, start_ms, body)
        SELECT (SELECT coalesce(min(id), 0) FROM search_docs WHERE id < 0) - row_number() OVER (ORDER BY id), clip_id, 'decision', id, at_ms, text
        FROM events WHERE kind = 'decision' AND text IS NOT NULL;
    `);
  },
};
