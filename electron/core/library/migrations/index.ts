import type Database from 'better-sqlite3';
import { initial } from './001-initial';
import { search } from './002-search';
import { workspace } from './003-workspace';
import { shareTokenHash } from './004-share-token-hash';
import { searchClipRanges } from './005-search-clip-ranges';
import { notificationsShown } from './006-notifications-shown';
import { commentsAndTranscripts } from './007-comments-transcripts';
import { norms } from './008-norms';
import { workspaceRefused } from './009-workspace-refused';
import { edits } from './010-edits';
import { mediaCache } from './011-media-cache';
import { inboxWindow } from './012-inbox-window';
import { mediaRemoteParts } from './013-media-remote-parts';

export interface Migration {
  name: string;
  up(db: Database.Database): void;
}

/** In order; a migration's number is its position (1-based) and becomes PRAGMA user_version. Never reorder. */
export const migrations: Migration[] = [
  initial, search, workspace, shareTokenHash, searchClipRanges, notificationsShown, commentsAndTranscripts, norms, workspaceRefused,
  edits,
  mediaCache,
  inboxWindow,
  mediaRemoteParts,
];
