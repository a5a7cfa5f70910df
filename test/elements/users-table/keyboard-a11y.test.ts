import { expect, fixtureSync, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { User } from '../../../src/api/types.js';
import type { UsersTable } from '../../../src/elements/users-table/users-table.js';
import {
  $,
  $$,
  focused,
  mountTable,
  openMenu,
  rowOf,
  rows,
  settledTable,
  track,
  until,
} from './helpers.js';
import { mockStore } from '../../store/mock-helpers.js';

/** The user id of the focused row (or of the row holding the focused control). */
function focusedRowId(el: UsersTable): string | undefined {
  return (focused(el)?.closest('[role="row"]') as HTMLElement | null)?.dataset.id;
}

/** Tabs into the grid body from the last column header's button: one stop, the active row. */
async function focusGrid(el: UsersTable): Promise<void> {
  const sortButtons = $$(el, '[part="sort-button"]');
  sortButtons.at(-1)!.focus();
  await sendKeys({ press: 'Tab' });
  expect(focused(el)?.getAttribute('role')).to.equal('row');
}

describe('<users-table> keyboard', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('has one tab stop in the body, and moves between rows with the arrow, page, Home and End keys', async () => {
    const { el, store } = await mountTable({ preset: 'workspace' }, 'owner');
    await focusGrid(el);
    const order = () => store.$rows.get().map((u) => u.id);
    expect(focusedRowId(el)).to.equal(order()[0]);
    expect($$(el, '.body [role="row"][tabindex="0"]')).to.have.length(1);
    await sendKeys({ press: 'ArrowDown' });
    expect(focusedRowId(el)).to.equal(order()[1]);
    await sendKeys({ press: 'ArrowUp' });
    expect(focusedRowId(el)).to.equal(order()[0]);
    await sendKeys({ press: 'PageDown' });
    const paged = order().indexOf(focusedRowId(el)!);
    expect(paged).to.be.greaterThan(3);
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    const end = order().indexOf(focusedRowId(el)!);
    expect(end).to.be.greaterThan(paged);
    // The window followed: the focused row is rendered and the grid scrolled.
    expect(el.shadowRoot!.querySelector('.grid')!.scrollTop).to.be.greaterThan(0);
    await sendKeys({ press: 'Home' });
    expect(focusedRowId(el)).to.equal(order()[0]);
    expect(el.shadowRoot!.querySelector('.grid')!.scrollTop).to.equal(0);
  });

  it('loads further pages when End reaches the last loaded row', async () => {
    const { el, store } = await mountTable({ preset: 'workspace', users: 400 }, 'owner', {
      storeOptions: { pageSize: 20 },
    });
    await focusGrid(el);
    const loaded = store.$rows.get().length;
    await sendKeys({ press: 'End' });
    await until(el, () => store.$rows.get().length > loaded, 'more loaded');
    const grid = el.shadowRoot!.querySelector('[role="grid"]')!;
    expect(Number(grid.getAttribute('aria-rowcount'))).to.equal(store.$paging.get().total! + 1);
    await sendKeys({ press: 'End' });
    const id = focusedRowId(el)!;
    expect(store.$rows.get().findIndex((u) => u.id === id)).to.be.greaterThan(loaded - 1);
  });

  it('opens the user with Enter', async () => {
    const { el, store } = await mountTable({ preset: 'workspace' }, 'owner');
    const opened: User[] = [];
    el.addEventListener('roster-open-user', (event) => {
      opened.push(event.user);
      event.preventDefault();
    });
    await focusGrid(el);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    expect(opened.map((u) => u.id)).to.deep.equal([store.$rows.get()[1]!.id]);
  });

  it('goes into the row actions with → and Tab, back with Escape, and works the menu by keyboard', async () => {
    const { el } = await mountTable({ preset: 'workspace' }, 'owner');
    await focusGrid(el);
    const rowId = focusedRowId(el);
    await sendKeys({ press: 'ArrowRight' });
    expect(focused(el)?.getAttribute('part')).to.equal('actions-button');
    await sendKeys({ press: 'Escape' });
    expect(focused(el)?.getAttribute('role')).to.equal('row');
    // The grid is one tab stop: nothing else in the body is in the tab order (no checkbox,
    // time or button), and Tab leaves the grid in one step, from the row and from its actions.
    const stops = $$(el, '.body *').filter((node) => node.tabIndex >= 0);
    expect(stops.map((node) => node.dataset.id)).to.deep.equal([rowId]);
    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.closest('[role="grid"]') ?? null, 'Tab from the row').to.equal(null);
    rowOf(el, rowId!)!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.closest('[role="grid"]') ?? null, 'Tab from its actions').to.equal(null);
    rowOf(el, rowId!)!.focus();

    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'ArrowRight' });
    const button = focused(el) as HTMLElement;
    await sendKeys({ press: 'Enter' });
    await until(el, () => focused(el)?.getAttribute('role') === 'menuitem', 'menu focused');
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    const items = $$(el, '[role="menuitem"]');
    expect(focused(el)).to.equal(items[0]);
    await sendKeys({ press: 'ArrowDown' });
    expect(focused(el)).to.equal(items[1]);
    await sendKeys({ press: 'End' });
    expect(focused(el)).to.equal(items.at(-1));
    await sendKeys({ press: 'ArrowDown' });
    expect(focused(el), 'wraps around').to.equal(items[0]);
    await sendKeys({ press: 'ArrowUp' });
    expect(focused(el)).to.equal(items.at(-1));
    await sendKeys({ press: 'Home' });
    expect(focused(el)).to.equal(items[0]);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(focused(el)).to.equal(button);
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect($(el, '[role="menu"]')!.matches(':popover-open')).to.be.false;
  });

  it('selects the focused row with Space', async () => {
    const { el } = await mountTable({ preset: 'workspace' }, 'owner');
    await focusGrid(el);
    await sendKeys({ press: 'ArrowDown' });
    const row = focused(el) as HTMLElement;
    expect(row.getAttribute('aria-selected')).to.equal('false');
    await sendKeys({ press: ' ' });
    await el.updateComplete;
    expect(row.getAttribute('aria-selected')).to.equal('true');
  });

  it('fits 320 px: every column kept, the grid scrolls sideways in its own box', async () => {
    await setViewport({ width: 320, height: 640 });
    const { el } = await mountTable({ preset: 'tenant' }, 'admin');
    const grid = el.shadowRoot!.querySelector<HTMLElement>('[role="grid"]')!;
    expect(grid.scrollWidth).to.be.greaterThan(grid.clientWidth);
    const row = rows(el)[0]!;
    const visible = (selector: string) => {
      const cell = row.querySelector(selector);
      return !!cell && getComputedStyle(cell).display !== 'none' && cell.clientWidth > 0;
    };
    for (const kind of ['avatar', 'name', 'email', 'role', 'status', 'last-active', 'actions'])
      expect(visible(`.cell.${kind}`), kind).to.be.true;
    expect(el.getBoundingClientRect().width).to.be.at.most(320);
    expect(el.scrollWidth).to.be.at.most(el.clientWidth);
    await expect(el).to.be.accessible();
  });

  it('lays out and navigates right to left', async () => {
    const { server, store } = mockStore({ preset: 'workspace', latency: 0 }, 'owner', {
      pageSize: 25,
    });
    track(server);
    // fixtureSync: fixture() of a plain <div> waits for a frame, which a background tab may
    // never paint.
    const wrapper = fixtureSync<HTMLElement>(
      html`<div dir="rtl"><users-table .store=${store}></users-table></div>`,
    );
    const el = wrapper.querySelector('users-table')!;
    await settledTable(el, store);
    const row = rows(el)[0]!;
    const name = row.querySelector('.cell.name')!.getBoundingClientRect();
    const actions = row.querySelector('.cell.actions')!.getBoundingClientRect();
    expect(actions.right, 'actions on the left in RTL').to.be.lessThan(name.left);
    await focusGrid(el);
    await sendKeys({ press: 'ArrowLeft' });
    expect(focused(el)?.getAttribute('part')).to.equal('actions-button');
    await sendKeys({ press: 'ArrowRight' });
    expect(focused(el)?.getAttribute('role')).to.equal('row');
    await expect(el).to.be.accessible();
  });
});

