// `npm run bench`: runs every benchmark one after the other and writes bench/results.json (each
// bench's figures, plus the date, Node version and machine); `npm run bench` then runs
// bench/report.mjs to put them in the README. Needs tsx (the benches are TypeScript). Not part of
// `npm test`. A failing bench fails the run and leaves the previous results.json as it was.
import { writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, release, totalmem, type } from 'node:os';

/** Every benchmark, in the order they run: each resolves to a BenchResult (bench/figures.mjs). */
const benches = [
  () => import('./mock-users.bench.ts').then((m) => m.benchMockUsers()),
  () => import('./mock-export.bench.ts').then((m) => m.benchMockExport()),
  () => import('./mock-events.bench.ts').then((m) => m.benchMockEvents()),
  () => import('./users-table.bench.ts').then((m) => m.benchUsersTable()),
  () => import('./bundle-size.mjs').then((m) => m.benchBundleSize()),
  () => import('./shared-layer-size.mjs').then((m) => m.benchSharedLayer()),
  () => import('./permission-matrix.bench.ts').then((m) => m.benchPermissionMatrix()),
];

const cpuList = cpus();
const results = {
  command: 'npm run bench',
  date: new Date().toISOString(),
  node: process.version,
  cpu: `${cpuList[0]?.model.trim() ?? 'unknown'}, ${cpuList.length} cores`,
  os: `${type()} ${release()} ${arch()}`,
  memoryGB: Math.round(totalmem() / 2 ** 30),
  loadAverageAtStart: Number(loadavg()[0].toFixed(2)),
  benches: [],
};

for (const bench of benches) {
  const started = performance.now();
  const result = await bench();
  const seconds = Math.round((performance.now() - started) / 1000);
  console.error(`✓ ${result.id} (${seconds} s)`);
  results.benches.push({ ...result, seconds });
}

const file = new URL('./results.json', import.meta.url);
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`bench/results.json: ${results.benches.length} benches written.`);
