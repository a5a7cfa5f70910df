import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { PermissionGrants } from '../../../src/api/types.js';
import { updateTemplate } from '../../../src/store/index.js';
import type { PermissionMatrix } from '../../../src/elements/permission-matrix/permission-matrix.js';
import {
  changes,
  choose,
  click,
  conflictRows,
  focused,
  idle,
  open,
  otherClient,
  part,
  setup,
  until,
} from './helpers.js';
import type { Setup } from './helpers.js';

const TENANT = { preset: 'tenant' } as const;

/** The embedded matrix, rendered. */
async function matrix(s: Setup): Promise<PermissionMatrix> {
  const el = part<PermissionMatrix>(s.el, 'permission-matrix');
  if (!el) throw new Error('no matrix');
  await el.updateComplete;
  return el;
}

/** One grant checkbox of the matrix. */
async function box(s: Setup, category: string, action: string): Promise<HTMLInputElement> {
  const found = (await matrix(s)).shadowRoot!.querySelector<HTMLInputElement>(
    `td input[data-category="${category}"][data-action="${action}"]`,
  );
  if (!found) throw new Error(`no box ${category}.${action}`);
  return found;
}

/** Clicks a grant as a person would, and waits for both renders. */
async function toggle(s: Setup, category: string, action: string): Promise<void> {
  (await box(s, category, action)).click();
  const m = await matrix(s);
  await m.updateComplete;
  await s.el.updateComplete;
}

/** The checked grant boxes, by category. */
async function checked(s: Setup): Promise<PermissionGrants> {
  const boxes = (await matrix(s)).shadowRoot!.querySelectorAll<HTMLInputElement>('td input');
  const grants: PermissionGrants = {};
  for (const b of boxes)
    if (b.checked)
      (grants[b.dataset.category!] ??= []).push(b.dataset.action as PermissionGrants[string][0]);
  return grants;
}

/** An active `user` without a template, holding analytics view only. */
const plainUser = (s: Setup) => s.byName('Aaliyah Johnson');

