// Which helper binaries a packaged app ships, and from where: the choice `scripts/stage-binaries.mjs` acts on, kept
// pure (platform, arch, environment and a package resolver in; a plan out) so it is tested for every platform here.
//
// Never from PATH: Debian's and Homebrew's ffmpeg are dynamically linked against libraries a clean machine does not
// have, so an installer built from them starts nowhere but on the build machine.
import { spawnSync } from 'node:child_process';

/**
 * The npm packages that carry a static build per platform. ffprobe: @ffprobe-installer ships one inside each
 * platform's tarball (a devDependency, installed by `npm ci` for the runner's platform). ffmpeg: @ffmpeg-installer's
 * tarballs carry a 2018 build without `-fps_mode` (the recorder needs ffmpeg ≥ 5.1), so ffmpeg comes from
 * `ffmpeg-static`, which downloads its static build from GitHub at install time: the workflow installs it where
 * GitHub is reachable, or HANDOFF_STAGE_FFMPEG names any static build.
 */
export const STATIC_SOURCES = {
  ffmpeg: { envVar: 'HANDOFF_STAGE_FFMPEG', packages: [{ name: () => 'ffmpeg-static', file: (exe) => exe }] },
  ffprobe: {
    envVar: 'HANDOFF_STAGE_FFPROBE',
    packages: [{ name: (platform, arch) => `@ffprobe-installer/${platform}-${arch}`, file: (exe) => exe }],
  },
};

export function executableName(name, platform) {
  return platform === 'win32' ? `${name}.exe` : name;
}

function join(platform, ...parts) {
  const sep = platform === 'win32' ? '\\' : '/';
  return parts.join(sep).replace(/[\\/]+/g, sep);
}

/**
 * The plan for one platform: for ffmpeg and ffprobe the first source that applies (an explicit file from the
 * environment, else a package that resolves), for whisper-cli the build `npm run build:whisper` left in
 * resources/bin. `source` is null when nothing applies; `hint` then says what to do.
 */
export function planStaging({ platform, arch, env, resolvePackageDir, binDir }) {
  const plan = [];
  for (const [name, spec] of Object.entries(STATIC_SOURCES)) {
    const exe = executableName(name, platform);
    let source = null;
    if (env[spec.envVar]) source = { kind: 'env', variable: spec.envVar, path: env[spec.envVar] };
    for (const pkg of spec.packages) {
      if (source) break;
      const packageName = pkg.name(platform, arch);
      const dir = resolvePackageDir(packageName);
      if (dir) source = { kind: 'package', package: packageName, path: join(platform, dir, pkg.file(exe)) };
    }
    const packages = spec.packages.map((pkg) => pkg.name(platform, arch)).join(' or ');
    plan.push({
      name,
      target: join(platform, binDir, exe),
      required: true,
      source,
      hint: `no static ${name} for ${platform}-${arch}: set ${spec.envVar} to a static build, or install ${packages}.`,
    });
  }
  const whisper = executableName('whisper-cli', platform);
  plan.push({
    name: 'whisper-cli',
    target: join(platform, binDir, whisper),
    required: false,
    source: { kind: 'built', path: join(platform, binDir, whisper) },
    hint: 'whisper-cli is not built: run `npm run build:whisper` first, or the app ships without transcription.',
  });
  return plan;
}

// The libraries every Linux machine has (glibc and the kernel's vDSO): anything else a binary links must ship with it.
const LINUX_SYSTEM_LIBRARIES = [/^linux-vdso\.so/, /^linux-gate\.so/, /^ld-linux[\w.-]*\.so/, /^libc\.so/, /^libm\.so/, /^libpthread\.so/, /^libdl\.so/, /^librt\.so/];

/**
 * The libraries a binary links that a clean machine may lack, from `ldd` (Linux) or `otool -L` (macOS) output. Empty
 * for a static binary. Windows is not inspected (its static builds are the only ones the packages carry).
 */
export function foreignLibraries(platform, output) {
  if (platform === 'linux') {
    if (/not a dynamic executable|statically linked/.test(output)) return [];
    return output
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .filter((line) => {
        const name = line.split(/\s+/)[0].split('/').pop();
        return !LINUX_SYSTEM_LIBRARIES.some((pattern) => pattern.test(name));
      })
      .map((line) => line.split(/\s+/)[0].split('/').pop());
  }
  if (platform === 'darwin') {
    return output
      .split('\n')
      .slice(1)
      .map((line) => line.trim().replace(/\s*\(compatibility version.*\)$/, ''))
      .filter((lib) => lib && !lib.startsWith('/usr/lib/') && !lib.startsWith('/System/Library/'));
  }
  return [];
}

/** Runs the platform's linkage tool on `file`; the output foreignLibraries() reads. */
export function linkageReport(platform, file) {
  const [command, args] = platform === 'darwin' ? ['otool', ['-L', file]] : ['ldd', [file]];
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) throw new Error(`${command} could not run on ${file}: ${result.error.message}`);
  return `${result.stdout ?? ''}${result.stderr ?? ''}`;
}

/** Null when `file` is safe to ship; otherwise the sentence that refuses it. */
export function refuseDynamic(name, file, platform, output) {
  if (platform !== 'linux' && platform !== 'darwin') return null;
  const foreign = foreignLibraries(platform, output);
  if (!foreign.length) return null;
  const shown = foreign.slice(0, 4).join(', ') + (foreign.length > 4 ? `, and ${foreign.length - 4} more` : '');
  return (
    `${file} is dynamically linked (${shown}): the packaged app's ${name} would not start on a machine without those ` +
    `libraries. Stage a static build instead: set ${STATIC_SOURCES[name]?.envVar ?? 'the staging variable'} to one, ` +
    `or install the package that carries it (see scripts/lib/binary-staging.mjs).`
  );
}

/**
 * Whether this ffmpeg takes the options the recorder passes (`-fps_mode` arrived in ffmpeg 5.1; the 2018 static
 * build some packages carry refuses it). One tiny encode to nowhere: the only reliable test across version strings.
 */
export function recorderCanUse(ffmpeg) {
  const result = spawnSync(
    ffmpeg,
    ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=32x32:rate=5:duration=0.4', '-fps_mode', 'cfr', '-f', 'null', '-'],
    { encoding: 'utf8', timeout: 30_000 },
  );
  if (result.error) return { ok: false, reason: result.error.message };
  return result.status === 0 ? { ok: true, reason: '' } : { ok: false, reason: (result.stderr ?? '').trim().split('\n').slice(-2).join(' ') };
}
