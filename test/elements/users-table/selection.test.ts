import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, html as litHtml } from 'lit';
import type { User } from '../../../src/api/types.js';
import type { RosterSelectionChangeEvent } from '../../../src/events.js';
import { canSelect } from '../../../src/elements/users-table/columns.js';
import { SelectionController } from '../../../src/elements/users-table/selection.js';
import { mockStore } from '../../store/mock-helpers.js';
import { track } from './helpers.js';

/** A bare host of the controller: a select-all checkbox and one checkbox per row. */
class SelectionHost extends LitElement {
  rows: readonly User[] = [];
  selfId: string | null = null;
  readonly selection = new SelectionController(this, {
    rows: () => this.rows,
    selfId: () => this.selfId,
    user: (id) => this.rows.find((user) => user.id === id),
  });

  override render() {
    return litHtml`${this.selection.renderSelectAll()}
      <ul>
        ${this.rows.map((user) => litHtml`<li>${this.selection.renderCheckbox(user)}</li>`)}
      </ul>`;
  }
}
if (!customElements.get('selection-test-host'))
  customElements.define('selection-test-host', SelectionHost);

async function mount(): Promise<{ el: SelectionHost; users: User[]; changes: string[][] }> {
  const { server } = mockStore({ preset: 'workspace' }, 'owner');
  track(server);
  const all = server.usersAs('owner');
  const el = await fixture<SelectionHost>(html`<selection-test-host></selection-test-host>`);
  const self = all.find((user) => user.role === 'owner')!;
  el.selfId = self.id;
  el.rows = [self, ...all.filter((user) => user !== self).slice(0, 11)];
  el.requestUpdate();
  await el.updateComplete;
  const changes: string[][] = [];
  el.addEventListener('roster-selection-change', (event: RosterSelectionChangeEvent) =>
    changes.push([...event.userIds]),
  );
  return { el, users: el.rows.filter((user) => canSelect(user, el.selfId)), changes };
}

function selectAll(el: SelectionHost): HTMLInputElement {
  return el.shadowRoot!.querySelector<HTMLInputElement>('[part="select-all"]')!;
}

describe('<users-table> selection controller', () => {
  it('toggles users, ranges from the last one with shift, and tells the host each time', async () => {
    const { el, users, changes } = await mount();
    const [a, b, c, d] = users as [User, User, User, User];
    el.selection.toggle(a, false);
    el.selection.toggle(d, true);
    expect([...el.selection.users].map((u) => u.id)).to.have.members([a.id, b.id, c.id, d.id]);
    el.selection.toggle(b, false);
    expect(el.selection.has(b.id)).to.equal(false);
    expect(changes).to.have.length(3);
    expect(changes.at(-1)).to.have.members([a.id, c.id, d.id]);
  });

  it('shows select-all as indeterminate for some, checked for all, and selects or clears all', async () => {
    const { el, users, changes } = await mount();
    el.selection.toggle(users[0]!, false);
    await el.updateComplete;
    expect(selectAll(el).indeterminate).to.equal(true);
    expect(selectAll(el).checked).to.equal(false);
    selectAll(el).click();
    await el.updateComplete;
    expect(changes.at(-1)).to.have.members(users.map((user) => user.id));
    expect(selectAll(el).checked).to.equal(true);
    expect(selectAll(el).indeterminate).to.equal(false);
    selectAll(el).click();
    await el.updateComplete;
    expect(changes.at(-1)).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('gives no checkbox to users who cannot be selected (the signed-in one)', async () => {
    const { el } = await mount();
    const boxes = el.shadowRoot!.querySelectorAll('[part="select"]');
    expect(boxes.length).to.equal(el.rows.filter((user) => canSelect(user, el.selfId)).length);
    expect(boxes.length).to.be.lessThan(el.rows.length);
    expect(el.selection.anySelectable).to.equal(true);
  });

  it('drops users whose rows left before the next render, and removed ones on request', async () => {
    const { el, users, changes } = await mount();
    const [a, b, c] = users as [User, User, User];
    for (const user of [a, b, c]) el.selection.toggle(user, false);
    el.rows = el.rows.filter((user) => user.id !== b.id);
    el.requestUpdate();
    await el.updateComplete;
    expect(changes.at(-1)).to.have.members([a.id, c.id]);
    el.selection.drop(new Set([a.id]));
    expect(changes.at(-1)).to.deep.equal([c.id]);
    el.selection.clear();
    expect(changes.at(-1)).to.deep.equal([]);
    expect(el.selection.users).to.deep.equal([]);
  });
});
