/** The table at a phone's width, left to right and right to left; screenshots for a human. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DemoPage } from './harness.js';
import { screenshot, userRows, waitForRows, useE2E } from './harness.js';

/** The layouts checked: a 320 px viewport in both directions, and the demo's 320 px frame. */
const layouts = [
  { name: 'viewport-320-ltr', query: 'preset=all&as=owner', width: 320, dir: 'ltr' },
  { name: 'viewport-320-rtl', query: 'preset=all&as=owner&dir=rtl', width: 320, dir: 'rtl' },
  {
    name: 'frame-narrow-rtl',
    query: 'preset=all&as=owner&dir=rtl&width=narrow',
    width: 1280,
    dir: 'rtl',
  },
] as const;

describe('layout', { timeout: 60_000 }, () => {
  const e2e = useE2E();

  for (const layout of layouts) {
    it(`fits the table in the viewport (only its grid scrolls sideways): ${layout.name}`, async () => {
      const demo: DemoPage = await e2e().open(layout.query, { width: layout.width });
      const { page, table } = demo;
      try {
        await waitForRows(table);
        const size = await table.evaluate((host) => ({
          scrollWidth: host.scrollWidth,
          clientWidth: host.clientWidth,
          direction: getComputedStyle(host).direction,
        }));
        assert.equal(size.direction, layout.dir);
        assert.ok(size.clientWidth > 0 && size.clientWidth <= 320, `width ${size.clientWidth}`);
        assert.ok(
          size.scrollWidth <= size.clientWidth,
          `the table scrolls sideways: ${size.scrollWidth} > ${size.clientWidth}`,
        );

        const name = userRows(table).first().locator('[part="name"]');
        assert.ok(await name.isVisible(), "the first row's name is visible");
        const box = await name.boundingBox();
        const host = await table.boundingBox();
        assert.ok(box && host, 'the name and the table have boxes');
        assert.ok(box.width >= 24, `the name is ${box.width} px wide`);
        assert.ok(
          box.x >= host.x - 0.5 && box.x + box.width <= host.x + host.width + 0.5,
          `the name (${box.x}…${box.x + box.width}) lies inside the table (${host.x}…${host.x + host.width})`,
        );
        await screenshot(page, `layout-${layout.name}`);
        assert.deepEqual(await demo.violations(), []);
        assert.deepEqual(demo.errors, []);
      } finally {
        await demo.close();
      }
    });
  }

  for (const layout of layouts) {
    it(`shows every status badge whole: ${layout.name}`, async () => {
      const demo = await e2e().open(layout.query, { width: layout.width });
      try {
        await waitForRows(demo.table);
        const clipped = await userRows(demo.table).evaluateAll((rows) =>
          rows.flatMap((row) => {
            const cell = row.querySelector('[part~="cell"].status');
            const badge = cell?.querySelector('[part~="status"]');
            if (!cell || !badge) return [];
            const c = cell.getBoundingClientRect();
            const b = badge.getBoundingClientRect();
            return b.left < c.left - 0.5 || b.right > c.right + 0.5
              ? [`${badge.textContent?.trim()} (${b.width} px in a ${c.width} px cell)`]
              : [];
          }),
        );
        assert.deepEqual(clipped, []);
      } finally {
        await demo.close();
      }
    });
  }

  for (const dir of ['ltr', 'rtl'] as const)
    it(`keeps every column reachable at 360 px, scrolling the grid sideways (${dir})`, async () => {
      const query = `preset=all&as=owner${dir === 'rtl' ? '&dir=rtl' : ''}`;
      const demo = await e2e().open(query, { width: 360 });
      try {
        await waitForRows(demo.table);
        const grid = demo.table.locator('[role="grid"]');
        const labels = (await demo.table.locator('[role="columnheader"]').allTextContents()).map(
          (text) => text.replace(/[▲▼↕]/g, '').trim(),
        );
        for (const label of ['Name', 'Email', 'Role', 'Role template', 'Status', 'CRM access'])
          assert.ok(labels.includes(label), `the ${label} column is there: ${labels.join(', ')}`);
        assert.ok(labels.includes('Last active') || labels.includes('Last login'), 'a last column');
        const first = userRows(demo.table).first();
        const sizes = await grid.evaluate((node) => ({
          scroll: node.scrollWidth,
          client: node.clientWidth,
        }));
        assert.ok(
          sizes.scroll > sizes.client,
          `the grid scrolls: ${sizes.scroll} > ${sizes.client}`,
        );
        // Every header and cell has room; the avatar with its presence dot shows.
        const cells = first.locator('[role="gridcell"]');
        assert.equal(await cells.count(), labels.length);
        for (const selector of ['[part="avatar"]', '[part="presence"]', '[part="name"]'])
          assert.ok(await first.locator(selector).isVisible(), `${selector} visible`);
        const inView = async () => {
          const view = (await grid.boundingBox())!;
          const boxes = await Promise.all(
            ['[part="presence"]', '[part="name"]', '[part="actions-button"]'].map(
              async (selector) => (await first.locator(selector).boundingBox())!,
            ),
          );
          return boxes.map(
            (box) => box.x >= view.x - 0.5 && box.x + box.width <= view.x + view.width + 0.5,
          );
        };
        assert.deepEqual((await inView()).slice(0, 2), [true, true]);
        await grid.evaluate((node, rtl) => {
          node.scrollLeft = (rtl ? -1 : 1) * node.scrollWidth;
        }, dir === 'rtl');
        await demo.page.waitForTimeout(50);
        assert.deepEqual(
          await inView(),
          [true, true, true],
          'scrolled: the name held, the actions in view',
        );
        await screenshot(demo.page, `layout-360-scrolled-${dir}`);
        assert.deepEqual(await demo.violations(), []);
        assert.deepEqual(demo.errors, []);
      } finally {
        await demo.close();
      }
    });

  it('lets the whole demo page fit a 320 px viewport', async () => {
    const demo = await e2e().open('preset=all&as=owner', { width: 320 });
    try {
      await waitForRows(demo.table);
      const page = await demo.page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      assert.ok(
        page.scrollWidth <= page.clientWidth,
        `the page scrolls sideways: ${page.scrollWidth} > ${page.clientWidth}`,
      );
    } finally {
      await demo.close();
    }
  });
});
