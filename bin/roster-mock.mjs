#!/usr/bin/env node
// Launches the Roster mock server: `roster-mock --preset tenant --port 4010` (see --help).
// Runs the TypeScript source through tsx, which the package's development setup provides.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../src/mock/cli.ts', import.meta.url));
const result = spawnSync(process.execPath, ['--import', 'tsx', cli, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
