import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { UsersTable } from '../../../src/elements/users-table/users-table.js';
import { search } from '../../../src/store/index.js';
import { $$, focused, mountTable, rowOf, rows, scrollGrid } from './helpers.js';

/** The rows holding the grid's tab stop (there is one). */
function tabStops(el: UsersTable): (string | undefined)[] {
  return $$(el, '.body [role="row"][tabindex="0"]').map((row) => row.dataset.id);
}

/** What in the body is in the tab order besides the rows (nothing: the grid has one stop). */
function otherStops(el: UsersTable): string[] {
  return $$(el, '.body [role="row"] *')
    .filter((node) => node.tabIndex >= 0)
    .map((node) => node.localName);
}

/** The user id of the focused row, and whether the row itself has the focus. */
function focusedRow(el: UsersTable): { id?: string; row: boolean } {
  const active = focused(el) as HTMLElement | null;
  const row = active?.closest<HTMLElement>('[role="row"]');
  return { id: row?.dataset.id, row: !!row && active === row };
}

describe('<users-table> roving focus', () => {
  it('makes a clicked row the one tab stop, with none of its controls or times in the tab order', async () => {
    const { el } = await mountTable({ preset: 'workspace' }, 'owner');
    const first = rows(el)[0]!.dataset.id;
    expect(tabStops(el), 'the first row until one is chosen').to.deep.equal([first]);
    const row = rows(el)[3]!;
    row.querySelector<HTMLElement>('.cell.email')!.click();
    await el.updateComplete;
    expect(focused(el)).to.equal(row);
    expect(tabStops(el)).to.deep.equal([row.dataset.id]);
    expect($$(el, '.body time').length).to.be.greaterThan(0);
    expect(otherStops(el)).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('gives the tab stop to the first rendered row while the chosen one is out of the window', async () => {
    const { el } = await mountTable({ preset: 'workspace', users: 200 }, 'owner');
    const row = rows(el)[2]!;
    const id = row.dataset.id!;
    row.click();
    await scrollGrid(el, 100 * 56);
    expect(rowOf(el, id)).to.equal(null);
    expect(tabStops(el)).to.deep.equal([rows(el)[0]!.dataset.id]);
    expect(otherStops(el)).to.deep.equal([]);
    await scrollGrid(el, 0);
    expect(tabStops(el), 'the chosen row again once back').to.deep.equal([id]);
  });

  it('gives the focus and the tab stop to the previous row when the focused last row leaves', async () => {
    const { el, store } = await mountTable({ preset: 'workspace' }, 'owner');
    const ids = store.$order.get().slice(0, 3);
    store.$order.set(ids);
    await el.updateComplete;
    rowOf(el, ids[2]!)!.focus();
    store.$order.set(ids.slice(0, 2));
    await el.updateComplete;
    expect(focusedRow(el)).to.deep.equal({ id: ids[1], row: true });
    expect(tabStops(el)).to.deep.equal([ids[1]]);
    await sendKeys({ press: 'ArrowUp' });
    expect(focusedRow(el)).to.deep.equal({ id: ids[0], row: true });
  });

  it('goes back to the row with ← from its actions button and with Escape from its checkbox, and Tab leaves', async () => {
    const { el, store } = await mountTable({ preset: 'workspace' }, 'owner');
    const user = store.$rows.get().find((u) => u.allowedActions.revoke)!;
    const row = rowOf(el, user.id)!;
    row.focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(focused(el)?.getAttribute('part')).to.equal('actions-button');
    await sendKeys({ press: 'ArrowLeft' });
    expect(focused(el)).to.equal(row);
    // The checkbox is no tab stop (Space on the row selects); focused by a click, ← there
    // is the checkbox's own, not the grid's, and Escape goes back to the row.
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(null);
    row.querySelector<HTMLElement>('[part="select"]')!.focus();
    expect(focused(el)?.getAttribute('part')).to.equal('select');
    await sendKeys({ press: 'ArrowLeft' });
    expect(focused(el)?.getAttribute('part')).to.equal('select');
    await sendKeys({ press: 'Escape' });
    expect(focused(el)).to.equal(row);
  });

  it('selects nothing with Space on the signed-in user, and keeps the page from scrolling', async () => {
    const { el, server, store } = await mountTable({ preset: 'workspace' }, 'owner');
    const self = server.userIdOf('owner');
    await search(store, store.$me.get()!.user.email);
    await el.updateComplete;
    const changes: (readonly string[])[] = [];
    el.addEventListener('roster-selection-change', (event) => changes.push(event.userIds));
    const keys: KeyboardEvent[] = [];
    el.addEventListener('keydown', (event) => keys.push(event));
    rowOf(el, self)!.focus();
    await sendKeys({ press: ' ' });
    await el.updateComplete;
    expect(changes).to.deep.equal([]);
    expect(keys.map((event) => [event.key, event.defaultPrevented])).to.deep.equal([[' ', true]]);
    expect(focusedRow(el)).to.deep.equal({ id: self, row: true });
  });
});
