// `npm run build:whisper`: builds whisper.cpp's `whisper-cli` and `whisper-server` (the model kept loaded between
// requests, for transcription while recording) from pinned source into resources/bin/, where
// electron/core/system/binaries.ts locateBinary('whisper-cli' | 'whisper-server') finds them.
//
// The source is whisper.cpp 1.9.1 as shipped inside the npm tarball of nodejs-whisper@0.3.1 (cpp/whisper.cpp): the
// npm registry is reachable where GitHub is not. Only that tarball's whisper.cpp folder is used, never its JS. The
// tarball is pinned by version AND by the registry's sha512 integrity, which we verify ourselves before extracting.
//
// Portable SIMD: GGML_NATIVE=OFF with GGML_BACKEND_DL + GGML_CPU_ALL_VARIANTS builds one CPU backend per x86 level
// (x64 baseline, SSE4.2, AVX, AVX2+FMA+F16C, AVX-512, ...) as shared modules; ggml picks the best one the machine
// supports at run time, so the same binary is fast on AVX2 machines and still runs without AVX.
// Pass --baseline to build a single portable CPU backend instead (faster to build, slower to run), or --native for
// one backend tuned to this machine's CPU (fastest to build and run, not portable: what CI and tests use).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = 'nodejs-whisper';
const PACKAGE_VERSION = '0.3.1';
const INTEGRITY =
  'sha512-ceoilUVraRuR5FnNyXpGQT2auAR48Oc3AQBEmkXnVpSn9iN6yVRzQBFCqVTGWbk6Wdi95NhvwXNzFvuR7erLWw==';
const WHISPER_VERSION = '1.9.1';
const SOURCE_IN_TARBALL = 'package/cpp/whisper.cpp';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const work = path.join(root, 'vendor', 'whisper-build');
const outDir = path.join(root, 'resources', 'bin');
const stampFile = path.join(outDir, 'whisper-cli.build.json');
const force = process.argv.includes('--force');
const baseline = process.argv.includes('--baseline');
const native = process.argv.includes('--native');
const exe = process.platform === 'win32' ? 'whisper-cli.exe' : 'whisper-cli';
const serverExe = process.platform === 'win32' ? 'whisper-server.exe' : 'whisper-server';

function log(message) {
  console.error(`[build:whisper] ${message}`);
}

function run(command, args, options = {}) {
  log(`${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw new Error(`${command} could not start: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} exited with code ${result.status}`);
  return result;
}

const wanted = { whisper: WHISPER_VERSION, package: `${PACKAGE}@${PACKAGE_VERSION}`, integrity: INTEGRITY, baseline, native, server: true };

function upToDate() {
  if (force || !existsSync(stampFile) || !existsSync(path.join(outDir, exe)) || !existsSync(path.join(outDir, serverExe))) return false;
  try {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
    return Object.entries(wanted).every(([key, value]) => stamp[key] === value);
  } catch (error) {
    log(`ignoring unreadable ${stampFile}: ${error.message}`);
    return false;
  }
}

function fetchTarball() {
  const dir = path.join(work, 'tarball');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${PACKAGE}-${PACKAGE_VERSION}.tgz`);
  if (!existsSync(file)) {
    // npm's own client fetches the tarball (and honours the user's registry/proxy configuration).
    const npm = process.env.npm_execpath;
    const [cmd, args] = npm
      ? [process.execPath, [npm, 'pack', `${PACKAGE}@${PACKAGE_VERSION}`, '--pack-destination', dir, '--silent']]
      : ['npm', ['pack', `${PACKAGE}@${PACKAGE_VERSION}`, '--pack-destination', dir, '--silent']];
    run(cmd, args, { shell: false });
  }
  const actual = 'sha512-' + createHash('sha512').update(readFileSync(file)).digest('base64');
  if (actual !== INTEGRITY) {
    rmSync(file, { force: true });
    throw new Error(`integrity mismatch for ${PACKAGE}@${PACKAGE_VERSION}: expected ${INTEGRITY}, got ${actual}`);
  }
  log(`verified ${path.basename(file)} (${INTEGRITY.slice(0, 24)}…)`);
  return file;
}

function extract(tarball) {
  const src = path.join(work, 'src');
  const existing = path.join(src, SOURCE_IN_TARBALL, 'CMakeLists.txt');
  // Same verified tarball, already extracted: keep it, so cmake's incremental build has nothing to redo.
  if (existsSync(existing) && readFileSync(existing, 'utf8').includes(`VERSION ${WHISPER_VERSION}`)) return path.dirname(existing);
  rmSync(src, { recursive: true, force: true });
  mkdirSync(src, { recursive: true });
  // On Windows, Git Bash's GNU tar (first on PATH in CI) reads `D:\…` as a remote host; Windows' own bsdtar does not.
  const tar = process.platform === 'win32' ? path.join(process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'tar.exe') : 'tar';
  run(tar, ['-xzf', tarball, '-C', src, SOURCE_IN_TARBALL]);
  const dir = path.join(src, SOURCE_IN_TARBALL);
  const cmake = readFileSync(path.join(dir, 'CMakeLists.txt'), 'utf8');
  if (!cmake.includes(`VERSION ${WHISPER_VERSION}`)) throw new Error(`expected whisper.cpp ${WHISPER_VERSION} in ${dir}`);
  return dir;
}

