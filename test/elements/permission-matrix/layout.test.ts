import { expect, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { PermissionMatrix } from '../../../src/elements/permission-matrix/permission-matrix.js';
import { $, mount, storeAs } from './helpers.js';

afterEach(async () => {
  document.documentElement.dir = '';
  await setViewport({ width: 800, height: 600 });
});

/** The page does not scroll sideways; the region does, with its first column kept in view. */
async function expectNarrowLayout(el: PermissionMatrix, rtl: boolean): Promise<void> {
  expect(document.documentElement.scrollWidth, 'page overflow').to.be.at.most(
    document.documentElement.clientWidth,
  );
  const region = $(el, '[part="region"]')!;
  expect(region.scrollWidth, 'the region scrolls').to.be.greaterThan(region.clientWidth);
  const first = $(el, 'tbody th')!;
  expect(getComputedStyle(first).position).to.equal('sticky');
  const edge = () =>
    rtl
      ? region.getBoundingClientRect().right - first.getBoundingClientRect().right
      : first.getBoundingClientRect().left - region.getBoundingClientRect().left;
  const before = edge();
  region.scrollLeft = rtl ? -200 : 200;
  await new Promise((resolve) => requestAnimationFrame(resolve));
  expect(Math.abs(region.scrollLeft), 'scrolled').to.be.greaterThan(0);
  expect(Math.round(edge()), 'first column stays at the start edge').to.equal(Math.round(before));
  await expect(el).to.be.accessible();
}

for (const rtl of [false, true]) {
  describe(`<permission-matrix> at 320 px${rtl ? ', right to left' : ''}`, () => {
    it('roles mode fits', async () => {
      await setViewport({ width: 320, height: 640 });
      if (rtl) document.documentElement.dir = 'rtl';
      const { store } = await storeAs('workspace', 'owner');
      const el = await mount(store, html`<permission-matrix></permission-matrix>`);
      await expectNarrowLayout(el, rtl);
    });

    it('grants mode fits', async () => {
      await setViewport({ width: 320, height: 640 });
      if (rtl) document.documentElement.dir = 'rtl';
      const { store } = await storeAs('tenant', 'admin');
      const user = store.$rows.get().find((u) => u.allowedActions.editPermissions)!;
      const el = await mount(
        store,
        html`<permission-matrix mode="grants" .user=${user}></permission-matrix>`,
      );
      await expectNarrowLayout(el, rtl);
    });
  });
}
