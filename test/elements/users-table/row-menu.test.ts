import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { UsersTable } from '../../../src/elements/users-table/users-table.js';
import { $, focused, menuLabels, mountTable, openMenu, rowOf, rows } from './helpers.js';

function menu(el: UsersTable): HTMLElement {
  return $(el, '[part="menu"]')!;
}

/** A row other than the signed-in user's, with an actions button. */
function rowWithActions(el: UsersTable): string {
  const row = rows(el).find((node) => node.querySelector('[part="actions-button"]'));
  if (!row) throw new Error('no row with actions');
  return row.dataset.id!;
}

describe('<users-table> row menu', () => {
  it("labels the menu with the user's name and lists the actions the server allows, no more", async () => {
    const { el, store } = await mountTable({ preset: 'workspace' }, 'owner');
    const id = rowWithActions(el);
    const user = store.$users.get()[id]!;
    const labels = await openMenu(el, id);
    expect(menu(el).getAttribute('aria-label')).to.equal(`Actions for ${user.name || user.email}`);
    expect(labels.includes('Edit')).to.equal(user.allowedActions.edit);
    expect(labels.includes('Suspend')).to.equal(user.allowedActions.suspend);
    expect(labels.filter((label) => label.startsWith('Change role to'))).to.have.length(
      user.allowedActions.changeRole.length,
    );
    expect(labels.includes('Revoke access') || labels.includes('Delete user')).to.equal(
      user.allowedActions.revoke,
    );
    await expect(el).to.be.accessible();
  });

  it('moves to the next item starting with a typed letter, wrapping around', async () => {
    const { el } = await mountTable({ preset: 'workspace' }, 'owner');
    const labels = await openMenu(el, rowWithActions(el));
    const initial = labels[0]![0]!.toLowerCase();
    const same = labels.filter((label) => label[0]!.toLowerCase() === initial);
    await sendKeys({ press: initial });
    const expected = same.length > 1 ? same[1] : same[0];
    expect(focused(el)?.textContent!.trim()).to.equal(expected);
  });

  it('closes when the grid scrolls, leaving its button collapsed', async () => {
    const { el } = await mountTable({ preset: 'workspace' }, 'owner');
    const id = rowWithActions(el);
    await openMenu(el, id);
    const button = rowOf(el, id)!.querySelector('[part="actions-button"]')!;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    $(el, '[part="grid"]')!.dispatchEvent(new Event('scroll'));
    await el.updateComplete;
    expect(menu(el).matches(':popover-open')).to.equal(false);
    expect(menuLabels(el)).to.deep.equal([]);
    expect(button.getAttribute('aria-expanded')).to.equal('false');
  });
});
