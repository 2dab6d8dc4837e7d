// Who owns a recording folder, recognised for real. A pid alone is not enough: after a kill -9 the owner can linger
// as a zombie (its parent has not reaped it yet), and pids are reused (pid_max is 32768 on many systems), so
// `kill(pid, 0)` answers for a process that is not the owner. On Linux the owner's start time (field 22 of
// /proc/<pid>/stat, clock ticks since boot) is recorded next to its pid: a different start time is a different
// process, and state Z (zombie) or X (dead) is dead. Where there is no /proc, `kill(pid, 0)` is what there is.
import { readFileSync } from 'node:fs';

interface ProcStat {
  state: string;
  startTime: string;
}

/** Reads /proc/<pid>/stat; null when the process is gone (or there is no /proc). */
export function readProcStat(pid: number, procRoot = '/proc'): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`${procRoot}/${pid}/stat`, 'utf8');
  } catch (error) {
    if (['ENOENT', 'ESRCH', 'ENOTDIR', 'EACCES'].includes((error as NodeJS.ErrnoException).code ?? '')) return null;
    throw error;
  }
  return parseProcStat(text);
}

/** The command name (field 2) is in parentheses and may hold spaces or ')': fields are counted after the last ')'. */
export function parseProcStat(text: string): ProcStat | null {
  const rest = text.slice(text.lastIndexOf(')') + 2).trim().split(/\s+/);
  // rest[0] is field 3 (state); field 22 (starttime) is rest[19].
  if (rest.length < 20) return null;
  return { state: rest[0], startTime: rest[19] };
}

function procAvailable(): boolean {
  return readProcStat(process.pid) !== null;
}

/** The token recorded in a manifest next to a pid: `linux:<starttime>`, or null where it cannot be known. */
export function processStartToken(pid: number): string | null {
  const stat = readProcStat(pid);
  return stat ? `linux:${stat.startTime}` : null;
}

function signalAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the process that wrote `pid` (and, when recorded, `startToken`) is still running. A zombie is dead; a pid
 * now held by a process started at another time is dead (reused); without /proc, the signal check decides.
 */
export function ownerAlive(pid: number | null, startToken: string | null | undefined): boolean {
  if (!pid || pid <= 0) return false;
  if (process.platform === 'linux' && procAvailable()) {
    const stat = readProcStat(pid);
    if (!stat) return false;
    if (stat.state === 'Z' || stat.state === 'X' || stat.state === 'x') return false;
    if (startToken?.startsWith('linux:') && startToken !== `linux:${stat.startTime}`) return false;
    return true;
  }
  return signalAlive(pid);
}
