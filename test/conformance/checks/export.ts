/** `GET /users/export`: CSV of the filtered set, every page, formulas neutralised, permission. */
import { invite, type Env } from '../env.js';
import { type Harness, expect } from '../harness.js';
import { parseCsv } from '../csv.js';
import type { Page, User } from '../../../src/api/types.js';

/** Cells a spreadsheet would run as a formula start with one of these. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Where a column is, found by its header compared case-insensitively (`Email` or `email`). */
const columnOf = (header: readonly string[], name: string) =>
  header.findIndex((cell) => cell.trim().toLowerCase() === name);

/** Runs the group. */
export async function checkExport(h: Harness, env: Env): Promise<void> {
  h.group('CSV export');
  const exportUsers = (query: Record<string, string> = {}) =>
    ({ method: 'GET', path: '/users/export', query, headers: { Accept: 'text/csv' } }) as const;

  if (!env.workspace.features.export) {
    await h.check('GET /users/export without the feature → 404 not_found', async (t) => {
      t.expectProblem(await t.send('admin', exportUsers()), 404, 'not_found');
    });
    return;
  }
  if (!env.me.admin?.capabilities.export) {
    h.skip('CSV export', 'the admin persona lacks capabilities.export');
    return;
  }

  await h.check('export is text/csv with one row per user of the whole set', async (t) => {
    const res = await t.send('admin', exportUsers());
    t.expectStatus(res, 200);
    expect(res.mediaType === 'text/csv', `content type is ${res.mediaType}`);
    const [header, ...rows] = parseCsv(String(res.body));
    for (const column of ['id', 'email', 'name', 'role', 'status']) {
      expect(
        columnOf(header ?? [], column) !== -1,
        `no "${column}" column in ${header?.join(',')}`,
      );
    }
    const list = await t.send('admin', { method: 'GET', path: '/users', query: { limit: 1 } });
    const total = (list.body as Page<User>).total;
    expect(rows.length === total, `${rows.length} rows, GET /users says ${total}`);
  });

  await h.check('export neutralises formula cells and honours the filters', async (t) => {
    const names = ['=HYPERLINK("http://evil.example","x")', '+1+2', '-3+4', '@SUM(1)'];
    const users = [];
    for (const [i, name] of names.entries())
      users.push(await invite(t, env, { name, label: `formula${i}` }));
    const marker = users[0]!.email.split('-').slice(0, 3).join('-');
    const res = await t.send('admin', exportUsers({ q: marker }));
    t.expectStatus(res, 200);
    const [header = [], ...rows] = parseCsv(String(res.body));
    const emailAt = columnOf(header, 'email');
    const nameAt = columnOf(header, 'name');
    for (const user of users) {
      const row = rows.find((r) => r[emailAt] === user.email);
      expect(row, `${user.email} is missing from the filtered export`);
      const cell = row[nameAt] ?? '';
      expect(!FORMULA_START.test(cell), `name cell ${JSON.stringify(cell)} would run as a formula`);
      expect(cell.includes(user.name), `name cell ${JSON.stringify(cell)} lost the name`);
    }
    const strays = rows.filter((r) => !(r[emailAt] ?? '').includes(marker));
    expect(strays.length === 0, `${strays.length} row(s) outside the filter`);
    for (const row of rows) {
      const bad = row.find((c) => FORMULA_START.test(c));
      expect(bad === undefined, `cell ${JSON.stringify(bad)} would run as a formula`);
    }
  });

  for (const persona of ['noExport', 'noAccess'] as const) {
    if (env.api.has(persona)) {
      await h.check(`export as ${persona} → 403 forbidden`, async (t) => {
        t.expectProblem(await t.send(persona, exportUsers()), 403, 'forbidden');
      });
    } else {
      h.skip(`export refused to ${persona}`, `no token for ${persona}`);
    }
  }
}
