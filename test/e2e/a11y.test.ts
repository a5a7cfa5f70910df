/**
 * axe-core on the demo page. `page.addScriptTag({ path })` inserts an inline `<script>`, which
 * the strict CSP blocks (and reports); `page.evaluate(source)` runs through the DevTools
 * protocol, which CSP does not govern, so axe runs on the page exactly as served, CSP and all.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeFindings, seriousViolations } from './axe.js';
import { screenshot, waitForRows, useE2E } from './harness.js';

describe('accessibility (axe-core)', { timeout: 60_000 }, () => {
  const e2e = useE2E();

  it('finds nothing serious on the page with the table loaded', async () => {
    const demo = await e2e().open('preset=all&as=owner');
    try {
      await waitForRows(demo.table);
      const findings = await seriousViolations(demo.page);
      assert.equal(findings.length, 0, describeFindings(findings));
    } finally {
      await demo.close();
    }
  });

  it("finds nothing serious on the mock's outbox with the invitee's view open", async () => {
    const demo = await e2e().open('preset=workspace&as=owner');
    const { page } = demo;
    try {
      // The seeded colleague whose link expired: accepting is refused, in words.
      const email = page.locator('#outbox > li[data-state="expired"]').first();
      await email.getByRole('button', { name: 'Open as the invitee' }).click();
      const dialog = page.getByRole('dialog', { name: /^Join / });
      await dialog.waitFor({ state: 'visible' });
      await dialog.getByRole('button', { name: 'Accept invitation' }).click();
      await dialog
        .getByRole('alert')
        .getByText(/expired/)
        .waitFor();
      await screenshot(page, 'a11y-accept-invitation');
      const findings = await seriousViolations(page);
      assert.equal(findings.length, 0, describeFindings(findings));
    } finally {
      await demo.close();
    }
  });

  it('finds nothing serious with the invite dialog open', async () => {
    const demo = await e2e().open('preset=all&as=owner');
    const { page, table } = demo;
    try {
      await waitForRows(table);
      await table.getByRole('button', { name: 'Invite', exact: true }).click();
      const dialog = table.locator('invite-dialog dialog');
      await dialog.waitFor({ state: 'visible' });
      await page.keyboard.type('ana@example.com, not-an-address ');
      await dialog.locator('[part~="chip-invalid"]').waitFor();
      await screenshot(page, 'a11y-invite-dialog');
      const findings = await seriousViolations(page);
      assert.equal(findings.length, 0, describeFindings(findings));
    } finally {
      await demo.close();
    }
  });
});
