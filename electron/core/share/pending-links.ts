// A share link for a recording that is still being made: the link is handed out the moment recording starts (copy it
// while talking), before the clip exists, so it cannot be a share_links row yet (those name a clip). It waits as a
// small file named by the token's digest. A local one: the share server answers it with a "recording in progress" page
// that refreshes itself, and turns it into an ordinary link the first time it is opened after the clip exists. On an
// S3 workspace the bucket serves such a page under the token (s3-early-link.ts), and the clip's page replaces it when
// the recording ends.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { newShareToken, secretsEqual, tokenDigest } from './secrets';

const pendingFile = z.object({
  token: z.string(),
  recordingId: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  // Files written before S3 links existed are local ones.
  kind: z.enum(['local', 's3']).default('local'),
  /** An S3 link's presigned page address (the one handed out); null for a local link. */
  url: z.string().nullable().default(null),
});
export type PendingLink = z.infer<typeof pendingFile>;

export function createPendingLinks(dir: string) {
  const fileOf = (token: string) => path.join(dir, `${tokenDigest(token)}.json`);

  /** Every pending link (a handful of files: one per "Copy link" while a recording ran). */
  function all(): PendingLink[] {
    let names: string[];
    try {
      names = readdirSync(dir).filter((name) => name.endsWith('.json'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return names.flatMap((name) => {
      let text: string;
      try {
        text = readFileSync(path.join(dir, name), 'utf8');
      } catch (error) {
        // Finished and removed by another process (the app and the CLI share the folder) since the listing.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      const parsed = pendingFile.safeParse(parseJson(text));
      return parsed.success ? [parsed.data] : [];
    });
  }

  return {
    /** A new pending link; an S3 one names its token and address (its page is already in the bucket). */
    reserve(recordingId: string, now: Date, expiresAt: Date | null, s3?: { token: string; url: string }): PendingLink {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const link: PendingLink = {
        token: s3?.token ?? newShareToken(),
        recordingId,
        createdAt: now.toISOString(),
        expiresAt: expiresAt?.toISOString() ?? null,
        kind: s3 ? 's3' : 'local',
        url: s3?.url ?? null,
      };
      const file = fileOf(link.token);
      writeFileSync(`${file}.tmp`, JSON.stringify(link), { mode: 0o600 });
      renameSync(`${file}.tmp`, file);
      return link;
    },
    /** The pending link of that token, compared in constant time like a stored one; null when there is none. */
    find(token: string): PendingLink | null {
      let text: string;
      try {
        text = readFileSync(fileOf(token), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      const link = pendingFile.parse(JSON.parse(text));
      return secretsEqual(token, link.token) ? link : null;
    },
    all,
    /** The pending links of one recording. */
    ofRecording: (recordingId: string): PendingLink[] => all().filter((link) => link.recordingId === recordingId),
    remove(token: string): void {
      rmSync(fileOf(token), { force: true });
    },
  };
}
export type PendingLinks = ReturnType<typeof createPendingLinks>;

/** The JSON in a pending file, or undefined when it is not JSON (never written by reserve(), which renames a whole file). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}
