/**
 * How fast the mock answers `GET /users` over 100,000 users, through `server.fetch` (routing,
 * auth, policy per row and JSON included), next to a naive baseline (filter + sort the whole
 * array per request) in the same run. Alone: `npm run bench:mock`; `npm run bench` runs it with
 * the others.
 */
import type { Page, User } from '../src/api/types.js';
import { createMockServer } from '../src/mock/index.js';
import { figure, isMain, printResult, stats } from './figures.mjs';
import type { BenchResult, Figure } from './figures.mjs';

const USERS = 100_000;
const RUNS = 60;

async function time(fn: () => Promise<unknown>): Promise<ReturnType<typeof stats>> {
  for (let i = 0; i < 5; i++) await fn(); // warm-up (also builds the lazily sorted orders)
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return stats(samples);
}

export async function benchMockUsers(): Promise<BenchResult> {
  const built = performance.now();
  const server = createMockServer({ preset: 'all', users: USERS });
  const users = server.seats().used;
  const buildMs = performance.now() - built;
  const get = async (query: string): Promise<Page<User>> => {
    const res = await server.fetch(`http://bench/api/v1/users?${query}`, {
      headers: { Authorization: 'Bearer owner' },
    });
    if (res.status !== 200) throw new Error(`${query}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Page<User>;
  };

  try {
    // A cursor deep into the list: 1,000 pages of 50 in.
    let page = await get('sort=email&limit=200');
    for (let i = 0; i < 249 && page.nextCursor; i++)
      page = await get(`sort=email&limit=200&cursor=${page.nextCursor}`);
    const deepCursor = page.nextCursor ?? '';

    const all = server.usersAs('owner');
    const naive = (q: string) => {
      const needle = q.toLowerCase();
      return all
        .filter(
          (u) => u.name.toLowerCase().includes(needle) || u.email.toLowerCase().includes(needle),
        )
        .sort((a, b) => a.name.localeCompare(b.name))
        .slice(0, 50);
    };

    const cases: [string, () => Promise<unknown>][] = [
      ['search `q=ana`, sort name', () => get('q=ana&limit=50')],
      ['search `q=user42` (rare)', () => get('q=user42&limit=50')],
      ['sort `-lastActiveAt`', () => get('sort=-lastActiveAt&limit=50')],
      ['filter role=agent & status=invited', () => get('role=agent&status=invited&limit=50')],
      [
        'deep cursor (row 50,000), sort email',
        () => get(`sort=email&limit=50&cursor=${deepCursor}`),
      ],
    ];
    const measured: [string, ReturnType<typeof stats>][] = [];
    for (const [name, fn] of cases) measured.push([name, await time(fn)]);
    const baseline = await time(async () => naive('ana'));

    // The baseline answers the first case (`q=ana`, name order) the naive way.
    const figures: Figure[] = measured.flatMap(([name, { median, p95 }], i) => [
      figure(`${name}: median`, median, 'ms', i === 0 ? baseline.median : undefined),
      figure(`${name}: p95`, p95, 'ms', i === 0 ? baseline.p95 : undefined),
    ]);
    return {
      id: 'mock-users',
      title: `Mock server, \`GET /users\` over ${users.toLocaleString('en')} users`,
      command: 'npm run bench:mock',
      method:
        `${RUNS} runs of each request after 5 warm-up runs, through the server's \`fetch\` ` +
        '(routing, auth, policy per row, JSON). Baseline: a naive filter + sort of the whole ' +
        'array for `q=ana`, in the same run. The mock keeps precomputed search strings, cached ' +
        'sorted orders and keyset cursors.',
      figures,
      notes: [`mock with ${users.toLocaleString('en')} users built in ${Math.round(buildMs)} ms`],
    };
  } finally {
    server.close();
  }
}

if (isMain(import.meta.url)) printResult(await benchMockUsers());
