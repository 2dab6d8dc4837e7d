// Memory of a process and everything it started, read from /proc (Linux): what bench:record counts against the
// recording budget. Descendants are grouped by what they are, so a recognizer's share shows apart from ffmpeg's.
import { readdirSync, readFileSync } from 'node:fs';

export type ProcessKind = 'ffmpeg' | 'recognizer' | 'other';

/** A `Name: N kB` field of a /proc file, in bytes (0 when the process is gone). */
function procBytes(file: string, field: 'VmRSS' | 'Pss'): number {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(file, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0; // the process ended between listing and reading
  }
}

export const rssOf = (pid: number): number => procBytes(`/proc/${pid}/status`, 'VmRSS');

/**
 * Proportional set size: RSS with each shared page divided among the processes sharing it. Summing RSS counts a shared
 * library once per process that maps it (libc, and ffmpeg's when two ffmpeg run, e.g. ffprobe at stop); PSS once.
 */
export const pssOf = (pid: number): number => procBytes(`/proc/${pid}/smaps_rollup`, 'Pss');

/** Parent pid and command name (`comm`, at most 15 characters) of every process, from /proc. */
function processes(): Map<number, { ppid: number; name: string }> {
  const all = new Map<number, { ppid: number; name: string }>();
  for (const entry of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      all.set(Number(entry), { ppid: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]), name });
    } catch {
      continue; // the process ended between listing and reading
    }
  }
  return all;
}

export function kindOf(name: string): ProcessKind {
  // ffprobe reads the finished clip (duration, thumbnail): ffmpeg's work too.
  if (name === 'ffmpeg' || name === 'ffprobe') return 'ffmpeg';
  if (name.startsWith('whisper') || name.startsWith('pocketsphinx')) return 'recognizer';
  return 'other';
}

/** RSS of a process (the recorder) and of its descendants by kind: ffmpeg, the recognizer, the rest (esbuild under tsx). */
export function treeRss(root: number): { recorder: number; children: number; byKind: Record<ProcessKind, number>; pss: number; otherNames: string[] } {
  const all = processes();
  const inTree = new Set([root]);
  const byKind: Record<ProcessKind, number> = { ffmpeg: 0, recognizer: 0, other: 0 };
  let children = 0;
  let pss = pssOf(root);
  const otherNames: string[] = [];
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, { ppid, name }] of all) {
      if (inTree.has(ppid) && !inTree.has(pid)) {
        inTree.add(pid);
        const rss = rssOf(pid);
        children += rss;
        pss += pssOf(pid);
        byKind[kindOf(name)] += rss;
        if (kindOf(name) === 'other') otherNames.push(name);
        grew = true;
      }
    }
  }
  return { recorder: rssOf(root), children, byKind, pss, otherNames };
}
