#!/usr/bin/env node
// Runs every check of the project — the package.json `test:*` scripts, plus the build — in order
// and ends with one line `N passed, N failed` that totals every suite. Single-result steps
// (type-check, lint, …) count as one check each; test suites contribute their own counts.
// Usage: `npm test` (or `node scripts/test-all.mjs lint browser` to run only some steps).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { findBrowserPath } from './browser.mjs';

// eslint-disable-next-line no-control-regex -- ANSI escape codes start with ESC.
const stripAnsi = (text) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

/**
 * The steps, in order. Each runs the package.json script `test:<name>` (or `script` when given),
 * so the commands live in one place; every `test:*` script must appear here.
 * @type {{ name: string, script?: string, counts?: (out: string) => { passed: number, failed: number } | undefined }[]}
 */
const steps = [
  { name: 'types' },
  { name: 'lint' },
  { name: 'openapi' },
  { name: 'manifest' },
  { name: 'locales', counts: summaryLine },
  { name: 'build', script: 'build' },
  { name: 'size', counts: summaryLine },
  { name: 'server', counts: nodeTestCounts },
  { name: 'conformance', counts: summaryLine },
  // The suite against test/alt-backend: a second backend, written from the contract alone.
  { name: 'conformance:alt', counts: summaryLine },
  { name: 'browser', counts: summaryLine },
  { name: 'e2e', counts: nodeTestCounts },
  { name: 'package', counts: nodeTestCounts },
];

const scripts = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).scripts;
const scriptOf = (step) => step.script ?? `test:${step.name}`;
const missing = steps.map(scriptOf).filter((script) => !(script in scripts));
const unlisted = Object.keys(scripts).filter(
  (script) => script.startsWith('test:') && !steps.some((step) => scriptOf(step) === script),
);
if (missing.length || unlisted.length) {
  if (missing.length) console.error(`package.json lacks the scripts: ${missing.join(', ')}`);
  if (unlisted.length) console.error(`scripts/test-all.mjs does not run: ${unlisted.join(', ')}`);
  process.exit(1);
}

/** The last `N passed, N failed` line of a run. */
function summaryLine(out) {
  const matches = [...stripAnsi(out).matchAll(/(\d+) passed, (\d+) failed/g)];
  const last = matches.at(-1);
  return last ? { passed: Number(last[1]), failed: Number(last[2]) } : undefined;
}

/** node --test's closing `# pass N` / `# fail N` (or the spec reporter's `ℹ pass N`). */
function nodeTestCounts(out) {
  const text = stripAnsi(out);
  const pass = [...text.matchAll(/^(?:#|ℹ) pass (\d+)/gm)].at(-1);
  const fail = [...text.matchAll(/^(?:#|ℹ) fail (\d+)/gm)].at(-1);
  return pass && fail ? { passed: Number(pass[1]), failed: Number(fail[1]) } : undefined;
}

/** Makes sure a Chromium-family browser exists; installs Debian's when root and none is found. */
function ensureBrowser() {
  if (findBrowserPath()) return;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log("No Chromium found: installing Debian's chromium package…");
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  // If still missing, web-test-runner.config.mjs and test/e2e/harness.ts explain how to install one.
}

function run(step) {
  return new Promise((resolve) => {
    const started = Date.now();
    const script = scriptOf(step);
    console.log(`\n▶ ${step.name}: npm run ${script}  (${scripts[script]})`);
    const child = spawn('npm', ['run', '--silent', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    let out = '';
    const collect = (stream, sink) =>
      stream.on('data', (chunk) => {
        out += chunk;
        sink.write(chunk);
      });
    collect(child.stdout, process.stdout);
    collect(child.stderr, process.stderr);
    child.on('close', (code) => {
      const counted = step.counts?.(out);
      const result = counted ?? (code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 });
      // A suite that exits non-zero without reporting a failure still failed.
      if (code !== 0 && result.failed === 0) result.failed = 1;
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`◀ ${step.name}: ${result.passed} passed, ${result.failed} failed (${seconds}s)`);
      resolve({ name: step.name, ...result });
    });
  });
}

const only = process.argv.slice(2);
const unknown = only.filter((name) => !steps.some((step) => step.name === name));
if (unknown.length) {
  console.error(
    `No such step: ${unknown.join(', ')} (steps: ${steps.map((s) => s.name).join(' ')})`,
  );
  process.exit(1);
}
const selected = only.length ? steps.filter((step) => only.includes(step.name)) : steps;
if (selected.some((step) => step.name === 'browser' || step.name === 'e2e')) ensureBrowser();

const results = [];
for (const step of selected) results.push(await run(step));

console.log('\nSummary');
for (const r of results)
  console.log(
    `  ${r.failed ? '✗' : '✓'} ${r.name.padEnd(12)} ${r.passed} passed, ${r.failed} failed`,
  );
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