function build(srcDir) {
  const buildDir = path.join(work, native ? 'build-native' : baseline ? 'build-baseline' : 'build');
  const rpath = process.platform === 'darwin' ? '@loader_path' : '$ORIGIN';
  const variants = baseline || native
    ? ['-DGGML_BACKEND_DL=OFF', '-DGGML_CPU_ALL_VARIANTS=OFF']
    : ['-DGGML_BACKEND_DL=ON', '-DGGML_CPU_ALL_VARIANTS=ON'];
  run('cmake', [
    '-S', srcDir, '-B', buildDir,
    '-DCMAKE_BUILD_TYPE=Release',
    `-DGGML_NATIVE=${native ? 'ON' : 'OFF'}`,
    '-DBUILD_SHARED_LIBS=ON',
    ...variants,
    `-DCMAKE_INSTALL_RPATH=${rpath}`,
    '-DCMAKE_BUILD_WITH_INSTALL_RPATH=ON',
    '-DWHISPER_BUILD_TESTS=OFF',
    '-DWHISPER_BUILD_SERVER=ON',
    '-DWHISPER_SDL2=OFF',
    '-DWHISPER_CURL=OFF',
    '-DGGML_OPENMP=OFF',
  ]);
  const help = spawnSync('cmake', ['--build', buildDir, '--target', 'help'], { encoding: 'utf8' });
  const cpuTargets = [...(help.stdout ?? '').matchAll(/\.\.\. (ggml-cpu[\w.-]*)/g)].map((m) => m[1]);
  const jobs = String(Math.max(1, os.availableParallelism?.() ?? os.cpus().length));
  // Visual Studio generators have no `help` target: build everything there, so the CPU backend modules (loaded at run
  // time, not linked) are built too.
  const targets = help.status === 0 ? ['--target', 'whisper-cli', 'whisper-server', ...cpuTargets] : [];
  run('cmake', ['--build', buildDir, '--config', 'Release', '-j', jobs, ...targets]);
  return buildDir;
}

function install(buildDir) {
  // Multi-config generators (Visual Studio on Windows) put binaries and DLLs under bin/Release.
  const binDir = [path.join(buildDir, 'bin', 'Release'), path.join(buildDir, 'bin')].find((dir) => existsSync(path.join(dir, exe)));
  if (!binDir) throw new Error(`no ${exe} under ${path.join(buildDir, 'bin')}`);
  mkdirSync(outDir, { recursive: true });
  for (const name of readdirSync(outDir)) {
    if (name === exe || name === serverExe || /^lib(whisper|ggml)/.test(name) || /^ggml/.test(name)) rmSync(path.join(outDir, name));
  }
  const libs = [];
  const search = [binDir, path.join(buildDir, 'src'), path.join(buildDir, 'ggml', 'src')];
  for (const dir of search) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      if (/^(lib)?(whisper|ggml)[\w.-]*\.(so(\.\d+)*|dylib|dll)$/.test(name) && !libs.includes(name)) {
        const from = path.join(dir, name);
        // Versioned .so names are symlinks to one file: keep them links rather than three copies of each library.
        if (lstatSync(from).isSymbolicLink()) symlinkSync(readlinkSync(from), path.join(outDir, name));
        else copyFileSync(from, path.join(outDir, name));
        libs.push(name);
      }
    }
  }
  for (const name of [exe, serverExe]) {
    copyFileSync(path.join(binDir, name), path.join(outDir, name));
    chmodSync(path.join(outDir, name), 0o755);
  }
  return libs;
}

function main() {
  if (upToDate()) {
    log(`whisper-cli ${WHISPER_VERSION} already built in ${outDir} (use --force to rebuild)`);
    return;
  }
  const started = Date.now();
  const tarball = fetchTarball();
  const srcDir = extract(tarball);
  const buildDir = build(srcDir);
  const libs = install(buildDir);
  const check = spawnSync(path.join(outDir, exe), ['--help'], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`built whisper-cli does not run: ${(check.stderr ?? '').slice(-500)}`);
  writeFileSync(stampFile, JSON.stringify({ ...wanted, libs, builtAt: new Date().toISOString() }, null, 2) + '\n');
  log(`whisper-cli ${WHISPER_VERSION} → ${outDir} (${libs.length} libraries) in ${Math.round((Date.now() - started) / 1000)} s`);
}

try {
  main();
} catch (error) {
  log(`failed: ${error.message}`);
  process.exit(1);
}
