export type StagingSource =
  | { kind: 'env'; variable: string; path: string }
  | { kind: 'package'; package: string; path: string }
  | { kind: 'built'; path: string };

export interface StagingEntry {
  name: 'ffmpeg' | 'ffprobe' | 'whisper-cli';
  target: string;
  required: boolean;
  source: StagingSource | null;
  hint: string;
}

export const STATIC_SOURCES: Record<'ffmpeg' | 'ffprobe', { envVar: string }>;
export function executableName(name: string, platform: NodeJS.Platform): string;
export function planStaging(options: {
  platform: NodeJS.Platform;
  arch: string;
  env: Record<string, string | undefined>;
  resolvePackageDir: (name: string) => string | null;
  binDir: string;
}): StagingEntry[];
export function foreignLibraries(platform: NodeJS.Platform, output: string): string[];
export function linkageReport(platform: NodeJS.Platform, file: string): string;
export function refuseDynamic(name: string, file: string, platform: NodeJS.Platform, output: string): string | null;
export function recorderCanUse(ffmpeg: string): { ok: boolean; reason: string };
