/**
 * `npm run test:conformance`: runs the conformance suite against the bundled mock server, once
 * per preset, each on a free port of 127.0.0.1 that is closed afterwards. Prints every preset's
 * report, then the totals line `N passed, N failed`; exits 1 on any failure.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createMockServer } from '../../src/mock/index.js';
import { runConformance, summaryLine, type Counts, type Tokens } from './suite.js';

type Preset = 'workspace' | 'tenant' | 'all';

/** The seeded personas of each preset (token = persona name), by the suite's persona flags. */
const WORKSPACE_PERSONAS: Tokens = {
  admin: 'owner',
  secondAdmin: 'owner2',
  limited: 'manager',
  noAccess: 'agent',
  noExport: 'manager-restricted',
};
const PERSONAS: Record<Preset, Tokens> = {
  workspace: WORKSPACE_PERSONAS,
  tenant: { admin: 'admin', limited: 'user-manager', noAccess: 'user', readOnly: 'user-viewer' },
  all: WORKSPACE_PERSONAS,
};

/** Serves one preset on a free port, runs the suite against it and stops it. */
async function runPreset(preset: Preset): Promise<Counts> {
  const mock = createMockServer({ preset });
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
    (resolve) => {
      const server = serve(
        { fetch: (request: Request) => mock.fetch(request), port: 0, hostname: '127.0.0.1' },
        (info: AddressInfo) => resolve({ server, port: info.port }),
      );
    },
  );
  console.log(`\n=== preset ${preset} (mock on 127.0.0.1:${port}) ===`);
  try {
    const counts = await runConformance({
      baseUrl: `http://127.0.0.1:${port}/api/v1`,
      tokens: PERSONAS[preset],
    });
    console.log(`\npreset ${preset}: ${summaryLine(counts)}`);
    return counts;
  } finally {
    // Open event streams would keep close() waiting; drop them first.
    if ('closeAllConnections' in server) server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await mock.close();
  }
}

const totals: Counts = { passed: 0, failed: 0, skipped: 0 };
for (const preset of ['workspace', 'tenant', 'all'] as const) {
  const counts = await runPreset(preset);
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
}
console.log('\nAll presets:');
console.log(summaryLine(totals));
process.exitCode = totals.failed > 0 ? 1 : 0;
