import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import type { User } from '../../../src/api/types.js';
import { SelectionController } from '../../../src/elements/users-table/selection.js';
import { mockStore } from '../../store/mock-helpers.js';
import { resetMouse, sendMouse } from '@web/test-runner-commands';
import { search } from '../../../src/store/index.js';
import type { UsersTable } from '../../../src/elements/users-table/users-table.js';
import { $, $$, headers, mountTable, rowOf, rows, track, until } from './helpers.js';

function checkbox(el: UsersTable, id: string): HTMLInputElement | null {
  return rowOf(el, id)?.querySelector<HTMLInputElement>('[part="select"]') ?? null;
}

/** A real pointer click in the middle of `target` (pressed and released by the browser). */
async function pointerClick(target: Element): Promise<void> {
  const box = target.getBoundingClientRect();
  await sendMouse({
    type: 'click',
    position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)],
  });
}

describe('<users-table> select column', () => {
  afterEach(() => resetMouse());

  it('ticks a row checkbox on the first real click, and clears it on the second', async () => {
    const { el, store, server } = await mountTable({ preset: 'workspace' }, 'owner');
    const self = server.userIdOf('owner');
    const id = store.$rows.get().find((u) => u.id !== self)!.id;
    await pointerClick(checkbox(el, id)!);
    await el.updateComplete;
    expect(checkbox(el, id)!.checked, 'ticked after one click').to.be.true;
    expect(rowOf(el, id)!.getAttribute('aria-selected')).to.equal('true');
    expect($(el, '[part="bulk-bar"]')).to.not.equal(null);
    // Still ticked once the browser finished with the click (nothing restores it later).
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(checkbox(el, id)!.checked).to.be.true;
    await pointerClick(checkbox(el, id)!);
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(checkbox(el, id)!.checked, 'cleared after the second click').to.be.false;
    expect(rowOf(el, id)!.getAttribute('aria-selected')).to.equal('false');
    expect($(el, '[part="bulk-bar"]')).to.equal(null);
  });

  it('ticks the box on a scripted click too, and ranges with shift', async () => {
    const { el, store, server } = await mountTable({ preset: 'workspace' }, 'owner');
    const self = server.userIdOf('owner');
    const ids = store.$rows
      .get()
      .filter((u) => u.id !== self)
      .map((u) => u.id);
    checkbox(el, ids[0]!)!.click();
    await el.updateComplete;
    expect(checkbox(el, ids[0]!)!.checked).to.be.true;
    checkbox(el, ids[3]!)!.dispatchEvent(
      new MouseEvent('click', { bubbles: true, composed: true, shiftKey: true }),
    );
    await el.updateComplete;
    expect(ids.slice(0, 4).map((id) => checkbox(el, id)!.checked)).to.deep.equal([
      true,
      true,
      true,
      true,
    ]);
  });

  it('draws no box in the cell of a row that cannot be selected', async () => {
    const { el, store } = await mountTable({ preset: 'workspace' }, 'owner');
    // A cell holding a checkbox: the box is the checkbox alone.
    const boxed = rows(el)[0]!.querySelector<HTMLElement>('[role="gridcell"]')!;
    expect(boxed.querySelector('[part="select"]')).to.not.equal(null);
    expect(getComputedStyle(boxed).borderTopStyle).to.equal('none');
    const me = store.$me.get()!.user;
    await search(store, me.email);
    await until(el, () => rows(el).length === 1, 'only the signed-in owner left');
    const cell = rowOf(el, me.id)!.querySelector<HTMLElement>('[role="gridcell"]')!;
    expect(cell.querySelector('input')).to.equal(null);
    const style = getComputedStyle(cell);
    // No border, background or content that could read as an empty checkbox.
    expect(style.borderTopStyle).to.equal('none');
    expect(style.borderInlineStartStyle).to.equal('none');
    expect(style.backgroundColor).to.equal('rgba(0, 0, 0, 0)');
    expect(cell.textContent!.trim()).to.equal('');
  });

  it('keeps the select and actions columns when a search leaves only unselectable rows', async () => {
    const { el, store } = await mountTable({ preset: 'workspace' }, 'owner');
    const before = headers(el);
    expect($(el, '[part="select-all"]')).to.not.equal(null);
    const widths = () =>
      $$(el, '[part="header-row"] [role="columnheader"]').map((cell) =>
        Math.round(cell.getBoundingClientRect().width),
      );
    const wide = widths();
    // Only the signed-in owner matches: not selectable, no actions on the own row.
    await search(store, store.$me.get()!.user.email);
    await until(el, () => rows(el).length === 1, 'only the owner left');
    expect(headers(el)).to.deep.equal(before);
    expect(widths()).to.deep.equal(wide);
    expect($(el, '[role="grid"]')!.getAttribute('aria-multiselectable')).to.equal('true');
    // Nobody to select among the rows shown: the select-all box is there, disabled.
    expect(($(el, '[part="select-all"]') as HTMLInputElement).disabled).to.be.true;
    await search(store, '');
    await until(el, () => rows(el).length > 1, 'all rows back');
    expect(($(el, '[part="select-all"]') as HTMLInputElement).disabled).to.be.false;
  });
});

/** A bare host of the controller over rows the test sets. */
class ColumnHost extends LitElement {
  rows: readonly User[] = [];
  selfId: string | null = null;
  readonly selection = new SelectionController(this, {
    rows: () => this.rows,
    selfId: () => this.selfId,
    user: (id) => this.rows.find((user) => user.id === id),
  });
}
if (!customElements.get('select-column-host'))
  customElements.define('select-column-host', ColumnHost);

describe('<users-table> whether there is a select column', () => {
  it('decides it from whether the actor could select anyone, not from the rows shown', async () => {
    const { server } = mockStore({ preset: 'workspace' }, 'owner');
    track(server);
    const users = server.usersAs('owner');
    const owner = users.find((user) => user.role === 'owner')!;
    // The user with no action allowed on them (so in no bulk action either).
    const none = (user: User): User => ({
      ...user,
      allowedActions: Object.fromEntries(
        Object.entries(user.allowedActions).map(([key, on]) => [
          key,
          Array.isArray(on) ? [] : false,
        ]),
      ) as unknown as User['allowedActions'],
    });
    const el = await fixture<ColumnHost>(html`<select-column-host></select-column-host>`);
    el.selfId = owner.id;
    el.rows = users.slice(0, 5).map(none);
    expect(el.selection.anySelectable, 'nobody selectable yet').to.be.false;
    el.rows = users.slice(0, 10);
    expect(el.selection.anySelectable).to.be.true;
    // A search leaves only the actor's own row: the column stays.
    el.rows = [owner];
    expect(el.selection.anySelectable).to.be.true;
    el.rows = [];
    expect(el.selection.anySelectable).to.be.true;
    // Another actor signs in: decided again.
    el.selfId = users.find((user) => user.id !== owner.id)!.id;
    el.rows = users.slice(0, 5).map(none);
    expect(el.selection.anySelectable).to.be.false;
  });
});
