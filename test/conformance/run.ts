/**
 * `npm run conformance -- --base-url URL --admin-token T [more persona tokens]`
 *
 * Checks a server against the Roster REST contract and prints one line per check, then
 * `N passed, N failed[, N skipped]`. Exits 1 on any failure, 2 on bad arguments.
 */
import { parseArgs } from 'node:util';
import { runConformance, summaryLine, type Tokens } from './suite.js';

const USAGE = `Usage: npm run conformance -- --base-url URL --admin-token T [options]

  --base-url URL            the contract's base URL, e.g. http://127.0.0.1:8080/api/v1
  --admin-token T           a user holding the top role (owner / admin)            required
  --second-admin-token T    another top-role user (listens to events, races edits)
  --limited-token T         someone who manages users but may assign only lower roles
  --no-access-token T       someone who may not view users
  --no-export-token T       someone who may view users but not export them
  (--token-admin T and the like are accepted too.)

The suite creates users under example.com and role templates, and removes each one it created.
Checks that need a persona you did not give are reported as skipped.`;

/** Accepts `--token-admin` as a spelling of `--admin-token`. */
function normalise(args: string[]): string[] {
  return args.map((a) => a.replace(/^--token-(.+)$/, '--$1-token'));
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: normalise(process.argv.slice(2)),
      options: {
        'base-url': { type: 'string' },
        'admin-token': { type: 'string' },
        'second-admin-token': { type: 'string' },
        'limited-token': { type: 'string' },
        'no-access-token': { type: 'string' },
        'no-export-token': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const baseUrl = values['base-url'];
  const admin = values['admin-token'];
  if (!baseUrl || !admin) {
    console.error(`--base-url and --admin-token are required.\n\n${USAGE}`);
    return 2;
  }
  const tokens: Tokens = {
    admin,
    secondAdmin: values['second-admin-token'],
    limited: values['limited-token'],
    noAccess: values['no-access-token'],
    noExport: values['no-export-token'],
  };
  console.log(`Roster contract conformance against ${baseUrl}`);
  const counts = await runConformance({ baseUrl, tokens });
  console.log(`\n${summaryLine(counts)}`);
  return counts.failed > 0 ? 1 : 0;
}

process.exitCode = await main();
