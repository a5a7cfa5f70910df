/**
 * Whether open event streams cost memory after they close: 200 `GET /events` streams opened and
 * closed over real HTTP, 10 times over, with the heap (after a full collection) and RSS measured
 * before and after each cycle, and the hub's listener count and process warnings checked. Alone:
 * `npx tsx bench/mock-events.bench.ts`; `npm run bench` runs it with the others.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createMockServer } from '../src/mock/index.js';
import { listen } from '../src/mock/node-server.js';
import { figure, isMain, printResult } from './figures.mjs';
import type { BenchResult } from './figures.mjs';

const STREAMS = 200;
const CYCLES = 10;

/**
 * A full garbage collection: `--expose-gc` for this bench only, set at run time (tsx starts the
 * process, so the flag cannot be given on its command line); a new context picks up the `gc`.
 */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

const mib = (bytes: number) => bytes / 2 ** 20;

async function until(done: () => boolean, what: string): Promise<void> {
  for (let n = 0; n < 1000 && !done(); n++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!done()) throw new Error(`timed out waiting: ${what}`);
}

function memory(): { heap: number; rss: number } {
  collectGarbage();
  const { heapUsed, rss } = process.memoryUsage();
  return { heap: mib(heapUsed), rss: mib(rss) };
}

export async function benchMockEvents(): Promise<BenchResult> {
  const mock = createMockServer({ preset: 'all' });
  const running = await listen(mock);
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
  process.on('warning', onWarning);

  const cycle = async () => {
    const aborts = Array.from({ length: STREAMS }, () => new AbortController());
    const responses = await Promise.all(
      aborts.map((abort) =>
        fetch(`${running.url}/events`, {
          headers: { Authorization: 'Bearer owner' },
          signal: abort.signal,
        }),
      ),
    );
    if (!responses.every((res) => res.status === 200)) throw new Error('a stream was refused');
    await until(() => mock.openStreams === STREAMS, 'every stream open');
    const opened = memory();
    for (const abort of aborts) abort.abort();
    await until(() => mock.openStreams === 0, 'every stream closed');
    return opened;
  };

  try {
    await cycle(); // warm-up: connection pools, lazily compiled code
    await new Promise((resolve) => setTimeout(resolve, 100));
    const start = memory();
    let open = start;
    let peakOpen = 0;
    for (let i = 0; i < CYCLES; i++) {
      open = await cycle();
      peakOpen = Math.max(peakOpen, open.heap);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    const end = memory();
    return {
      id: 'mock-events',
      title: `Mock server, ${STREAMS} \`GET /events\` streams opened and closed ${CYCLES} times`,
      command: 'npx tsx bench/mock-events.bench.ts',
      method:
        `${STREAMS} streams over HTTP (server and client in one process), all open, then all ` +
        `aborted; ${CYCLES} cycles after one warm-up. Heap used after a full garbage collection ` +
        '(and RSS) before the cycles, with the streams open, and after the last cycle closed.',
      figures: [
        figure('heap used before the cycles', start.heap, 'MiB'),
        figure(`heap used with ${STREAMS} streams open (highest cycle)`, peakOpen, 'MiB'),
        figure('heap used after the last cycle', end.heap, 'MiB'),
        figure('heap growth over the cycles', end.heap - start.heap, 'MiB'),
        figure('RSS before the cycles', start.rss, 'MiB'),
        figure('RSS after the last cycle', end.rss, 'MiB'),
        figure('hub listeners after the last cycle', mock.openStreams, ''),
        figure('process warnings', warnings.length, ''),
      ],
      notes: warnings.length ? [...new Set(warnings)] : [],
    };
  } finally {
    process.off('warning', onWarning);
    await running.close();
  }
}

if (isMain(import.meta.url)) printResult(await benchMockEvents());
