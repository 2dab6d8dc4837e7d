// The packaging step's choice of helper binaries per platform, and its refusal of a dynamically linked ffmpeg.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { foreignLibraries, linkageReport, planStaging, recorderCanUse, refuseDynamic } from '../../scripts/lib/binary-staging.mjs';

const require = createRequire(import.meta.url);

function resolverFor(installed: Record<string, string>) {
  return (name: string) => installed[name] ?? null;
}

describe('planStaging', () => {
  it('takes ffmpeg from ffmpeg-static and ffprobe from the platform @ffprobe-installer package, never PATH', () => {
    const plan = planStaging({
      platform: 'linux',
      arch: 'x64',
      env: { PATH: '/usr/bin' },
      resolvePackageDir: resolverFor({ 'ffmpeg-static': '/p/node_modules/ffmpeg-static', '@ffprobe-installer/linux-x64': '/p/node_modules/@ffprobe-installer/linux-x64' }),
      binDir: '/p/resources/bin',
    });
    expect(plan.map((e) => [e.name, e.source, e.target])).toEqual([
      ['ffmpeg', { kind: 'package', package: 'ffmpeg-static', path: '/p/node_modules/ffmpeg-static/ffmpeg' }, '/p/resources/bin/ffmpeg'],
      ['ffprobe', { kind: 'package', package: '@ffprobe-installer/linux-x64', path: '/p/node_modules/@ffprobe-installer/linux-x64/ffprobe' }, '/p/resources/bin/ffprobe'],
      ['whisper-cli', { kind: 'built', path: '/p/resources/bin/whisper-cli' }, '/p/resources/bin/whisper-cli'],
    ]);
  });

  it('names the package for each platform and arch, with .exe on Windows', () => {
    const asked: string[] = [];
    const cases = [
      ['darwin', 'arm64', '@ffprobe-installer/darwin-arm64', 'ffprobe'],
      ['darwin', 'x64', '@ffprobe-installer/darwin-x64', 'ffprobe'],
      ['win32', 'x64', '@ffprobe-installer/win32-x64', 'ffprobe.exe'],
      ['linux', 'arm64', '@ffprobe-installer/linux-arm64', 'ffprobe'],
    ] as const;
    for (const [platform, arch, pkg, exe] of cases) {
      const plan = planStaging({
        platform,
        arch,
        env: {},
        resolvePackageDir: (name) => (asked.push(name), `/pkgs/${name}`),
        binDir: '/app/resources/bin',
      });
      const ffprobe = plan.find((e) => e.name === 'ffprobe')!;
      expect(ffprobe.source).toMatchObject({ kind: 'package', package: pkg });
      if (platform === 'win32') {
        expect(ffprobe.source!.path).toBe(`\\pkgs\\${pkg.replace('/', '\\')}\\${exe}`);
        expect(plan.find((e) => e.name === 'whisper-cli')!.target).toBe('\\app\\resources\\bin\\whisper-cli.exe');
        expect(plan.find((e) => e.name === 'ffmpeg')!.target).toBe('\\app\\resources\\bin\\ffmpeg.exe');
      } else {
        expect(ffprobe.source!.path).toBe(`/pkgs/${pkg}/${exe}`);
      }
    }
    expect(asked).not.toContain('@ffmpeg-installer/linux-x64');
  });

  it('prefers an explicit static build from the environment, and says what to do when nothing applies', () => {
    const plan = planStaging({
      platform: 'darwin',
      arch: 'arm64',
      env: { HANDOFF_STAGE_FFMPEG: '/opt/static/ffmpeg' },
      resolvePackageDir: () => null,
      binDir: '/r/bin',
    });
    expect(plan[0]).toMatchObject({ name: 'ffmpeg', required: true, source: { kind: 'env', variable: 'HANDOFF_STAGE_FFMPEG', path: '/opt/static/ffmpeg' } });
    expect(plan[1]).toMatchObject({ name: 'ffprobe', required: true, source: null });
    expect(plan[1].hint).toContain('HANDOFF_STAGE_FFPROBE');
    expect(plan[1].hint).toContain('@ffprobe-installer/darwin-arm64');
    expect(plan[2]).toMatchObject({ name: 'whisper-cli', required: false });
  });
});

describe('linkage check', () => {
  const linux = process.platform === 'linux';

  it.skipIf(!linux || !existsSync('/usr/bin/ffmpeg'))("refuses Debian's dynamically linked ffmpeg with a clear message", () => {
    const report = linkageReport('linux', '/usr/bin/ffmpeg');
    const foreign = foreignLibraries('linux', report);
    expect(foreign).toEqual(expect.arrayContaining([expect.stringMatching(/^libavcodec\.so/), expect.stringMatching(/^libavformat\.so/)]));
    expect(foreign.some((lib) => /^(libc\.so|libm\.so|ld-linux|linux-vdso)/.test(lib))).toBe(false);
    const message = refuseDynamic('ffmpeg', '/usr/bin/ffmpeg', 'linux', report);
    expect(message).toMatch(/^\/usr\/bin\/ffmpeg is dynamically linked \(libav/);
    expect(message).toContain('HANDOFF_STAGE_FFMPEG');
  });

  it.skipIf(!linux || process.arch !== 'x64')('accepts the static ffprobe that @ffprobe-installer/linux-x64 ships', () => {
    const ffprobe = path.join(path.dirname(require.resolve('@ffprobe-installer/linux-x64/package.json')), 'ffprobe');
    const report = linkageReport('linux', ffprobe);
    expect(report).toMatch(/not a dynamic executable|statically linked/);
    expect(refuseDynamic('ffprobe', ffprobe, 'linux', report)).toBeNull();
  });

  it('accepts a binary linking only glibc, and reads otool output on macOS', () => {
    const glibcOnly = [
      '\tlinux-vdso.so.1 (0x00007ffd1d9f3000)',
      '\tlibm.so.6 => /lib/x86_64-linux-gnu/libm.so.6 (0x00007f0c)',
      '\tlibpthread.so.0 => /lib/x86_64-linux-gnu/libpthread.so.0 (0x00007f0c)',
      '\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f0c)',
      '\t/lib64/ld-linux-x86-64.so.2 (0x00007f0c)',
    ].join('\n');
    expect(foreignLibraries('linux', glibcOnly)).toEqual([]);
    const homebrew = [
      '/opt/homebrew/bin/ffmpeg:',
      '\t/opt/homebrew/Cellar/ffmpeg/7.1/lib/libavdevice.61.dylib (compatibility version 61.0.0, current version 61.3.100)',
      '\t/usr/lib/libSystem.B.dylib (compatibility version 1.0.0, current version 1345.100.2)',
      '\t/System/Library/Frameworks/CoreFoundation.framework/Versions/A/CoreFoundation (compatibility version 150.0.0)',
    ].join('\n');
    expect(foreignLibraries('darwin', homebrew)).toEqual(['/opt/homebrew/Cellar/ffmpeg/7.1/lib/libavdevice.61.dylib']);
    expect(refuseDynamic('ffmpeg', '/opt/homebrew/bin/ffmpeg', 'darwin', homebrew)).toContain('dynamically linked');
    expect(refuseDynamic('ffmpeg', 'C:\\ffmpeg.exe', 'win32', 'anything')).toBeNull();
  });

  it.skipIf(!existsSync('/usr/bin/ffmpeg'))("checks that the ffmpeg takes the recorder's -fps_mode", () => {
    expect(recorderCanUse('/usr/bin/ffmpeg')).toEqual({ ok: true, reason: '' });
  });
});
