// `handoff doctor`'s line about the media cache: how much of teammates' video is kept here, against the cap.
import type { DoctorReport } from '../../../shared/contract/app';
import type { CacheUsage } from '../media/media-cache';

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

export function mediaDoctorCheck(usage: CacheUsage, dir: string): DoctorReport['checks'][number] {
  const over = usage.bytes > usage.capBytes;
  return {
    name: 'media cache',
    // Over the cap only when everything left is pinned or playing: worth saying, never a reason a recording cannot be made.
    ok: !over,
    required: false,
    detail: `${formatBytes(usage.bytes)} of ${formatBytes(usage.capBytes)} cap (${usage.bytes} of ${usage.capBytes} bytes), ${usage.clips} video${usage.clips === 1 ? '' : 's'}, ${usage.pinnedClips} kept offline; ${dir}`,
    fix: over ? 'Everything left is kept offline or playing: unpin some (`handoff media ID --no-keep-offline`) or raise media.cacheCapBytes.' : undefined,
  };
}
