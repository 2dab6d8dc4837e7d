// Sync's small entries: people, the team's norms, events on updates and transcripts published after an update.
import { HandoffError } from '../../../shared/result';
import { findClip } from '../library/clips-store';
import { eventFile, JSON_LIMITS, normsFile, parseWorkspaceJson, personFile, transcriptKey } from './files';
import type { Outcome, SyncContext } from './sync-context';

export function createEntryIndexers(ctx: SyncContext) {
  const { deps, counts, changed, writes, problem, waiting, readJson } = ctx;
  const { db, store } = deps;

  async function person(key: string): Promise<Outcome> {
    const read = await readJson(key, JSON_LIMITS.person, null);
    if (read === 'refused') return 'problem';
    if (!read) return 'unchanged';
    if (store.indexedHash(key) === read.hash) return 'unchanged';
    const parsed = parseWorkspaceJson(read.bytes, personFile);
    if (!parsed.ok) return problem(key, parsed.kind, null, parsed.message, parsed.kind === 'malformed');
    let counted: boolean;
    try {
      counted = deps.people.indexPerson(parsed.value, deps.meId);
    } catch (error) {
      if (!(error instanceof HandoffError)) throw error;
      return problem(key, 'malformed', null, error.message, false);
    }
    store.setIndexed(key, read.hash, 'person', null);
    store.clearProblem(key);
    store.clearPending(key);
    if (counted) counts.people++;
    return 'indexed';
  }

  async function norms(key: string): Promise<Outcome> {
    if (!deps.norms) return 'unchanged';
    const read = await readJson(key, JSON_LIMITS.norms, null);
    if (read === 'refused') return 'problem';
    if (!read || deps.norms.known(key, read.bytes)) return 'unchanged';
    const parsed = parseWorkspaceJson(read.bytes, normsFile);
    if (!parsed.ok) return problem(key, parsed.kind, null, parsed.message, parsed.kind === 'malformed');
    deps.norms.index(key, read.bytes, parsed.value);
    store.clearProblem(key);
    store.clearPending(key);
    return 'indexed';
  }

  const insertEvent = db.prepare(
    `INSERT INTO events (id, clip_id, kind, author_id, author_name, created_at, at_ms, emoji, text, reply_clip_id, parent_id)
     VALUES (@id, @clipId, @kind, @authorId, @authorName, @createdAt, @atMs, @emoji, @text, @replyClipId, @parentId)`,
  );

  async function event(key: string, clipId: string, eventId: string): Promise<Outcome> {
    const read = await readJson(key, JSON_LIMITS.event, clipId);
    if (read === 'refused') return 'problem';
    if (!read) return waiting(key, clipId, 'the event has not arrived yet');
    const known = store.indexedHash(key);
    if (known === read.hash) {
      store.clearPending(key);
      return 'unchanged';
    }
    if (known !== null) return problem(key, 'conflict', clipId, 'the event changed after it was indexed; the first version is kept', false);
    const parsed = parseWorkspaceJson(read.bytes, eventFile);
    if (!parsed.ok) return problem(key, parsed.kind, clipId, parsed.message, parsed.kind === 'malformed');
    const e = parsed.value;
    if (e.clipId !== clipId || e.id !== eventId) return problem(key, 'malformed', clipId, 'event id or clip id does not match its path', false);
    if (!findClip(db, clipId)) return waiting(key, clipId, 'waiting for the update this event belongs to');
    if (db.prepare('SELECT 1 FROM events WHERE id = ?').get(e.id)) {
      return problem(key, 'conflict', clipId, `an event with id ${e.id} already exists here; neither is overwritten`, false);
    }
    insertEvent.run({
      id: e.id,
      clipId,
      kind: e.kind,
      authorId: e.author.id,
      authorName: e.author.name,
      createdAt: e.createdAt,
      atMs: e.atMs,
      emoji: e.emoji,
      text: e.text,
      replyClipId: e.replyClipId,
      parentId: e.parentId ?? null,
    });
    store.setIndexed(key, read.hash, 'event', clipId);
    store.clearPending(key);
    store.clearProblem(key);
    changed.add(clipId);
    counts.events++;
    return 'indexed';
  }

  async function transcript(key: string): Promise<Outcome> {
    const where = transcriptKey(key);
    const read = await readJson(key, JSON_LIMITS.transcript, where?.clipId ?? null);
    if (read === 'refused') return 'problem';
    if (!read) return waiting(key, where?.clipId ?? null, 'the transcript has not arrived yet');
    const result = await deps.transcripts.index(key, read.bytes, writes);
    if (result.outcome === 'problem') return problem(key, result.kind, result.clipId, result.message, result.kind === 'malformed');
    if (result.outcome === 'waiting') return waiting(key, result.clipId, 'waiting for the update this transcript belongs to');
    store.clearPending(key);
    store.clearProblem(key);
    if (result.outcome === 'applied') {
      changed.add(result.clipId);
      counts.transcripts++;
    }
    return result.outcome === 'unchanged' ? 'unchanged' : 'indexed';
  }

  return { person, norms, event, transcript };
}
