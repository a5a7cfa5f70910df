/**
 * Node-only: `npm run mock -- [options]` serves the mock over HTTP and prints its URL.
 * Exit codes: 0 after Ctrl-C, 1 when it cannot start (port taken, unreadable data file),
 * 2 for bad command-line options.
 */
import { parseArgs } from 'node:util';
import { createMockServer } from './index.js';
import type { MockOptions } from './index.js';
import { FileStorageError, fileStorage } from './file-storage.js';
import { listen } from './node-server.js';
import { PRESET_NAMES } from './presets.js';
import type { PresetName } from './presets.js';

const USAGE = `Usage: npm run mock -- [options]

Serves the Roster REST contract at http://HOST:PORT/api/v1 (tokens = persona names).

  --preset NAME        workspace | tenant | all (default all, or the one stored in --data)
  --port N             port to listen on (default 4010; 0 = any free port)
  --host HOST          interface to listen on (default 127.0.0.1)
  --users N            extra generated users, 0–100000 (default 0)
  --seat-limit N       seat limit, or "none" for unlimited (default: the preset's)
  --latency MS         milliseconds added to every response (default 0)
  --fail-rate P        0–1: share of requests that fail with 500 or hang (default 0)
  --rate-limit N       at most N requests per token per minute (default off)
  --seed N             seed of the generated data (default fixed)
  --data FILE          persist to FILE (+ FILE.journal); reloaded on restart
  --origin ORIGIN      allow this CORS origin (repeatable; default any)
  --accept-url URL     link of invitation emails, {token} standing for the token
                       (default https://roster.example/accept-invitation?token={token})
  --no-presence        do not simulate people coming and going
  -h, --help           show this help
`;

class UsageError extends Error {}

function number(
  name: string,
  raw: string | undefined,
  min: number,
  max: number,
  integer = true,
): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (
    raw.trim() === '' ||
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (integer && !Number.isInteger(value))
  ) {
    throw new UsageError(
      `--${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, not "${raw}".`,
    );
  }
  return value;
}

/** Turns command-line arguments into server options (throws UsageError on bad input). */
function parseCli(argv: string[]): {
  help: boolean;
  port: number;
  host: string;
  data?: string;
  options: MockOptions;
} {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        preset: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        users: { type: 'string' },
        'seat-limit': { type: 'string' },
        latency: { type: 'string' },
        'fail-rate': { type: 'string' },
        'rate-limit': { type: 'string' },
        seed: { type: 'string' },
        data: { type: 'string' },
        origin: { type: 'string', multiple: true },
        'accept-url': { type: 'string' },
        'no-presence': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values;
  if (v.preset !== undefined && !PRESET_NAMES.includes(v.preset as PresetName)) {
    throw new UsageError(`--preset must be one of ${PRESET_NAMES.join(', ')}, not "${v.preset}".`);
  }
  const rate = number('rate-limit', v['rate-limit'], 1, 1_000_000);
  const acceptUrl = v['accept-url'];
  if (acceptUrl !== undefined && !acceptUrl.includes('{token}'))
    throw new UsageError(`--accept-url must contain {token}, not "${acceptUrl}".`);
  const seatLimit =
    v['seat-limit'] === 'none' ? null : number('seat-limit', v['seat-limit'], 0, 10_000_000);
  const options: MockOptions = {
    ...(v.preset !== undefined ? { preset: v.preset as PresetName } : {}),
    users: number('users', v.users, 0, 100_000) ?? 0,
    ...(seatLimit !== undefined ? { seatLimit } : {}),
    latency: number('latency', v.latency, 0, 600_000) ?? 0,
    failRate: number('fail-rate', v['fail-rate'], 0, 1, false) ?? 0,
    ...(rate !== undefined ? { rateLimit: { requests: rate, perMs: 60_000 } } : {}),
    ...(v.seed !== undefined ? { seed: number('seed', v.seed, 0, 2 ** 32 - 1) } : {}),
    ...(v.origin ? { allowedOrigins: v.origin } : {}),
    ...(acceptUrl !== undefined ? { acceptUrl } : {}),
    simulatePresence: !v['no-presence'],
  };
  return {
    help: v.help === true,
    port: number('port', v.port, 0, 65_535) ?? 4010,
    host: v.host ?? '127.0.0.1',
    ...(v.data !== undefined ? { data: v.data } : {}),
    options,
  };
}

async function main(): Promise<void> {
  let cli;
  try {
    cli = parseCli(process.argv.slice(2).filter((arg, index) => !(index === 0 && arg === '--')));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`roster-mock: ${error.message}\nRun with --help for the options.\n`);
    process.exit(2);
  }
  if (cli.help) {
    process.stdout.write(USAGE);
    return;
  }
  let mock;
  try {
    mock = createMockServer({
      ...cli.options,
      ...(cli.data ? { storage: fileStorage(cli.data) } : {}),
    });
  } catch (error) {
    const reason =
      error instanceof FileStorageError
        ? `cannot read the data file: ${error.message}\nThe file was left untouched.`
        : (error as Error).message;
    process.stderr.write(`roster-mock: ${reason}\n`);
    process.exit(1);
  }
  let running;
  try {
    running = await listen(mock, cli.port, cli.host);
  } catch (error) {
    mock.close();
    process.stderr.write(
      `roster-mock: cannot listen on ${cli.host}:${cli.port}: ${(error as Error).message}\n`,
    );
    process.exit(1);
  }
  const stored = cli.data ? `, data in ${cli.data}` : '';
  process.stdout.write(
    `Roster mock (preset ${mock.preset}) at ${running.url} — tokens: ${mock.tokens.join(', ')}${stored}\n`,
  );
  const stop = () => {
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
