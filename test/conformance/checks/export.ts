/** `GET /users/export`: CSV of the filtered set, every page, formulas neutralised, permission. */
import { invite, need, type Env } from '../env.js';
import { type Harness, expect, skip } from '../harness.js';
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

  if (env.workspace && !env.workspace.features.export) {
    await h.check('GET /users/export without the feature → 404 not_found', async (t) => {
      t.expectProblem(await t.send('admin', exportUsers()), 404, 'not_found');
    });
    return;
  }
  /** What every export check needs: the feature, and an admin who may export. */
  const ready = () => {
    const { me } = need(env, 'features.export', 'me.admin');
    if (!me.admin.capabilities.export) skip('the admin persona lacks capabilities.export');
  };

  await h.check('export is text/csv with one row per user of the whole set', async (t) => {
    ready();
    const res = await t.send('admin', exportUsers());
    t.expectStatus(res, 200);
    expect(res.mediaType === 'text/csv', `expected text/csv, got ${res.mediaType}`, res);
    const [header = [], ...rows] = parseCsv(String(res.body));
    const absent = ['id', 'email', 'name', 'role', 'status'].filter(
      (column) => columnOf(header, column) === -1,
    );
    expect(
      absent.length === 0,
      `expected columns ID, Email, Name, Role, Status (any case), got header ${header.join(',')}: no ${absent.join(', ')}`,
      res,
    );
    const list = await t.send('admin', { method: 'GET', path: '/users', query: { limit: 1 } });
    t.expectStatus(list, 200);
    const total = (list.body as Page<User>).total;
    expect(
      rows.length === total,
      `expected ${total} rows (GET /users total), got ${rows.length}`,
      res,
    );
  });

  await h.check('export neutralises formula cells and honours the filters', async (t) => {
    ready();
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
    const missing = users.filter((user) => !rows.some((r) => r[emailAt] === user.email));
    expect(
      missing.length === 0,
      `expected a row for each user matching q, got none for ${missing.map((u) => u.email).join(', ')}`,
      res,
    );
    for (const user of users) {
      const cell = rows.find((r) => r[emailAt] === user.email)![nameAt] ?? '';
      expect(
        cell.includes(user.name),
        `expected the name cell of ${user.email} to hold ${JSON.stringify(user.name)}, got ${JSON.stringify(cell)}`,
        res,
      );
    }
    const strays = rows.filter((r) => !(r[emailAt] ?? '').includes(marker));
    expect(
      strays.length === 0,
      `expected only rows matching q=${marker}, got ${strays.map((r) => r[emailAt]).join(', ')}`,
      res,
    );
    const formulas = rows.flat().filter((c) => FORMULA_START.test(c));
    expect(
      formulas.length === 0,
      `expected no cell starting with = + - @ tab or CR, got ${formulas.map((c) => JSON.stringify(c)).join(', ')}`,
      res,
    );
  });

  for (const persona of ['noExport', 'noAccess', 'readOnly'] as const) {
    await h.check(`export as ${persona} → 403 forbidden`, async (t) => {
      need(env, 'features.export', persona);
      t.expectProblem(await t.send(persona, exportUsers()), 403, 'forbidden');
    });
  }
}
