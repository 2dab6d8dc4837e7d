import { describe, expect, it } from 'vitest';
import { createEditStore } from '../../electron/core/edit/edit-store';
import { openDatabase } from '../../electron/core/library/database';
import { insertClip } from '../../electron/core/library/clips-store';
import { createMemoryLogger } from '../../electron/core/logger';

const now = new Date('2026-12-05T10:00:00Z');
const r = (startMs: number, endMs: number) => ({ startMs, endMs });

function setup() {
  const db = openDatabase(':memory:', createMemoryLogger());
  const clip = insertClip(db, { authorName: 'Ana', authorTimezone: 'Europe/Berlin', recordedAt: now, durationMs: 10_000, state: 'ready', source: 'recorded' }, now);
  return { db, store: createEditStore(db), id: clip.id };
}

describe('edit history (migration 010)', () => {
  it('undo and redo move through versions; a new edit after an undo drops what could be redone', () => {
    const { store, id } = setup();
    expect(store.cursor(id)).toMatchObject({ version: 0, kept: null, canUndo: false, canRedo: false });
    store.push(id, [r(0, 5000)], 'trim', now);
    store.push(id, [r(0, 2000), r(3000, 5000)], 'cut', now);
    expect(store.step(id, -1)).toMatchObject({ version: 1, kept: [r(0, 5000)], canUndo: true, canRedo: true });
    expect(store.step(id, 1)).toMatchObject({ version: 2, op: 'cut', canRedo: false });
    expect(store.step(id, 1)).toBeNull();
    store.step(id, -1);
    store.push(id, [r(1000, 5000)], 'trim', now);
    expect(store.cursor(id)).toMatchObject({ version: 2, kept: [r(1000, 5000)], canRedo: false });
    // Reset is a version too (kept null: the whole clip), so it can be undone.
    store.push(id, null, 'reset', now);
    expect(store.cursor(id).kept).toBeNull();
    expect(store.step(id, -1)?.kept).toEqual([r(1000, 5000)]);
    expect(store.step(id, -1)?.kept).toEqual([r(0, 5000)]);
    expect(store.step(id, -1)).toMatchObject({ version: 0, kept: null, canUndo: false });
    expect(store.step(id, -1)).toBeNull();
  });

  it('an edit goes with its clip', () => {
    const { db, store, id } = setup();
    store.push(id, [r(0, 5000)], 'trim', now);
    db.prepare('DELETE FROM clips WHERE id = ?').run(id);
    expect(db.prepare('SELECT count(*) FROM clip_edit_versions').pluck().get()).toBe(0);
    expect(store.row(id)).toBeNull();
  });
});
