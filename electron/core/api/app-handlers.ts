import type { DoctorReport } from '../../../shared/contract/app';
import type { CoreOptions } from '../compose';
import { runDoctor } from '../doctor/doctor';
import type { HandlersFor } from './dispatch';

export function appHandlers(deps: {
  options: CoreOptions;
  paths: { dataDir: string; modelsDir: string };
  locate: (name: string, envVar: string) => Promise<string | null>;
  /** Checks other services add to `handoff doctor` (library integrity, …). */
  extraChecks?: () => Promise<DoctorReport['checks']>;
}): HandlersFor<'app'> {
  const { options, paths, locate } = deps;
  return {
    'app:info': () => ({ name: 'Handoff', version: options.version, platform: options.platform, dataDir: paths.dataDir }),
    // A composed core has finished its migrations; a host answers this itself while the core is still starting.
    'app:startup': () => ({ state: 'ready' as const, step: null, total: null }),
    'app:doctor': async () =>
      runDoctor({
        ffmpegPath: await locate('ffmpeg', 'HANDOFF_FFMPEG'),
        whisperPath: await locate('whisper-cli', 'HANDOFF_WHISPER_CLI'),
        modelsDir: paths.modelsDir,
        dataDir: paths.dataDir,
        env: options.env,
        platform: options.platform,
        extraChecks: deps.extraChecks,
        nativeRoot: options.nativeRoot ?? null,
      }),
  };
}
