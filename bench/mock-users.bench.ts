/**
 * `npm run bench:mock`: how fast the mock answers `GET /users` over 100,000 users, through
 * `server.fetch` (routing, auth, policy per row and JSON included), next to a naive baseline
 * (filter + sort the whole array per request) in the same run.
 */
import type { Page, User } from '../src/api/types.js';
import { createMockServer } from '../src/mock/index.js';

const USERS = 100_000;
const RUNS = 60;

function stats(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95) };
}

async function time(fn: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < 5; i++) await fn(); // warm-up (also builds the lazily sorted orders)
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return stats(samples);
}

const built = performance.now();
const server = createMockServer({ preset: 'all', users: USERS });
console.log(
  `Built a mock with ${server.seats().used} users in ${Math.round(performance.now() - built)} ms.`,
);
const get = async (query: string): Promise<Page<User>> => {
  const res = await server.fetch(`http://bench/api/v1/users?${query}`, {
    headers: { Authorization: 'Bearer owner' },
  });
  if (res.status !== 200) throw new Error(`${query}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Page<User>;
};

// A cursor deep into the list: 1,000 pages of 50 in.
let deepCursor = '';
{
  let page = await get('sort=email&limit=200');
  for (let i = 0; i < 249 && page.nextCursor; i++)
    page = await get(`sort=email&limit=200&cursor=${page.nextCursor}`);
  deepCursor = page.nextCursor ?? '';
}

const all = server.usersAs('owner');
const naive = (q: string) => {
  const needle = q.toLowerCase();
  return all
    .filter((u) => u.name.toLowerCase().includes(needle) || u.email.toLowerCase().includes(needle))
    .sort((a, b) => a.name.localeCompare(b.name))
    .slice(0, 50);
};

const rows: [string, { median: number; p95: number }][] = [
  ['search q=ana, sort name', await time(() => get('q=ana&limit=50'))],
  ['search q=user42 (rare)', await time(() => get('q=user42&limit=50'))],
  ['sort -lastActiveAt', await time(() => get('sort=-lastActiveAt&limit=50'))],
  ['filter role=agent&status=invited', await time(() => get('role=agent&status=invited&limit=50'))],
  [
    'deep cursor (row 50,000), sort email',
    await time(() => get(`sort=email&limit=50&cursor=${deepCursor}`)),
  ],
  ['baseline: naive filter+sort, q=ana', await time(async () => naive('ana'))],
];

console.log(
  `\nGET /users over ${USERS.toLocaleString('en')} generated users, ${RUNS} runs each (ms)\n`,
);
console.log(`| ${'case'.padEnd(38)} | median | p95    |`);
console.log(`|${'-'.repeat(40)}|--------|--------|`);
for (const [name, { median, p95 }] of rows) {
  console.log(
    `| ${name.padEnd(38)} | ${median.toFixed(2).padStart(6)} | ${p95.toFixed(2).padStart(6)} |`,
  );
}
server.close();
