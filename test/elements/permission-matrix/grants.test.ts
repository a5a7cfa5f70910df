import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { RosterErrorEvent, RosterGrantsChangeEvent } from '../../../src/events.js';
import { problem } from '../problem.js';
import {
  $,
  $$,
  box,
  checked,
  mount,
  mountEmbedded,
  mountGrants,
  storeAs,
  text,
  userWhere,
} from './helpers.js';

const click = async (el: HTMLElement, input: HTMLElement) => {
  input.click();
  await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
};

describe('<permission-matrix mode="grants">', () => {
  it("shows a user's own grants as checkboxes, categories × the actions they declare", async () => {
    const { el, store, user } = await mountGrants(
      'tenant',
      'admin',
      (u) => u.role === 'user' && !u.roleTemplateId && u.allowedActions.editPermissions,
    );
    const catalog = store.$catalog.get()!;
    expect($$(el, 'tbody th[scope="row"]').map(text)).to.deep.equal(
      catalog.categories.map((c) => c.name),
    );
    expect($$(el, 'thead th[scope="col"]').map(text)).to.deep.equal([
      'Category',
      ...catalog.actions.map((a) => a.name),
    ]);
    expect(checked(el)).to.deep.equal(user.permissions);
    expect($(el, '[part="save-button"]')!.hasAttribute('disabled')).to.be.true;
    await expect(el).to.be.accessible();
  });

  it('applies implied actions and says what else changed, then summarises and saves', async () => {
    const { el, net, store, user } = await mountGrants(
      'tenant',
      'admin',
      (u) => u.role === 'user' && !u.roleTemplateId && u.allowedActions.editPermissions,
    );
    await click(el, box(el, 'users', 'manage'));
    expect(checked(el).users).to.deep.equal(['view', 'create', 'edit', 'delete', 'manage']);
    expect(text($(el, '[role="status"]'))).to.equal(
      'Also added Users: View, Create, Edit, Delete.',
    );
    await click(el, box(el, 'users', 'view'));
    expect(checked(el).users).to.equal(undefined);
    expect(text($(el, '[role="status"]'))).to.equal(
      'Also removed Users: Create, Edit, Delete, Manage.',
    );
    await click(el, box(el, 'settings', 'edit'));
    expect(text($(el, '[part="summary"]'))).to.contain('Settings: adds View, Edit');
    await expect(el).to.be.accessible();
    const before = oneEvent(el, 'roster-before-update-permissions');
    const after = oneEvent(el, 'roster-update-permissions');
    $(el, '[part="save-button"]')!.click();
    await before;
    await after;
    await el.updateComplete;
    const expected = { ...user.permissions, settings: ['view', 'edit'] };
    expect(net.patches.map((p) => p.body)).to.deep.equal([{ permissions: expected }]);
    expect(store.$users.get()[user.id]!.permissions).to.deep.equal(expected);
    await waitUntil(() => text($(el, '[role="status"]')) === 'Permissions saved.', 'said saved');
    expect($(el, '[part="summary"]')).to.equal(null);
  });

  it('toggles a whole row and a whole column, with indeterminate states', async () => {
    const { el } = await mountGrants(
      'tenant',
      'admin',
      (u) => u.role === 'user' && !u.roleTemplateId && u.allowedActions.editPermissions,
    );
    const row = $(el, 'input[data-c="0"][data-category="experiments"]') as HTMLInputElement;
    await click(el, row);
    expect(checked(el).experiments).to.have.length(5);
    expect(row.checked).to.be.true;
    await click(el, box(el, 'experiments', 'manage'));
    expect(row.indeterminate).to.be.true;
    const column = $(el, 'input[data-r="0"][data-action="delete"]') as HTMLInputElement;
    await click(el, column);
    for (const category of [
      'conversations',
      'settings',
      'users',
      'analytics',
      'integrations',
      'experiments',
    ])
      expect(checked(el)[category], category).to.include('delete').and.include('view');
    expect(column.checked).to.be.true;
    await click(el, column);
    expect(Object.values(checked(el)).some((actions) => actions.includes('delete'))).to.be.false;
  });

  it('locks grants from the template, naming it, and lets the rest be edited', async () => {
    const { store, net } = await storeAs('tenant', 'admin');
    const user = userWhere(store, (u) => !!u.roleTemplateId && u.allowedActions.editPermissions);
    const template = store.$templates.get().find((t) => t.id === user.roleTemplateId)!;
    const el = await mount(
      store,
      html`<permission-matrix mode="grants" .user=${user}></permission-matrix>`,
    );
    const [category, actions] = Object.entries(template.permissions)[0]!;
    const locked = box(el, category, actions[0]!);
    expect(locked.checked).to.be.true;
    expect(locked.getAttribute('aria-disabled')).to.equal('true');
    expect(locked.title).to.equal(`From template ${template.name}`);
    expect(text(el.shadowRoot!.getElementById(locked.getAttribute('aria-describedby')!))).to.equal(
      `From template ${template.name}`,
    );
    await click(el, locked);
    expect(locked.checked, 'a locked box does not toggle').to.be.true;
    expect(net.patches).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('shows a role holding every permission as all locked, read-only, no Save', async () => {
    const { el } = await mountGrants('tenant', 'admin', (u) => u.role === 'admin');
    const boxes = $$(el, 'td input') as HTMLInputElement[];
    expect(boxes.every((b) => b.checked && b.title === 'From role Admin')).to.be.true;
    expect($(el, '[part="save-button"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('lets user-manager change only what it may grant, saying why for the rest', async () => {
    const { el, store } = await mountGrants(
      'tenant',
      'user-manager',
      (u) => u.role === 'user' && u.allowedActions.editPermissions && !u.roleTemplateId,
    );
    expect(store.$me.get()!.capabilities.grantable).to.deep.equal({
      conversations: ['view'],
      users: ['view', 'create', 'edit', 'delete'],
    });
    const manage = box(el, 'users', 'manage');
    expect(manage.getAttribute('aria-disabled')).to.equal('true');
    expect(manage.title).to.equal("You don't hold Manage on Users yourself.");
    expect(box(el, 'analytics', 'edit').title).to.equal(
      "You don't hold View, Edit on Analytics yourself.",
    );
    expect(box(el, 'users', 'delete').hasAttribute('aria-disabled')).to.be.false;
    expect(box(el, 'conversations', 'view').hasAttribute('aria-disabled')).to.be.false;
    expect(box(el, 'conversations', 'edit').getAttribute('aria-disabled')).to.equal('true');
    await click(el, manage);
    expect(manage.checked).to.be.false;
    await expect(el).to.be.accessible();
  });

  it('is read-only when the actor may not edit the user (user-manager on an admin)', async () => {
    const { el } = await mountGrants('tenant', 'user-manager', (u) => u.role === 'admin');
    expect(
      ($$(el, 'input') as HTMLInputElement[]).every(
        (b) => b.getAttribute('aria-disabled') === 'true',
      ),
    ).to.be.true;
    expect($(el, '[part="save-button"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('edits a role template, read-only for a persona that may not manage them', async () => {
    const admin = await storeAs('tenant', 'admin');
    const el = await mount(
      admin.store,
      html`<permission-matrix mode="grants" template-id="tpl_1"></permission-matrix>`,
    );
    expect(checked(el)).to.deep.equal({ conversations: ['view', 'create', 'edit'] });
    await click(el, box(el, 'conversations', 'delete'));
    $(el, '[part="save-button"]')!.click();
    await oneEvent(el, 'roster-update-permissions');
    expect(admin.net.patches[0]).to.deep.equal({
      path: '/api/v1/role-templates/tpl_1',
      body: { permissions: { conversations: ['view', 'create', 'edit', 'delete'] } },
    });
    expect(
      admin.store.$templates.get().find((t) => t.id === 'tpl_1')!.permissions.conversations,
    ).to.include('delete');

    const other = await storeAs('tenant', 'user-manager');
    const ro = await mount(
      other.store,
      html`<permission-matrix mode="grants" template-id="tpl_1"></permission-matrix>`,
    );
    expect(text($(ro, '[part="note"]'))).to.equal("You can't change these permissions.");
    expect($(ro, '[part="save-button"]')).to.equal(null);
    await expect(ro).to.be.accessible();
  });

  it('says so in workspace, where there are no fine-grained permissions', async () => {
    const { store } = await storeAs('workspace', 'owner');
    const el = await mount(store, html`<permission-matrix mode="grants"></permission-matrix>`);
    expect(text($(el, '.hint'))).to.equal('The server declares no fine-grained permissions.');
    await expect(el).to.be.accessible();
  });

  it('works on the all preset (owner editing a manager)', async () => {
    const { el, net } = await mountGrants(
      'all',
      'owner',
      (u) => u.role === 'manager' && u.allowedActions.editPermissions && !u.roleTemplateId,
    );
    await click(el, box(el, 'analytics', 'edit'));
    $(el, '[part="save-button"]')!.click();
    await oneEvent(el, 'roster-update-permissions');
    expect(
      (net.patches[0]!.body as { permissions: Record<string, string[]> }).permissions.analytics,
    ).to.deep.equal(['view', 'edit']);
  });

  it('moves between cells with arrows, Home/End, Ctrl+Home/End; Space toggles', async () => {
    const { el } = await mountGrants(
      'tenant',
      'admin',
      (u) => u.role === 'user' && !u.roleTemplateId && u.allowedActions.editPermissions,
    );
    const stops = () => $$(el, '[data-r][tabindex="0"]');
    expect(stops()).to.have.length(1);
    const at = () => {
      const node = el.shadowRoot!.activeElement as HTMLElement;
      return `${node.dataset.r},${node.dataset.c}`;
    };
    (stops()[0] as HTMLElement).focus();
    expect(at()).to.equal('0,1');
    await sendKeys({ press: 'ArrowDown' });
    expect(at()).to.equal('1,1');
    await sendKeys({ press: 'ArrowRight' });
    expect(at()).to.equal('1,2');
    await sendKeys({ press: 'End' });
    expect(at()).to.equal('1,5');
    await sendKeys({ press: 'Home' });
    expect(at()).to.equal('1,0');
    await sendKeys({ press: 'ArrowLeft' });
    expect(at()).to.equal('1,0');
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'End' });
    await sendKeys({ up: 'Control' });
    expect(at()).to.equal('6,5');
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Home' });
    await sendKeys({ up: 'Control' });
    expect(at()).to.equal('0,1');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(checked(el).conversations).to.include('create');
    expect(stops()).to.have.length(1);
    expect(stops()[0]).to.equal(el.shadowRoot!.activeElement);
    el.dir = 'rtl';
    await sendKeys({ press: 'ArrowLeft' });
    expect(at()).to.equal('1,3');
  });

  for (const [name, refusal, words] of [
    [
      '403 not_grantable',
      () =>
        problem('forbidden', 403, [
          { field: 'permissions.users', code: 'not_grantable', message: 'no' },
        ]),
      'Not saved: you may only grant permissions you hold yourself.',
    ],
    ['a network failure', () => 'network' as const, 'Not saved: the server could not be reached.'],
  ] as const) {
    it(`restores the saved grants after ${name}, says why and fires roster-error`, async () => {
      const { el, net, user } = await mountGrants(
        'tenant',
        'admin',
        (u) => u.role === 'user' && !u.roleTemplateId && u.allowedActions.editPermissions,
      );
      net.refusals.push(refusal());
      await click(el, box(el, 'users', 'edit'));
      const failed = oneEvent(el, 'roster-error') as Promise<RosterErrorEvent>;
      $(el, '[part="save-button"]')!.click();
      const event = await failed;
      await el.updateComplete;
      expect(event.message).to.equal(words);
      expect(event.action).to.equal('update-permissions');
      expect(text($(el, '[role="alert"]'))).to.equal(words);
      expect(checked(el)).to.deep.equal(user.permissions);
      await expect(el).to.be.accessible();
    });
  }

  it("after a 412 shows the server's grants and says someone changed them", async () => {
    const { el, net, store, user } = await mountGrants(
      'tenant',
      'admin',
      (u) => u.role === 'user' && !u.roleTemplateId && u.allowedActions.editPermissions,
    );
    net.refusals.push(problem('version_conflict'));
    await click(el, box(el, 'users', 'edit'));
    const failed = oneEvent(el, 'roster-error') as Promise<RosterErrorEvent>;
    $(el, '[part="save-button"]')!.click();
    expect((await failed).message).to.contain('someone changed');
    await el.updateComplete;
    expect(checked(el)).to.deep.equal(store.$users.get()[user.id]!.permissions);
    expect(checked(el).users).to.equal(undefined);
  });

  it('sends nothing when the page vetoes the save', async () => {
    const { el, net } = await mountGrants(
      'tenant',
      'admin',
      (u) => u.role === 'user' && !u.roleTemplateId && u.allowedActions.editPermissions,
    );
    el.addEventListener('roster-before-update-permissions', (event) => event.preventDefault());
    await click(el, box(el, 'users', 'edit'));
    $(el, '[part="save-button"]')!.click();
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(net.patches).to.have.length(0);
    expect(text($(el, '[role="status"]'))).to.match(
      /^Saving changes to .+ was not allowed by this page\.$/,
    );
    expect(checked(el).users).to.deep.equal(['view', 'edit']);
  });

  it('embedded: no Save, fires roster-grants-change with the new grants, takes .value and a base role', async () => {
    const { store, net } = await storeAs('tenant', 'admin');
    const el = await mountEmbedded(store, { analytics: ['edit'] });
    expect(checked(el)).to.deep.equal({ analytics: ['view', 'edit'] });
    expect($(el, '[part="save-button"]')).to.equal(null);
    const change = oneEvent(el, 'roster-grants-change') as Promise<RosterGrantsChangeEvent>;
    box(el, 'users', 'create').click();
    const event = await change;
    expect(event.grants).to.deep.equal({ users: ['view', 'create'], analytics: ['view', 'edit'] });
    expect(el.value).to.deep.equal(event.grants);
    expect(net.patches).to.have.length(0);
    el.baseRole = 'admin';
    await el.updateComplete;
    expect(
      ($$(el, 'td input') as HTMLInputElement[]).every(
        (b) => b.checked && b.title === 'From role Admin',
      ),
    ).to.be.true;
    await expect(el).to.be.accessible();
  });
  it('embedded: a held cell is locked when clearing it would take away what the actor lacks', async () => {
    const { store } = await storeAs('tenant', 'user-manager');
    const el = await mountEmbedded(store, { users: ['manage'] });
    for (const action of ['view', 'edit', 'manage']) {
      expect(box(el, 'users', action).getAttribute('aria-disabled'), action).to.equal('true');
      expect(box(el, 'users', action).title).to.equal("You don't hold Manage on Users yourself.");
    }
    el.value = { users: ['view', 'edit'] };
    await el.updateComplete;
    expect(box(el, 'users', 'view').getAttribute('aria-disabled')).to.equal(null);
    box(el, 'users', 'view').click();
    await el.updateComplete;
    expect(el.value).to.deep.equal({});
    await expect(el).to.be.accessible();
  });
});
