import { expect } from '@open-wc/testing';
import type { UsersTable } from '../../../src/elements/users-table/users-table.js';
import { search } from '../../../src/store/index.js';
import { $, mountTable, rows, until } from './helpers.js';

function grid(el: UsersTable): HTMLElement {
  return $(el, '[part="grid"]')!;
}

/** Scrolls the grid and runs its scroll handler at once (no waiting for a frame). */
async function scrollTo(el: UsersTable, top: number): Promise<void> {
  grid(el).scrollTop = top;
  grid(el).dispatchEvent(new Event('scroll'));
  await el.updateComplete;
}

describe('<users-table> row window', () => {
  it('renders only the rows in view, re-using row elements as it scrolls', async () => {
    const { el, store } = await mountTable({ preset: 'workspace', users: 2000 }, 'owner', {
      storeOptions: { pageSize: 500 },
    });
    const loaded = store.$rows.get().length;
    const first = rows(el);
    expect(first.length).to.be.greaterThan(0);
    expect(first.length).to.be.lessThan(60);
    const rowHeight = first[1]!.getBoundingClientRect().top - first[0]!.getBoundingClientRect().top;
    // Past the top, the window holds its full overscan above and below.
    await scrollTo(el, rowHeight * 10);
    const before = rows(el);
    const shownBefore = before.map((row) => row.dataset.id);
    await scrollTo(el, rowHeight * 60);
    const after = rows(el);
    expect(after.map((row) => row.dataset.id)).not.to.include(shownBefore[0]);
    expect(Number(after[0]!.dataset.index)).to.be.greaterThan(50);
    // The same elements, showing other users: scrolling created no row.
    expect(new Set(after)).to.deep.equal(new Set(before));
    expect(store.$rows.get().length).to.be.at.least(loaded);
    await expect(el).to.be.accessible();
  });

  it('shows a new search from its top', async () => {
    const { el, store } = await mountTable({ preset: 'workspace', users: 2000 }, 'owner', {
      storeOptions: { pageSize: 500 },
    });
    await scrollTo(el, 4000);
    expect(grid(el).scrollTop).to.be.greaterThan(0);
    await search(store, 'user1');
    await until(el, () => !store.$paging.get().loading, 'searched');
    expect(grid(el).scrollTop).to.equal(0);
    expect(rows(el)[0]!.dataset.index).to.equal('0');
  });
});
