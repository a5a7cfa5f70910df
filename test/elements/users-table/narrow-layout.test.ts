import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { UserStatus } from '../../../src/api/types.js';
import type { UsersTable } from '../../../src/elements/users-table/users-table.js';
import { setFilter } from '../../../src/store/index.js';
import type { RosterStore } from '../../../src/store/index.js';
import { $, $$, headers, mountTable, rows, until } from './helpers.js';

/** The badges of the rendered rows that do not show whole, with their text and sizes. */
function clippedBadges(el: UsersTable): string[] {
  return rows(el).flatMap((row) => {
    const cell = row.querySelector<HTMLElement>('[role="gridcell"]:has([part~="status"])');
    const badge = cell?.querySelector<HTMLElement>('[part~="status"]');
    if (!cell || !badge) return [`no badge in ${row.dataset.id}`];
    const [c, b, r] = [cell, badge, row].map((node) => node.getBoundingClientRect()) as [
      DOMRect,
      DOMRect,
      DOMRect,
    ];
    const inside = (inner: DOMRect, outer: DOMRect) =>
      inner.left >= outer.left - 0.5 &&
      inner.right <= outer.right + 0.5 &&
      inner.top >= outer.top - 0.5 &&
      inner.bottom <= outer.bottom + 0.5;
    const whole = badge.scrollWidth <= badge.clientWidth && inside(b, c) && inside(b, r);
    return whole ? [] : [`${badge.textContent!.trim()} (${b.width}×${b.height} in ${c.width})`];
  });
}

/** Shows only the users of one status (all with null); resolves once the rows are there. */
async function showStatus(el: UsersTable, store: RosterStore, status: UserStatus | null) {
  await setFilter(store, { status });
  await until(
    el,
    () =>
      rows(el).length > 0 &&
      !store.$paging.get().loading &&
      rows(el).every((row) => !status || row.querySelector(`[data-status="${status}"]`)),
    `${status ?? 'all'} rows`,
  );
}

describe('<users-table> narrow layout', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  /** Mounts the table at `width` px of viewport (and `table` wide), `dir`; checks every status. */
  async function checkBadges(width: number, dir: 'ltr' | 'rtl', table?: string) {
    await setViewport({ width, height: 800 });
    const { el, store } = await mountTable({ preset: 'all' }, 'owner');
    el.dir = dir;
    if (table) el.style.inlineSize = table;
    const seen = new Set<string>();
    for (const status of [null, 'active', 'invited', 'suspended'] as const) {
      await showStatus(el, store, status);
      for (const badge of $$(el, '.body [part~="status"]'))
        seen.add(badge.textContent!.trim().replace(/\s+/g, ' '));
      expect(clippedBadges(el), `${status ?? 'all'} rows`).to.deep.equal([]);
    }
    // The longest badges were among them.
    expect([...seen]).to.include.members(['Suspended', 'Pending Invitation expired']);
    return el;
  }

  for (const dir of ['ltr', 'rtl'] as const)
    it(`shows every status badge whole at 320 px (${dir})`, async () => {
      const el = await checkBadges(320, dir);
      expect(el.getBoundingClientRect().width).to.be.at.most(320);
      // The name keeps room to be read.
      const name = rows(el)[0]!.querySelector('[part="name"]')!.getBoundingClientRect();
      expect(name.width).to.be.at.least(48);
      await expect(el).to.be.accessible();
    });

  it('shows every status badge whole in a 17rem table and at the smallest desktop width', async () => {
    await checkBadges(320, 'ltr', '17rem');
    await checkBadges(800, 'ltr');
  });

  /** Whether `inner` lies within `outer` horizontally (half a pixel of slack). */
  const within = (inner: DOMRect, outer: DOMRect) =>
    inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5 && inner.width > 0;

  for (const dir of ['ltr', 'rtl'] as const)
    it(`keeps every column reachable at 360 px, the name and presence in view (${dir})`, async () => {
      await setViewport({ width: 360, height: 800 });
      const { el, store } = await mountTable({ preset: 'all' }, 'owner');
      el.dir = dir;
      await el.updateComplete;
      // Every column the server declares has its header (none dropped for the width).
      const labels = headers(el).map((text) => text.replace(/[▲▼↕]/g, '').trim());
      expect(labels).to.include.members([
        'Picture',
        'Name',
        'Email',
        'Role',
        'Role template',
        'Status',
        'CRM access',
        'Last active',
        'Actions',
      ]);
      const grid = $(el, '[role="grid"]')!;
      // The page does not scroll sideways; the grid does, inside its own box.
      expect(el.scrollWidth).to.be.at.most(el.clientWidth);
      expect(grid.scrollWidth).to.be.greaterThan(grid.clientWidth);
      const view = grid.getBoundingClientRect();
      const row = rows(el)[0]!;
      const cells = [...row.querySelectorAll<HTMLElement>('[role="gridcell"]')];
      expect(cells).to.have.length(labels.length);
      for (const cell of cells) expect(cell.getBoundingClientRect().width).to.be.at.least(16);
      const lead = () =>
        ['[part="avatar"]', '[part="presence"]', '[part="name"]'].map((selector) =>
          row.querySelector(selector)!.getBoundingClientRect(),
        );
      for (const box of lead())
        expect(within(box, view), 'avatar, dot and name in view').to.be.true;
      // Scrolled to the far end: the last column is in view, and so are the avatar, dot and name.
      grid.scrollLeft = (dir === 'rtl' ? -1 : 1) * grid.scrollWidth;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const actions = cells.at(-1)!.getBoundingClientRect();
      expect(within(actions, view), 'the last column scrolled into view').to.be.true;
      for (const box of lead()) expect(within(box, view), 'held in view while scrolled').to.be.true;
      // The name column covers what scrolls under it (nothing shows through beside the name).
      const name = row.querySelector('[part="name"]')!.getBoundingClientRect();
      const x = dir === 'rtl' ? name.left - 2 : name.right + 2;
      const under = el.shadowRoot!.elementFromPoint(x, name.top + name.height / 2);
      expect(under?.closest('.cell.email, .cell.role'), 'no cell shows under the name').to.equal(
        null,
      );
      // Emails are whole (wrapped, not cut), and every row keeps the one row height.
      for (const each of rows(el)) {
        const email = each.querySelector<HTMLElement>('.cell.email .text');
        if (email)
          expect(email.scrollHeight, email.textContent!).to.be.at.most(email.clientHeight + 1);
      }
      const heights = new Set(rows(el).map((each) => each.getBoundingClientRect().height));
      expect([...heights]).to.have.length(1);
      expect($(el, '.body')!.getBoundingClientRect().height).to.be.closeTo(
        [...heights][0]! * (store.$rows.get().length + (store.$paging.get().nextCursor ? 1 : 0)),
        1,
      );
      await expect(el).to.be.accessible();
    });
});
