/**
 * The demo in each look a white-label portal asks for — light, dark, a brand colour, compact
 * density and Arabic — in the built demo under its strict CSP: each is applied as a host would
 * (the `theme`, `density` and `locale` attributes, `--roster-color-brand` on the page, `dir`),
 * checked (what changed, axe on the table, no violation, no error) and photographed into
 * `.tmp/e2e/look-<name>.png`; `UPDATE_SCREENSHOTS=1` also writes the README's
 * `docs/screenshots/<name>.png`.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Locator } from 'playwright-core';
import { describeFindings, seriousViolations } from './axe.js';
import { ROOT, screenshot, useE2E, waitForRows } from './harness.js';

interface Look {
  name: string;
  /** Applied to every Roster element. */
  attributes: Record<string, string>;
  brand?: string;
  dir?: 'rtl';
  /** What the look must show, checked on the table. */
  check(table: Locator): Promise<void>;
}

/** The computed style of the table's first row and its invite button. */
const looks = (table: Locator) =>
  table.evaluate((host) => {
    const root = host.shadowRoot!;
    const row = root.querySelector('[role="row"][data-id]')!;
    const invite = root.querySelector('[part="invite-button"]')!;
    return {
      background: getComputedStyle(host).backgroundColor,
      rowHeight: row.getBoundingClientRect().height,
      invite: invite.textContent!.trim(),
      inviteBackground: getComputedStyle(invite).backgroundColor,
      direction: getComputedStyle(host).direction,
    };
  });

const LOOKS: Look[] = [
  {
    name: 'light',
    attributes: { theme: 'light' },
    async check(table) {
      const look = await looks(table);
      assert.equal(look.background, 'rgb(255, 255, 255)');
      assert.equal(look.invite, 'Invite');
    },
  },
  {
    name: 'dark',
    attributes: { theme: 'dark' },
    async check(table) {
      assert.equal((await looks(table)).background, 'rgb(17, 24, 39)');
    },
  },
  {
    name: 'brand',
    attributes: {},
    brand: '#7c3aed',
    async check(table) {
      assert.equal((await looks(table)).inviteBackground, 'rgb(124, 58, 237)');
    },
  },
  {
    name: 'compact',
    attributes: { density: 'compact' },
    async check(table) {
      assert.equal(Math.round((await looks(table)).rowHeight), 40);
    },
  },
  {
    name: 'arabic',
    attributes: { locale: 'ar' },
    dir: 'rtl',
    async check(table) {
      await table
        .page()
        .waitForFunction(
          () =>
            /\p{Script=Arabic}/u.test(
              document
                .querySelector('users-table')
                ?.shadowRoot?.querySelector('[part="invite-button"]')?.textContent ?? '',
            ),
          undefined,
          { timeout: 5000 },
        );
      const look = await looks(table);
      assert.equal(look.direction, 'rtl');
    },
  },
];

describe('looks: light, dark, brand, compact, Arabic', { timeout: 60_000 }, () => {
  const e2e = useE2E();

  for (const look of LOOKS) {
    it(`shows the demo ${look.name}, axe clean`, async () => {
      const demo = await e2e().open('preset=all&as=owner', { width: 1280 });
      const { page, table } = demo;
      try {
        await waitForRows(table);
        await page.evaluate(({ attributes, brand, dir }) => {
          const roster = document.querySelectorAll(
            'users-table, invite-dialog, edit-user-dialog, revoke-dialog, permission-matrix, role-templates',
          );
          for (const element of roster)
            for (const [name, value] of Object.entries(attributes))
              element.setAttribute(name, value);
          if (brand) document.documentElement.style.setProperty('--roster-color-brand', brand);
          if (dir) document.documentElement.dir = dir;
        }, { attributes: look.attributes, brand: look.brand, dir: look.dir });
        // Past the colour transitions and the windowing's re-measure.
        await page.waitForTimeout(400);
        await look.check(table);
        const findings = await seriousViolations(page, 'users-table');
        assert.equal(findings.length, 0, describeFindings(findings));
        const path = await screenshot(page, `look-${look.name}`);
        if (process.env.UPDATE_SCREENSHOTS) {
          const dir = join(ROOT, 'docs', 'screenshots');
          mkdirSync(dir, { recursive: true });
          await table.screenshot({ path: join(dir, `${look.name}.png`) });
        }
        assert.ok(path);
        assert.deepEqual(await demo.violations(), []);
        assert.deepEqual(demo.errors, []);
      } finally {
        await demo.close();
      }
    });
  }
});
