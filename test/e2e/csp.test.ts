/** The demo holds a strict Content-Security-Policy: no inline code or styles, no eval. */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEMO_DIR, userRows, waitForRows, useE2E } from './harness.js';

describe('the demo under a strict Content-Security-Policy', { timeout: 60_000 }, () => {
  const e2e = useE2E();

  it('is built with no inline script, inline style or eval', () => {
    const html = readFileSync(join(DEMO_DIR, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    assert.ok(scripts.length > 0, 'the page loads a script');
    for (const [tag, attributes, body] of scripts) {
      assert.match(attributes ?? '', /\bsrc=/, `an inline script: ${tag.slice(0, 120)}`);
      assert.equal(body?.trim(), '', `a script with a src and a body: ${tag.slice(0, 120)}`);
    }
    assert.doesNotMatch(html, /<style\b/i, 'an inline <style> element');
    assert.doesNotMatch(html, /\sstyle\s*=/i, 'an inline style attribute');
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'an inline event handler attribute');
    // A favicon of the build's own (else the browser asks for /favicon.ico and logs a 404).
    const icon = /<link\b[^>]*\brel="icon"[^>]*\bhref="\/?([^"]+)"/i.exec(html)?.[1];
    assert.ok(icon, 'the page links an icon');
    assert.ok(existsSync(join(DEMO_DIR, icon)), `the build holds the icon ${icon}`);
    for (const file of readdirSync(join(DEMO_DIR, 'assets')).filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(join(DEMO_DIR, 'assets', file), 'utf8');
      assert.doesNotMatch(code, /\beval\(|\bnew Function\(/, `${file} uses eval`);
    }
  });

  it('renders the table, a row menu and every dialog with no violation and no error', async () => {
    const demo = await e2e().open('preset=all&as=owner');
    const { page, table } = demo;
    try {
      await waitForRows(table);
      assert.ok((await userRows(table).count()) > 0);

      // A row's actions menu (a popover in the table's shadow root).
      await table.locator('[part="actions-button"]').first().click();
      const menu = table.locator('[role="menu"]');
      await menu.waitFor({ state: 'visible' });
      assert.ok((await menu.getByRole('menuitem').count()) > 0, 'the menu has items');
      await page.keyboard.press('Escape');
      await menu.waitFor({ state: 'hidden' });

      // Each dialog on its own, opened by host code and cancelled with Escape.
      const story = page.locator('section[aria-labelledby="dialogs-heading"]');
      const outcome = page.locator('#outcome');
      for (const [button, tag] of [
        ['#open-invite', 'invite-dialog'],
        ['#open-edit', 'edit-user-dialog'],
        ['#open-revoke', 'revoke-dialog'],
      ] as const) {
        await page.locator(button).click();
        const dialog = story.locator(`${tag} dialog`);
        await dialog.waitFor({ state: 'visible' });
        if (tag === 'invite-dialog') {
          // Chips, hints and the access fields render too.
          await page.keyboard.type('csp.check@example.com, not-an-address ');
          await dialog.locator('[part~="chip"]').first().waitFor();
        }
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
        await page.waitForFunction(() =>
          document.querySelector('#outcome')?.textContent?.includes('"cancelled"'),
        );
        assert.match((await outcome.textContent()) ?? '', /"status": "cancelled"/);
        await outcome.evaluate((el) => (el.textContent = ''));
      }

      assert.deepEqual(await demo.violations(), []);
      assert.deepEqual(demo.errors, []);
    } finally {
      await demo.close();
    }
  });

  it('loads no avatar from another origin', async () => {
    const demo = await e2e().open('preset=all&as=owner');
    try {
      await waitForRows(demo.table);
      // Lazy pictures of the rendered rows have been requested once each is decoded or failed.
      await demo.page.waitForFunction(() =>
        [
          ...(document
            .querySelector('users-table')
            ?.shadowRoot?.querySelectorAll<HTMLImageElement>('img') ?? []),
        ].every((img) => img.complete),
      );
      const images = (await demo.violations()).filter((v) => v.directive === 'img-src');
      const blocked = [...new Set(images.map((v) => v.blockedURI))];
      assert.equal(blocked.length, 0, `img-src blocked ${blocked.join(', ')}`);
    } finally {
      await demo.close();
    }
  });
});
