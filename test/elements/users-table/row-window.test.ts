import { expect } from '@open-wc/testing';
import { search } from '../../../src/store/index.js';
import { $, mountTable, rows, scrollGrid, until } from './helpers.js';

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
    await scrollGrid(el, rowHeight * 10);
    const before = rows(el);
    const shownBefore = before.map((row) => row.dataset.id);
    await scrollGrid(el, rowHeight * 60);
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
    await scrollGrid(el, 4000);
    expect($(el, '[part="grid"]')!.scrollTop).to.be.greaterThan(0);
    await search(store, 'user1');
    await until(el, () => !store.$paging.get().loading, 'searched');
    expect($(el, '[part="grid"]')!.scrollTop).to.equal(0);
    expect(rows(el)[0]!.dataset.index).to.equal('0');
  });
});