describe('<users-table> row menu by pointer', () => {
  it('closes when its button is clicked again or the focus goes elsewhere', async () => {
    const { el, store } = await mountTable({ preset: 'workspace' }, 'owner');
    const [first, second] = store.$rows.get().filter((u) => u.allowedActions.edit);
    const menu = $(el, '[role="menu"]')!;
    const button = (id: string) =>
      el.shadowRoot!.querySelector<HTMLElement>(`[data-id="${id}"] [part="actions-button"]`)!;
    await openMenu(el, first!.id);
    button(first!.id).focus();
    button(first!.id).click();
    await el.updateComplete;
    expect(menu.matches(':popover-open'), 'toggled closed').to.be.false;
    await openMenu(el, first!.id);
    button(second!.id).focus();
    await el.updateComplete;
    expect(menu.matches(':popover-open'), 'closed on focus elsewhere').to.be.false;
    expect(button(first!.id).getAttribute('aria-expanded')).to.equal('false');
    await openMenu(el, second!.id);
    expect(button(second!.id).getAttribute('aria-expanded')).to.equal('true');
    // Anchored to its button (CSS anchor positioning), not clipped by the scrolling grid.
    const at = button(second!.id).getBoundingClientRect();
    const box = menu.getBoundingClientRect();
    expect(box.top >= at.bottom - 1 || box.bottom <= at.top + 1, 'above or below').to.be.true;
    expect(Math.min(Math.abs(box.top - at.bottom), Math.abs(box.bottom - at.top))).to.be.below(16);
    expect(box.right >= at.left && box.left <= at.right, 'overlaps horizontally').to.be.true;
  });
});
