// Where a clip's edited version lives and which files a viewer gets. The render writes edited.mp4, edited.vtt and
// edited.json (kept ranges and the transcript in edited time) next to the untouched original. Publishing, share links,
// downloads and the player page ask `servedFiles` and get the edited files when the clip has an edit and a render,
// the original otherwise, so one rule decides it for all of them.
import { existsSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Range } from '../../../shared/edit/ranges';
import type { EditSegment } from '../../../shared/edit/words';
import { clipDir } from '../library/clips-store';
import type { Db } from '../library/database';

export const EDITED = { video: 'edited.mp4', captions: 'edited.vtt', info: 'edited.json' } as const;

export interface EditedInfo {
  kept: Range[];
  durationMs: number;
  language: string | null;
  segments: EditSegment[];
}

export interface ServedFiles {
  edited: boolean;
  video: string;
  /** null when the clip has no captions. */
  captions: string | null;
  /** The transcript a viewer reads: edited time for an edited version. Null: the library's own (original) one. */
  info: EditedInfo | null;
}

/** True when the clip's current edit keeps less than the whole clip (an edit that `reset` has not cleared). */
function hasEdit(db: Db, clipId: string): boolean {
  const row = db
    .prepare('SELECT v.kept FROM clip_edits e JOIN clip_edit_versions v ON v.clip_id = e.clip_id AND v.version = e.version WHERE e.clip_id = ?')
    .get(clipId) as { kept: string | null } | undefined;
  return Boolean(row && row.kept !== null);
}

/**
 * The files a viewer of this clip gets. An edited clip with a render gets the rendered files even when the edit has
 * changed since (the last render is closer to what the author wants shown than the original with the cut parts back).
 */
export function servedFiles(db: Db, clipsDir: string, clipId: string): ServedFiles {
  const dir = clipDir(clipsDir, clipId);
  const edited = path.join(dir, EDITED.video);
  const info = path.join(dir, EDITED.info);
  if (hasEdit(db, clipId) && existsSync(edited) && existsSync(info)) {
    const captions = path.join(dir, EDITED.captions);
    return { edited: true, video: edited, captions: existsSync(captions) ? captions : null, info: JSON.parse(readFileSync(info, 'utf8')) as EditedInfo };
  }
  const captions = path.join(dir, 'captions.vtt');
  return { edited: false, video: path.join(dir, 'video.mp4'), captions: existsSync(captions) ? captions : null, info: null };
}
