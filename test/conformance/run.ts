/**
 * `npm run conformance -- --base-url URL --admin-token T [more personas' credentials]`
 *
 * Checks a server against the Roster REST contract and prints one line per check, then
 * `N passed, N failed[, N skipped]`. Exits 1 on any failure, 2 on bad arguments.
 */
import { parseCli, USAGE } from './cli.js';
import { runConformance, summaryLine } from './suite.js';

async function main(): Promise<number> {
  const request = parseCli(process.argv.slice(2));
  if ('help' in request) {
    console.log(USAGE);
    return 0;
  }
  if ('error' in request) {
    console.error(`${request.error}\n\n${USAGE}`);
    return 2;
  }
  console.log(`Roster contract conformance against ${request.baseUrl}`);
  const counts = await runConformance(request);
  console.log(`\n${summaryLine(counts)}`);
  return counts.failed > 0 ? 1 : 0;
}

process.exitCode = await main();
