/**
 * `<role-templates>` and `<permission-matrix>` on the demo under the strict CSP: they render,
 * a template can be created and deleted there, and nothing is blocked.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WAIT_MS, useE2E } from './harness.js';

describe('the demo’s role templates and permission matrix', { timeout: 90_000 }, () => {
  const e2e = useE2E();

  it('render for an admin, create and delete a template, with no violation', async () => {
    const demo = await e2e().open('preset=tenant&as=admin');
    const { page } = demo;
    try {
      const section = page.locator('role-templates');
      await section.locator('[part="template"]').first().waitFor({ timeout: WAIT_MS });
      await page.locator('permission-matrix[mode="roles"] table').first().waitFor();
      await page.locator('#template-grants table').first().waitFor();

      await section.locator('[part="create-button"]').click();
      const dialog = section.locator('role-template-dialog dialog');
      await dialog.waitFor({ state: 'visible' });
      await page.keyboard.type('CSP check');
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'hidden' });
      const item = section.locator('[part="template"]', { hasText: 'CSP check' });
      await item.waitFor();
      await item.locator('[part="delete-button"]').click();
      await dialog.waitFor({ state: 'visible' });
      await dialog.locator('[part="confirm-button"]').click();
      await item.waitFor({ state: 'detached' });

      assert.deepEqual(await demo.violations(), []);
      assert.deepEqual(demo.errors, []);
    } finally {
      await demo.close();
    }
  });

  it('is read-only for a persona without manageTemplates, and says so where off', async () => {
    for (const [query, expect] of [
      ['preset=all&as=agent', 'list or message'],
      ['preset=workspace&as=owner', 'no role templates'],
      ['preset=tenant&as=user', 'not allowed'],
    ] as const) {
      const demo = await e2e().open(query);
      try {
        const section = demo.page.locator('role-templates');
        await section
          .locator('[part="template"], [part="state"]')
          .first()
          .waitFor({ timeout: WAIT_MS });
        assert.equal(await section.locator('[part="create-button"]').count(), 0, query);
        assert.equal(await section.locator('[part="delete-button"]').count(), 0, query);
        if (expect !== 'list or message') {
          await section.locator('[part="state"]', { hasText: expect }).waitFor();
        }
        assert.deepEqual(await demo.violations(), [], query);
        assert.deepEqual(demo.errors, [], query);
      } finally {
        await demo.close();
      }
    }
  });
});
