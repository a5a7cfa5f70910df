/** The demo's controls: theme, density, brand colour, data size, failure rate, language, build. */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Locator } from 'playwright-core';
import {
  DEMO_DIR,
  openWatched,
  poll,
  screenshot,
  serveStatic,
  useE2E,
  waitForRows,
} from './harness.js';

const ROSTER = 'users-table, role-templates, permission-matrix, invite-dialog';

describe('demo controls', { timeout: 60_000 }, () => {
  const e2e = useE2E();

  it('applies theme, density and brand colour to every element, live', async () => {
    const demo = await e2e().open('preset=all&as=owner');
    try {
      await waitForRows(demo.table);
      await demo.page.selectOption('select[name="theme"]', 'dark');
      await demo.page.selectOption('select[name="density"]', 'compact');
      await demo.page.selectOption('select[name="brand"]', '#0f766e');
      const looks = await demo.page.$$eval(ROSTER, (elements) =>
        elements.map((e) => `${e.getAttribute('theme')} ${e.getAttribute('density')}`),
      );
      assert.ok(looks.length >= 4);
      assert.deepEqual(new Set(looks), new Set(['dark compact']));
      const brand = await demo.table.evaluate((e) =>
        getComputedStyle(e).getPropertyValue('--roster-color-brand').trim(),
      );
      assert.equal(brand, '#0f766e');
      assert.match(demo.page.url(), /theme=dark/);
      await screenshot(demo.page, 'demo-dark-compact-teal');
      await demo.page.selectOption('select[name="theme"]', '');
      assert.equal(await demo.table.getAttribute('theme'), null);
      assert.deepEqual(await demo.violations(), []);
      assert.deepEqual(demo.errors, []);
    } finally {
      await demo.close();
    }
  });

  it('renders 100,000 users as a windowed table quickly', async () => {
    const demo = await e2e().open('preset=all&as=owner&users=100000');
    try {
      const started = Date.now();
      await waitForRows(demo.table);
      const rows = await demo.table.locator('[role="row"][data-id]').count();
      assert.ok(rows > 0 && rows < 200, `${rows} rows drawn`);
      assert.ok(Date.now() - started < 8_000, `${Date.now() - started} ms`);
      assert.deepEqual(demo.errors, []);
    } finally {
      await demo.close();
    }
  });

  it('shows the empty, error and loading states of the table (?state=)', async () => {
    const states: [string, (table: Locator) => Promise<void>][] = [
      ['empty', (table) => table.getByText('No users yet').waitFor()],
      [
        'error',
        async (table) => {
          const state = table.locator('[part="state"]');
          await state.getByText('Users could not be loaded').waitFor();
          await state.locator('[part="retry-button"]').waitFor();
        },
      ],
      [
        'loading',
        async (table) => {
          await table.page().waitForTimeout(1000);
          await table.locator('[part="skeleton"]').first().waitFor();
        },
      ],
    ];
    for (const [name, shows] of states) {
      const demo = await e2e().open(`preset=all&as=owner&state=${name}`);
      try {
        await shows(demo.table);
        await screenshot(demo.page, `demo-state-${name}`);
        assert.deepEqual(await demo.violations(), [], name);
        assert.deepEqual(demo.errors, [], name);
      } finally {
        await demo.close();
      }
    }
  });

  it('shows German text with locale de', async () => {
    const demo = await e2e().open('preset=all&as=owner&locale=de');
    try {
      await waitForRows(demo.table);
      await poll(
        () => demo.table.locator('[role="columnheader"]').allTextContents(),
        (labels) => !labels.some((label) => /^\W*Email\W*$/.test(label.trim())),
        'the column headers in German',
        3000,
      );
    } finally {
      await demo.close();
    }
  });

  it('works from a static server in a subfolder (npm run build:demo)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'roster-demo-'));
    cpSync(DEMO_DIR, join(root, 'some', 'folder'), { recursive: true });
    const server = await serveStatic(root);
    try {
      const demo = await openWatched(
        e2e().browser,
        `${server.origin}/some/folder/?preset=tenant&as=admin`,
      );
      try {
        await waitForRows(demo.table);
        assert.deepEqual(await demo.violations(), []);
        assert.deepEqual(demo.errors, []);
      } finally {
        await demo.close();
      }
    } finally {
      await server.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
