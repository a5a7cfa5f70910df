#!/usr/bin/env node
// Fails when the committed custom-elements.json is not what the analyzer makes of the source
// today. Regenerate it with `npm run manifest`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';

// The analyzer joins --outdir onto the working directory, so it must be relative.
mkdirSync('.tmp', { recursive: true });
const outdir = mkdtempSync(join('.tmp', 'cem-'));
try {
  execFileSync('npx', ['cem', 'analyze', '--litelement', '--outdir', outdir], { stdio: 'pipe' });
  const fresh = readFileSync(join(outdir, 'custom-elements.json'), 'utf8');
  const committed = existsSync('custom-elements.json')
    ? readFileSync('custom-elements.json', 'utf8')
    : '';
  if (JSON.stringify(JSON.parse(fresh)) !== (committed && JSON.stringify(JSON.parse(committed)))) {
    console.error('custom-elements.json is stale: run `npm run manifest` and commit the result.');
    process.exit(1);
  }
  console.log('custom-elements.json matches the source.');
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