describe('<edit-user-dialog> permissions', () => {
  it('a tenant admin changes a user’s grants: the review lists them, the PATCH carries them', async () => {
    const s = await setup(TENANT, 'admin');
    const aaliyah = plainUser(s);
    const { outcome } = await open(s, aaliyah);
    expect(part(s.el, 'permissions')!.querySelector('.label')!.textContent).to.equal('Permissions');
    expect(await checked(s)).to.deep.equal({ analytics: ['view'] });
    await expect(s.el).to.be.accessible();
    await toggle(s, 'conversations', 'create');
    await toggle(s, 'analytics', 'view');
    await click(s.el, 'review-button');
    expect(changes(s.el)).to.deep.equal([
      'Conversations permissions: adds View, Create',
      'Analytics permissions: removes View',
    ]);
    await expect(s.el).to.be.accessible();
    await click(s.el, 'save-button');
    expect((await outcome).status).to.equal('saved');
    expect(s.net.patches).to.have.length(1);
    expect(s.net.patches[0]!.body).to.deep.equal({
      permissions: { conversations: ['view', 'create'] },
    });
    expect(s.server.userAs('admin', aaliyah.id)!.permissions).to.deep.equal({
      conversations: ['view', 'create'],
    });
  });

  it('the actions a choice implies land in the draft and the PATCH', async () => {
    const s = await setup(TENANT, 'admin');
    const { outcome } = await open(s, plainUser(s));
    await toggle(s, 'experiments', 'manage');
    const note = (await matrix(s)).shadowRoot!.querySelector('[part="note"][role="status"]');
    expect(note!.textContent).to.contain('Also added Experiments: View, Create, Edit, Delete.');
    await click(s.el, 'review-button');
    expect(changes(s.el)).to.deep.equal([
      'Experiments permissions: adds View, Create, Edit, Delete, Manage',
    ]);
    await click(s.el, 'save-button');
    await outcome;
    expect(s.net.patches[0]!.body).to.deep.equal({
      permissions: {
        analytics: ['view'],
        experiments: ['view', 'create', 'edit', 'delete', 'manage'],
      },
    });
  });

  it('a template chosen in the form shows its grants inherited and locked, at once', async () => {
    const s = await setup(TENANT, 'admin');
    await open(s, plainUser(s));
    expect((await box(s, 'integrations', 'manage')).checked).to.be.false;
    const select = part<HTMLSelectElement>(s.el, 'template-select')!;
    select.value = 'tpl_3';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await s.el.updateComplete;
    await matrix(s);
    const manage = await box(s, 'integrations', 'manage');
    expect(manage.checked).to.be.true;
    expect(manage.hasAttribute('data-locked')).to.be.true;
    expect(manage.getAttribute('aria-disabled')).to.equal('true');
    expect(manage.title).to.equal('From template Integrations lead');
    expect((await box(s, 'settings', 'view')).checked).to.be.true;
    await toggle(s, 'integrations', 'manage');
    expect((await box(s, 'integrations', 'manage')).checked, 'locked: no change').to.be.true;
    await expect(s.el).to.be.accessible();
    await click(s.el, 'review-button');
    expect(changes(s.el)).to.deep.equal(['Role template: None → Integrations lead']);
  });

  it('a template edited elsewhere on the same store changes the inherited grants shown, at once', async () => {
    const s = await setup(TENANT, 'admin');
    await open(s, plainUser(s));
    const select = part<HTMLSelectElement>(s.el, 'template-select')!;
    select.value = 'tpl_3';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await s.el.updateComplete;
    expect((await box(s, 'experiments', 'view')).checked).to.be.false;
    // What <role-templates> does when its matrix saves: the store's action, then the live echo.
    const template = s.store.$templates.get().find((t) => t.id === 'tpl_3')!;
    await updateTemplate(s.store, template.id, {
      permissions: { ...template.permissions, experiments: ['view'] },
    });
    await (
      await matrix(s)
    ).updateComplete;
    const view = await box(s, 'experiments', 'view');
    expect(view.checked).to.be.true;
    expect(view.title).to.equal('From template Integrations lead');
  });

  it('a role holding every permission shows a sentence, no matrix; switching to User brings it', async () => {
    const s = await setup(TENANT, 'admin');
    await open(s, s.byName('Tomás Horváth'));
    expect(part(s.el, 'permission-matrix')).to.equal(null);
    expect(part(s.el, 'all-permissions')!.textContent!.trim()).to.equal(
      'The Admin role holds every permission.',
    );
    await expect(s.el).to.be.accessible();
    await choose(s.el, 'role', 'user');
    // Refused only because Admin held everything: as a User, grants may be given.
    expect((await box(s, 'analytics', 'view')).getAttribute('aria-disabled')).to.equal(null);
    await toggle(s, 'analytics', 'view');
    await click(s.el, 'review-button');
    expect(changes(s.el)).to.deep.equal([
      'Role: Admin → User',
      'CRM access: On → Off',
      'Analytics permissions: adds View',
    ]);
  });

  it('without editPermissions the grants are shown, not changeable', async () => {
    const s = await setup(TENANT, 'admin');
    const aaliyah = plainUser(s);
    s.store.$users.setKey(aaliyah.id, {
      ...s.store.$users.get()[aaliyah.id]!,
      allowedActions: { ...aaliyah.allowedActions, editPermissions: false },
    });
    await open(s, aaliyah);
    expect(await checked(s)).to.deep.equal({ analytics: ['view'] });
    const view = await box(s, 'analytics', 'view');
    expect(view.getAttribute('aria-disabled')).to.equal('true');
    await toggle(s, 'analytics', 'view');
    expect(await checked(s)).to.deep.equal({ analytics: ['view'] });
    expect((await matrix(s)).shadowRoot!.textContent).to.contain(
      "You can't change these permissions.",
    );
    expect(part<HTMLButtonElement>(s.el, 'review-button')!.disabled).to.be.true;
    await expect(s.el).to.be.accessible();
  });

  it('the read-only view (a user manager on itself) shows its grants, locked', async () => {
    const s = await setup(TENANT, 'user-manager');
    await open(s, s.byName('Kwame Mensah'));
    expect(part(s.el, 'done-button')).to.not.equal(null);
    expect(await checked(s)).to.deep.equal({
      conversations: ['view'],
      users: ['view', 'create', 'edit', 'delete'],
    });
    await toggle(s, 'users', 'edit');
    expect((await checked(s)).users).to.deep.equal(['view', 'create', 'edit', 'delete']);
    await expect(s.el).to.be.accessible();
  });

  it('a 412 shows the grants of both versions side by side; applying again keeps theirs elsewhere', async () => {
    const s = await setup(TENANT, 'admin');
    const aaliyah = plainUser(s);
    const { outcome } = await open(s, aaliyah);
    await toggle(s, 'analytics', 'edit');
    await otherClient(s, 'admin').updateUser(
      aaliyah.id,
      { permissions: { analytics: ['view'], settings: ['view'] } },
      aaliyah.version,
    );
    await click(s.el, 'review-button');
    await click(s.el, 'save-button');
    await idle(s.el);
    expect(conflictRows(s.el)).to.deep.equal([
      ['Analytics permissions', 'View, Edit', 'View'],
      ['Settings permissions', 'None', 'View'],
    ]);
    await expect(s.el).to.be.accessible();
    await click(s.el, 'apply-again-button');
    expect((await outcome).status).to.equal('saved');
    expect(s.server.userAs('admin', aaliyah.id)!.permissions).to.deep.equal({
      settings: ['view'],
      analytics: ['view', 'edit'],
    });
  });

  it('a user manager sees what it may not grant disabled, and saves a change of what it holds', async () => {
    const s = await setup(TENANT, 'user-manager');
    const aaliyah = plainUser(s);
    const { outcome } = await open(s, aaliyah);
    const analytics = await box(s, 'analytics', 'view');
    expect(analytics.checked, 'held by the colleague').to.be.true;
    expect(analytics.getAttribute('aria-disabled')).to.equal('true');
    expect(analytics.title).to.equal("You don't hold View on Analytics yourself.");
    expect((await box(s, 'users', 'manage')).getAttribute('aria-disabled')).to.equal('true');
    expect((await box(s, 'conversations', 'view')).getAttribute('aria-disabled')).to.equal(null);
    await expect(s.el).to.be.accessible();
    await toggle(s, 'conversations', 'view');
    await click(s.el, 'review-button');
    expect(changes(s.el)).to.deep.equal(['Conversations permissions: adds View']);
    await click(s.el, 'save-button');
    expect((await outcome).status).to.equal('saved');
    expect(s.server.userAs('admin', aaliyah.id)!.permissions).to.deep.equal({
      conversations: ['view'],
      analytics: ['view'],
    });
  });

  it('the grants are reachable and changed by keyboard', async () => {
    const s = await setup(TENANT, 'admin');
    await open(s, plainUser(s));
    const m = await matrix(s);
    for (let i = 0; i < 30 && !m.shadowRoot!.activeElement; i++) await sendKeys({ press: 'Tab' });
    const start = m.shadowRoot!.activeElement as HTMLInputElement;
    expect(start, 'Tab reaches the matrix').to.not.equal(null);
    expect(focused()).to.equal(start);
    expect(start.getAttribute('aria-label'), 'the first column').to.equal('View on every category');
    // Down to the first category's View.
    await sendKeys({ press: 'ArrowDown' });
    const cell = focused() as HTMLInputElement;
    expect(cell.dataset.category).to.equal('conversations');
    expect(cell.dataset.action).to.equal('view');
    await sendKeys({ press: ' ' });
    await until(() => part(s.el, 'review-button')?.hasAttribute('disabled') === false, 'a change');
    await click(s.el, 'review-button');
    expect(changes(s.el)).to.deep.equal(['Conversations permissions: adds View']);
  });

  it('a workspace without fine-grained permissions shows no Permissions field', async () => {
    const s = await setup({ preset: 'workspace' }, 'owner');
    await open(s, s.byName('Olga Petrova'));
    expect(part(s.el, 'permissions')).to.equal(null);
  });
});
