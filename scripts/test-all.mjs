#!/usr/bin/env node
// Runs every check of the project in order and ends with one line `N passed, N failed` that
// totals every suite. Single-result steps (type-check, lint, …) count as one check each; test
// suites contribute their own counts. Usage: `npm test` (or `node scripts/test-all.mjs lint browser`
// to run only some steps).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findBrowserPath } from './browser.mjs';

// eslint-disable-next-line no-control-regex -- ANSI escape codes start with ESC.
const stripAnsi = (text) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

/** @type {{ name: string, command: string, args: string[], counts?: (out: string) => { passed: number, failed: number } | undefined }[]} */
const steps = [
  { name: 'types', command: 'npx', args: ['tsc', '-p', 'tsconfig.json', '--noEmit'] },
  { name: 'lint', command: 'npx', args: ['eslint', '--max-warnings', '0', '.'] },
  {
    name: 'openapi',
    command: 'npx',
    args: ['redocly', 'lint', 'openapi.yaml', '--format', 'stylish'],
  },
  { name: 'manifest', command: 'node', args: ['scripts/check-manifest.mjs'] },
  { name: 'build', command: 'npm', args: ['run', '--silent', 'build'] },
  { name: 'size', command: 'node', args: ['scripts/check-size.mjs'], counts: summaryLine },
  {
    name: 'server',
    command: 'npm',
    args: ['run', '--silent', 'test:server'],
    counts: nodeTestCounts,
  },
  {
    name: 'conformance',
    command: 'npm',
    args: ['run', '--silent', 'test:conformance'],
    counts: summaryLine,
  },
  { name: 'browser', command: 'npx', args: ['web-test-runner'], counts: summaryLine },
  {
    name: 'e2e',
    command: 'npm',
    args: ['run', '--silent', 'test:e2e'],
    counts: nodeTestCounts,
  },
];

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
    console.log(`\n▶ ${step.name}: ${step.command} ${step.args.join(' ')}`);
    const child = spawn(step.command, step.args, {
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
