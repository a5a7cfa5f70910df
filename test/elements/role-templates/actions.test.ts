import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MAX_TEMPLATE_NAME_LENGTH } from '../../../src/api/rules.js';
import { hostileStrings, pwned } from '../hostile.js';
import {
  confirm,
  fill,
  focused,
  inItem,
  isOpen,
  names,
  opened,
  part,
  serverTemplates,
  setup,
  text,
} from './helpers.js';

const tenant = { preset: 'tenant' } as const;

describe('<role-templates> actions', () => {
  it('creates a template with a name and description, end to end', async () => {
    const s = await setup(tenant, 'admin');
    const fired: string[] = [];
    for (const type of ['roster-before-create-template', 'roster-create-template'])
      s.el.addEventListener(type, () => fired.push(type));
    part<HTMLButtonElement>(s.el, 'create-button')!.click();
    const dialog = await opened(s.el);
    await expect(dialog).to.be.accessible();
    fill(dialog, 'Night shift', 'Covers conversations overnight.');
    await confirm(dialog);
    expect(isOpen(dialog)).to.equal(false);
    expect(names(s.el)).to.include('Night shift');
    expect(inItem(s.el, 'Night shift', 'count').textContent!.trim()).to.equal('No users');
    expect(fired).to.deep.equal(['roster-before-create-template', 'roster-create-template']);
    const served = await serverTemplates(s);
    expect(served.find((t) => t.name === 'Night shift')?.description).to.equal(
      'Covers conversations overnight.',
    );
    expect(s.store.$templates.get().some((t) => t.id.startsWith('pending:'))).to.equal(false);
  });

  it('renames and describes a template, end to end', async () => {
    const s = await setup(tenant, 'admin');
    inItem<HTMLButtonElement>(s.el, 'Analyst', 'edit-button').click();
    const dialog = await opened(s.el);
    expect(text(dialog, 'heading')).to.equal('Edit Analyst');
    const input = part<HTMLInputElement>(dialog, 'name-input')!;
    expect(input.value).to.equal('Analyst');
    fill(dialog, 'Data analyst', 'Reads every dashboard.');
    await confirm(dialog);
    expect(names(s.el)).to.include('Data analyst');
    expect(inItem(s.el, 'Data analyst', 'description').textContent).to.contain(
      'Reads every dashboard.',
    );
    const served = await serverTemplates(s);
    expect(served.map((t) => t.name)).to.include('Data analyst');
  });

  it('duplicates a template as "Copy of X" with the same grants, numbering a second copy', async () => {
    const s = await setup(tenant, 'admin');
    inItem<HTMLButtonElement>(s.el, 'Analyst', 'duplicate-button').click();
    await waitUntil(() => names(s.el).includes('Copy of Analyst'), 'first copy');
    inItem<HTMLButtonElement>(s.el, 'Analyst', 'duplicate-button').click();
    await waitUntil(() => names(s.el).includes('Copy of Analyst (2)'), 'second copy');
    const served = await serverTemplates(s);
    const source = served.find((t) => t.name === 'Analyst')!;
    const copy = served.find((t) => t.name === 'Copy of Analyst')!;
    expect(copy.permissions).to.deep.equal(source.permissions);
    expect(copy.userCount).to.equal(0);
  });

  it('deletes after a confirmation saying how many users hold it and what they keep', async () => {
    const s = await setup(tenant, 'admin');
    const template = s.store.$templates.get().find((t) => t.userCount > 1)!;
    inItem<HTMLButtonElement>(s.el, template.name, 'delete-button').click();
    const dialog = await opened(s.el);
    await expect(dialog).to.be.accessible();
    expect(text(dialog, 'consequence')).to.contain(
      `${template.userCount} users have this template.`,
    );
    expect(text(dialog, 'consequence')).to.contain(
      'keep their base role and their own permissions',
    );
    await confirm(dialog);
    expect(names(s.el)).not.to.include(template.name);
    expect((await serverTemplates(s)).some((t) => t.id === template.id)).to.equal(false);
    expect(s.server.usersAs('admin').some((u) => u.roleTemplateId === template.id)).to.equal(false);
    expect(focused()?.id).to.equal('heading');
  });

  it('renders hostile names and descriptions as text', async () => {
    const s = await setup(tenant, 'admin');
    for (const value of [hostileStrings.markup, hostileStrings.bidiOverride, hostileStrings.rtl]) {
      part<HTMLButtonElement>(s.el, 'create-button')!.click();
      const dialog = await opened(s.el);
      fill(dialog, value, hostileStrings.script);
      await confirm(dialog);
      expect(isOpen(dialog), part(dialog, 'alert')?.textContent ?? '').to.equal(false);
    }
    expect(names(s.el)).to.include.members([
      hostileStrings.markup,
      hostileStrings.bidiOverride,
      hostileStrings.rtl,
    ]);
    expect(s.el.shadowRoot!.querySelector('img, b, script')).to.equal(null);
    expect(pwned()).to.equal(false);
    await expect(s.el).to.be.accessible();
  });

  it('refuses an over-long name and says why, sending nothing', async () => {
    const s = await setup(tenant, 'admin');
    part<HTMLButtonElement>(s.el, 'create-button')!.click();
    const dialog = await opened(s.el);
    fill(dialog, hostileStrings.long, hostileStrings.long);
    await confirm(dialog);
    expect(isOpen(dialog)).to.equal(true);
    const errors = [...dialog.shadowRoot!.querySelectorAll('[part=field-error]')].map((e) =>
      e.textContent!.trim(),
    );
    expect(errors[0]).to.equal(`At most ${MAX_TEMPLATE_NAME_LENGTH} characters (now 10,000).`);
    expect(errors[1]).to.equal('At most 1,000 characters (now 10,000).');
    expect(part(dialog, 'name-input')!.getAttribute('aria-invalid')).to.equal('true');
    expect(s.net.writes).to.deep.equal([]);
    await expect(dialog).to.be.accessible();
  });

  it('refuses a name in use before sending', async () => {
    const s = await setup(tenant, 'admin');
    part<HTMLButtonElement>(s.el, 'create-button')!.click();
    const dialog = await opened(s.el);
    fill(dialog, 'analyst');
    await confirm(dialog);
    expect(text(dialog, 'field-error')).to.equal('Another template has this name.');
    expect(s.net.writes).to.deep.equal([]);
  });

  for (const [code, words] of [
    ['forbidden', "You're not allowed to manage role templates."],
    ['not_found', 'Analyst no longer exists: someone deleted it.'],
    ['version_conflict', 'Someone changed Analyst meanwhile.'],
    ['network', 'The server could not be reached. Nothing was changed; try again.'],
  ] as const) {
    it(`a rename refused with ${code} is said, and the list stays consistent`, async () => {
      const s = await setup(tenant, 'admin');
      const errors: string[] = [];
      s.el.addEventListener('roster-error', (e) => errors.push(e.message));
      inItem<HTMLButtonElement>(s.el, 'Analyst', 'edit-button').click();
      const dialog = await opened(s.el);
      fill(dialog, 'Renamed');
      s.net.failure = code;
      await confirm(dialog);
      expect(isOpen(dialog)).to.equal(true);
      expect(text(dialog, 'alert')).to.contain(words);
      expect(errors[0]).to.contain(words);
      expect(part<HTMLInputElement>(dialog, 'name-input')!.value).to.equal('Renamed');
      await expect(dialog).to.be.accessible();
      s.net.failure = null;
      await waitUntil(() => !s.store.$templatesState.get().loading);
      const served = (await serverTemplates(s)).map((t) => t.name);
      // 404: gone from the list; else back as the server has it.
      if (code === 'not_found') expect(names(s.el)).not.to.include('Analyst');
      else expect(names(s.el)).to.deep.equal(served);
    });
  }

  it('a refused delete puts the template back, in place, and says why', async () => {
    const s = await setup(tenant, 'admin');
    const before = names(s.el);
    inItem<HTMLButtonElement>(s.el, 'Analyst', 'delete-button').click();
    const dialog = await opened(s.el);
    s.net.failure = 'forbidden';
    await confirm(dialog);
    expect(text(dialog, 'alert')).to.equal("You're not allowed to manage role templates.");
    expect(names(s.el)).to.deep.equal(before);
  });

  it('a refused duplicate leaves no copy and says why under the list', async () => {
    const s = await setup(tenant, 'admin');
    const before = names(s.el);
    s.net.failure = 'forbidden';
    inItem<HTMLButtonElement>(s.el, 'Analyst', 'duplicate-button').click();
    await waitUntil(() => part(s.el, 'alert'), 'alert');
    expect(text(s.el, 'alert')).to.equal("You're not allowed to manage role templates.");
    expect(names(s.el)).to.deep.equal(before);
    await expect(s.el).to.be.accessible();
  });

  it('a veto sends nothing', async () => {
    const s = await setup(tenant, 'admin');
    for (const type of [
      'roster-before-create-template',
      'roster-before-update-template',
      'roster-before-duplicate-template',
      'roster-before-delete-template',
    ] as const)
      s.el.addEventListener(type, (e) => e.preventDefault());
    const before = names(s.el);
    inItem<HTMLButtonElement>(s.el, 'Analyst', 'duplicate-button').click();
    await waitUntil(() => part(s.el, 'alert'));
    inItem<HTMLButtonElement>(s.el, 'Analyst', 'delete-button').click();
    const dialog = await opened(s.el);
    await confirm(dialog);
    expect(text(dialog, 'alert')).to.equal(
      'Deleting the template Analyst was not allowed by this page.',
    );
    dialog.close();
    inItem<HTMLButtonElement>(s.el, 'Analyst', 'edit-button').click();
    await opened(s.el);
    fill(dialog, 'Vetoed');
    await confirm(dialog);
    dialog.close();
    part<HTMLButtonElement>(s.el, 'create-button')!.click();
    await opened(s.el);
    fill(dialog, 'Vetoed too');
    await confirm(dialog);
    dialog.close();
    expect(s.net.writes).to.deep.equal([]);
    expect(names(s.el)).to.deep.equal(before);
  });

  it('works by keyboard alone: Tab to New template, type, Enter; Escape cancels', async () => {
    const s = await setup(tenant, 'admin');
    part<HTMLButtonElement>(s.el, 'create-button')!.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = await opened(s.el);
    expect(focused()).to.equal(part(dialog, 'name-input'));
    await sendKeys({ type: 'Keyboard made' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !isOpen(dialog), 'closes on Enter');
    await waitUntil(() => names(s.el).includes('Keyboard made'));
    expect(focused()).to.equal(part(s.el, 'create-button'));
    inItem<HTMLButtonElement>(s.el, 'Keyboard made', 'edit-button').focus();
    await sendKeys({ press: 'Enter' });
    await opened(s.el);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !isOpen(dialog), 'Escape closes');
    expect(focused()).to.equal(inItem(s.el, 'Keyboard made', 'edit-button'));
  });
});
