#!/usr/bin/env node
// Enforces the bundle size budget on the built files (run `npm run build` first). Sizes are
// gzip level 9, which is what a CDN or server serves. Ends with `N passed, N failed`.
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/** Budgets in KB of gzip. Raise one only with a note in the README saying what paid for it. */
const budgets = [
  {
    file: 'dist/roster.iife.js',
    kb: 60,
    what: 'script-tag build: every element, lit, nanostores',
  },
];

let passed = 0;
let failed = 0;
for (const { file, kb, what } of budgets) {
  if (!existsSync(file)) {
    console.log(`✗ ${file}: missing — run \`npm run build\` first`);
    failed++;
    continue;
  }
  const size = gzipSync(readFileSync(file), { level: 9 }).length / 1024;
  const ok = size <= kb;
  console.log(`${ok ? '✓' : '✗'} ${file}: ${size.toFixed(1)} KB gzip (budget ${kb} KB) — ${what}`);
  if (ok) passed++;
  else failed++;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
