#!/usr/bin/env node
// Fails when the committed custom-elements.json is not what the analyzer makes of the source
// today. With `--write` (what `npm run manifest` runs) it writes that manifest instead. The
// analyzer lists modules in the order its file reads finish, which varies from run to run, so
// modules are sorted by path: the file, and the comparison, are the same on every run.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The manifest with its modules in path order, as committed. */
function sorted(manifest) {
  const modules = [...manifest.modules].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
  return `${JSON.stringify({ ...manifest, modules }, null, 2)}\n`;
}

// The analyzer joins --outdir onto the working directory, so it must be relative.
mkdirSync('.tmp', { recursive: true });
const outdir = mkdtempSync(join('.tmp', 'cem-'));
try {
  execFileSync('npx', ['cem', 'analyze', '--litelement', '--outdir', outdir], { stdio: 'pipe' });
  const fresh = sorted(JSON.parse(readFileSync(join(outdir, 'custom-elements.json'), 'utf8')));
  if (process.argv.includes('--write')) {
    writeFileSync('custom-elements.json', fresh);
    console.log('custom-elements.json written.');
  } else {
    const committed = existsSync('custom-elements.json')
      ? sorted(JSON.parse(readFileSync('custom-elements.json', 'utf8')))
      : '';
    if (fresh !== committed) {
      console.error('custom-elements.json is stale: run `npm run manifest` and commit the result.');
      process.exit(1);
    }
    console.log('custom-elements.json matches the source.');
  }
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
