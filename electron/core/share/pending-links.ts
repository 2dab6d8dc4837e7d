// A share link for a recording that is still being made: the link is handed out the moment recording starts (copy it
// while talking), before the clip exists, so it cannot be a share_links row yet (those name a clip). It waits as a
// small file named by the token's digest; the share server answers it with a "recording in progress" page that
// refreshes itself, and turns it into an ordinary link the first time it is opened after the clip exists.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { newShareToken, secretsEqual, tokenDigest } from './secrets';

const pendingFile = z.object({ token: z.string(), recordingId: z.string(), createdAt: z.string(), expiresAt: z.string().nullable() });
export type PendingLink = z.infer<typeof pendingFile>;

export function createPendingLinks(dir: string) {
  const fileOf = (token: string) => path.join(dir, `${tokenDigest(token)}.json`);
  return {
    reserve(recordingId: string, now: Date, expiresAt: Date | null): PendingLink {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const link: PendingLink = { token: newShareToken(), recordingId, createdAt: now.toISOString(), expiresAt: expiresAt?.toISOString() ?? null };
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
    /** The links handed out for one recording (its clip's page lists them once the clip exists). */
    forRecording(recordingId: string): PendingLink[] {
      let names: string[];
      try {
        names = readdirSync(dir).filter((name) => name.endsWith('.json'));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      const found: PendingLink[] = [];
      for (const name of names) {
        let text: string;
        try {
          text = readFileSync(path.join(dir, name), 'utf8');
        } catch (error) {
          // Promoted (removed) by the share server between listing and reading: no longer pending.
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
          throw error;
        }
        const link = pendingFile.parse(JSON.parse(text));
        if (link.recordingId === recordingId) found.push(link);
      }
      return found;
    },
    remove(token: string): void {
      rmSync(fileOf(token), { force: true });
    },
  };
}
export type PendingLinks = ReturnType<typeof createPendingLinks>;
