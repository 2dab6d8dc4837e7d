#!/usr/bin/env node
// `npm run audit:electron`: Doyensec's Electronegativity over the Electron sources (electron/) and the built app (out/,
// which holds the renderer's index.html and its CSP), offline. It fails on every finding that
// security/electronegativity-allowlist.json does not list with a reason, and on any file it could not parse (a file it
// cannot read is a file nobody audited).
//
// Offline: `-e 41.10.0` stands in for the release data it would download, and the check that needs that data
// (AvailableSecurityFixesGlobalCheck: "a newer Electron has security fixes") is left out; keeping Electron current is
// Dependabot's job. The package's own CLI cannot start here (it uses commander without declaring it, and gets the
// project's commander 14), so its runner is called directly, as its README allows for programmatic use.
//
//   node scripts/audit-electron.mjs [--json] [--target name=dir ...] [--allowlist file]
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ELECTRON_VERSION = '41.10.0';
const OFFLINE_EXCLUDED = ['AvailableSecurityFixesGlobalCheck'];

function parseArgs(argv) {
  const options = { json: false, targets: [], allowlist: path.join(root, 'security', 'electronegativity-allowlist.json') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--target') {
      const [name, dir] = String(argv[++i]).split('=');
      options.targets.push({ name, dir: path.resolve(dir) });
    } else if (arg === '--allowlist') options.allowlist = path.resolve(argv[++i]);
    else throw new Error(`unknown argument ${arg}`);
  }
  if (options.targets.length === 0) {
    options.targets = [
      { name: 'electron', dir: path.join(root, 'electron') },
      { name: 'out', dir: path.join(root, 'out') },
    ];
  }
  return options;
}

/**
 * The bundler names shared chunks by content hash (out/main/chunks/app-DOyu7F1K.js), which changes with every edit;
 * the allow-list names them with the hash as [hash], so an allowance follows its code.
 */
function stableName(file) {
  return file.replace(/^(.*chunks[\\/][^\\/]+?)-[A-Za-z0-9_-]{6,16}(\.[cm]?js)$/, '$1-[hash]$2');
}

/** Entries: { target, check, file, count, reason }. `count` findings of that check in that file are allowed. */
function readAllowlist(file) {
  const entries = JSON.parse(readFileSync(file, 'utf8'));
  for (const entry of entries) {
    if (!entry.target || !entry.check || !entry.file || !Number.isInteger(entry.count) || !(typeof entry.reason === 'string' && entry.reason.length >= 20)) {
      throw new Error(`${file}: every entry needs target, check, file, count and a reason (20+ characters): ${JSON.stringify(entry)}`);
    }
  }
  return entries;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  // The scanner talks on stdout (its translations lookup, which fails offline); --json keeps stdout for the report.
  if (options.json) console.log = (...args) => console.error(...args);
  const allowlist = readAllowlist(options.allowlist);
  const require = createRequire(import.meta.url);
  const run = require('@doyensec/electronegativity/dist/runner.js');

  const findings = [];
  const unparsed = [];
  for (const target of options.targets) {
    if (!existsSync(target.dir)) throw new Error(`${target.dir} does not exist${target.name === 'out' ? ': run `npm run build` first' : ''}.`);
    const result = await run({
      input: target.dir,
      electronVersionOverride: ELECTRON_VERSION,
      isRelative: true,
      customScan: [],
      excludeFromScan: OFFLINE_EXCLUDED,
    });
    for (const error of result.errors) if (!error.tolerable) unparsed.push({ target: target.name, file: path.relative(target.dir, error.file), message: error.message });
    for (const issue of result.issues) {
      findings.push({
        target: target.name,
        check: issue.id,
        file: stableName(issue.file),
        line: issue.location.line,
        severity: issue.severity.name,
        confidence: issue.confidence.name,
        description: issue.description,
      });
    }
  }

  // Each finding takes one allowance of its (target, check, file); what is left over is not allowed.
  const left = new Map(allowlist.map((entry) => [`${entry.target}|${entry.check}|${entry.file}`, entry.count]));
  const notAllowed = [];
  for (const finding of findings) {
    const key = `${finding.target}|${finding.check}|${finding.file}`;
    const remaining = left.get(key) ?? 0;
    if (remaining > 0) left.set(key, remaining - 1);
    else notAllowed.push(finding);
  }
  const unused = allowlist.filter((entry) => (left.get(`${entry.target}|${entry.check}|${entry.file}`) ?? 0) > 0);

  const ok = notAllowed.length === 0 && unparsed.length === 0;
  if (options.json) {
    process.stdout.write(JSON.stringify({ ok, findings: findings.length, notAllowed, unparsed, unusedAllowances: unused }, null, 2) + '\n');
  } else {
    console.log(`Electronegativity (Electron ${ELECTRON_VERSION}, offline): ${findings.length} findings in ${options.targets.map((t) => t.name).join(' + ')}, ${findings.length - notAllowed.length} allowed by ${path.relative(root, options.allowlist)}.`);
    for (const f of notAllowed) console.log(`NOT ALLOWED  ${f.check} ${f.target}/${f.file}:${f.line} (${f.severity}, ${f.confidence}) ${f.description}`);
    for (const u of unparsed) console.log(`NOT PARSED   ${u.target}/${u.file}: ${u.message}`);
    for (const u of unused) console.log(`note: allowance no longer needed: ${u.check} ${u.target}/${u.file}`);
  }
  process.exitCode = ok ? 0 : 1;
}

main().catch((error) => {
  console.error(`audit:electron: ${error.message}`);
  process.exitCode = 2;
});
