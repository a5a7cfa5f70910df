/**
 * Whether a 100,000-user CSV export holds up the mock: `GET /me` latency idle and while an export
 * is being sent, over real HTTP with the mock in a child process (its own event loop, as a real
 * server), and how long one export and two at once take. Alone:
 * `npx tsx bench/mock-export.bench.ts`; `npm run bench` runs it with the others.
 */
import { spawnMock } from '../test/mock/spawn-mock.ts';
import { figure, isMain, printResult, stats } from './figures.mjs';
import type { BenchResult } from './figures.mjs';

const USERS = 100_000;
const IDLE_RUNS = 200;
const EXPORTS = 5;

export async function benchMockExport(): Promise<BenchResult> {
  const mock = await spawnMock(['--users', String(USERS)]);
  const headers = { Authorization: 'Bearer owner' };
  const me = async () => {
    const start = performance.now();
    const res = await fetch(`${mock.url}/me`, { headers });
    if (res.status !== 200) throw new Error(`GET /me: ${res.status}`);
    await res.arrayBuffer();
    return performance.now() - start;
  };
  const exportOnce = async () => {
    const start = performance.now();
    const res = await fetch(`${mock.url}/users/export`, { headers });
    if (res.status !== 200) throw new Error(`GET /users/export: ${res.status}`);
    const bytes = (await res.arrayBuffer()).byteLength;
    return { ms: performance.now() - start, bytes };
  };

  try {
    for (let i = 0; i < 20; i++) await me();
    await exportOnce(); // warm-up: builds the name order once
    const idle: number[] = [];
    for (let i = 0; i < IDLE_RUNS; i++) idle.push(await me());

    const during: number[] = [];
    const exportMs: number[] = [];
    let bytes = 0;
    for (let i = 0; i < EXPORTS; i++) {
      let done = false;
      const running = exportOnce().then((outcome) => ((done = true), outcome));
      for (let n = 0; !done && n < 10_000; n++) {
        const ms = await me();
        if (!done) during.push(ms); // an answer that came after the export ended is not "during"
      }
      const outcome = await running;
      exportMs.push(outcome.ms);
      bytes = outcome.bytes;
    }
    const start = performance.now();
    await Promise.all([exportOnce(), exportOnce()]);
    const twoAtOnce = performance.now() - start;

    const quiet = stats(idle);
    const busy = stats(during);
    return {
      id: 'mock-export',
      title: `Mock server, \`GET /me\` during a ${USERS.toLocaleString('en')}-user CSV export`,
      command: 'npx tsx bench/mock-export.bench.ts',
      method:
        `\`GET /me\` one after another over HTTP: ${IDLE_RUNS} idle, then for as long as each of ` +
        `${EXPORTS} exports is being read (the mock in a child process, the client reading as ` +
        'fast as it can). Baseline: the idle latency. Then two exports started together.',
      figures: [
        figure('`GET /me` during an export: median', busy.median, 'ms', quiet.median),
        figure('`GET /me` during an export: p95', busy.p95, 'ms', quiet.p95),
        figure('`GET /me` during an export: max', busy.max, 'ms', quiet.max),
        figure('one export: median', stats(exportMs).median, 'ms'),
        figure('two exports at once: both done', twoAtOnce, 'ms'),
      ],
      notes: [
        `${during.length} requests answered during ${EXPORTS} exports of ` +
          `${(bytes / 2 ** 20).toFixed(1)} MiB each`,
      ],
    };
  } finally {
    await mock.stop();
  }
}

if (isMain(import.meta.url)) printResult(await benchMockExport());
