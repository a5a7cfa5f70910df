import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { User } from '../../../src/api/types.js';
import { makeUser } from '../../store/fixtures.js';
import { hostileStrings, pwned } from '../hostile.js';
import type { Setup } from './helpers.js';
import {
  confirmButton,
  focused,
  open,
  part,
  parts,
  radio,
  settledPicker,
  setup,
  text,
} from './helpers.js';

/** Opens the dialog for `users`, chooses "Reassign them to…" and focuses the picker. */
async function openPicker(s: Setup, users: User[]) {
  const opened = await open(s, users);
  radio(s.el, 'reassign').click();
  await s.el.updateComplete;
  part<HTMLInputElement>(s.el, 'picker-input')!.focus();
  return opened;
}

async function search(s: Setup, query: string): Promise<string[]> {
  const input = part<HTMLInputElement>(s.el, 'picker-input')!;
  input.select();
  await sendKeys({ press: 'Backspace' });
  await sendKeys({ type: query });
  await settledPicker(s.el);
  return parts(s.el, 'option').map((o) => o.textContent!.replace(/\s+/g, ' ').trim());
}

/** A user (not on the server) with a given name and email. */
function fakeUser(id: string, name: string, email: string, overrides: Partial<User> = {}): User {
  return makeUser(id, { name, email, assignedContacts: 3, ...overrides });
}

describe('<revoke-dialog> user picker', () => {
  it('searches active users only, and never offers the users being revoked', async () => {
    const s = await setup({ preset: 'workspace' }, 'owner');
    const revoked = [s.byName('Aaliyah Johnson'), s.byName('Aiko Tanaka')];
    await openPicker(s, revoked);
    expect(await search(s, 'a')).to.not.be.empty;
    expect(s.net.searches.at(-1)).to.contain('status=active');
    for (const o of parts(s.el, 'option')) {
      expect(o.textContent).not.to.contain('Aaliyah Johnson');
      expect(o.textContent).not.to.contain('Aiko Tanaka');
    }
    expect(await search(s, 'Aiko')).to.deep.equal([]);
    expect(text(s.el, 'picker')).to.contain('No matching users');
    const input = part<HTMLInputElement>(s.el, 'picker-input')!;
    expect(input.getAttribute('aria-expanded')).to.equal('false');
  });

  it('filters out invited and suspended users even when the server sends them', async () => {
    const s = await setup({ preset: 'all' }, 'owner');
    s.net.ignoreStatusFilter = true;
    await openPicker(s, [s.byName('Aaliyah Johnson')]);
    expect(await search(s, 'Chloé'), 'invited').to.deep.equal([]);
    expect(await search(s, 'Mei Lin'), 'suspended').to.deep.equal([]);
    expect(await search(s, 'Olga')).to.have.length(1);
  });

  it('is driven by the keyboard: arrows move, Enter chooses, Change goes back', async () => {
    const s = await setup({ preset: 'workspace' }, 'owner');
    await openPicker(s, [s.byName('Aaliyah Johnson')]);
    const input = part<HTMLInputElement>(s.el, 'picker-input')!;
    await sendKeys({ press: 'ArrowDown' }); // opens the list with the first users
    await settledPicker(s.el);
    const count = parts(s.el, 'option').length;
    expect(count).to.be.greaterThan(2);
    expect(input.getAttribute('aria-expanded')).to.equal('true');
    expect(input.getAttribute('aria-controls')).to.equal(part(s.el, 'listbox')!.id);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowUp' });
    await s.el.updateComplete;
    const options = parts(s.el, 'option');
    expect(input.getAttribute('aria-activedescendant')).to.equal(options[0]!.id);
    expect(options[0]!.getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'ArrowUp' }); // wraps to the last
    await s.el.updateComplete;
    expect(input.getAttribute('aria-activedescendant')).to.equal(options[count - 1]!.id);
    const name = options[count - 1]!.querySelector('.name')!.textContent!;
    await sendKeys({ press: 'Enter' });
    await s.el.updateComplete;
    expect(text(s.el, 'chosen')).to.contain(name);
    expect(focused()).to.equal(part(s.el, 'change-button'));
    await expect(s.el).to.be.accessible();
    await sendKeys({ press: 'Enter' }); // Change
    await s.el.updateComplete;
    expect(part(s.el, 'chosen')).to.be.null;
    expect(focused()).to.equal(part(s.el, 'picker-input'));
    expect(confirmButton(s.el)!.disabled).to.be.true;
    expect(s.net.deletes).to.have.length(0);
  });

  it('choosing a user renders once: no update scheduled by the removed input (change-in-update)', async () => {
    const s = await setup({ preset: 'workspace' }, 'owner');
    await openPicker(s, [s.byName('Aaliyah Johnson')]);
    await sendKeys({ press: 'ArrowDown' });
    await settledPicker(s.el);
    await sendKeys({ press: 'ArrowDown' });
    await s.el.updateComplete;
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(String(args[0]));
    try {
      await sendKeys({ press: 'Enter' });
      // Lit resolves updateComplete to false when another update was scheduled meanwhile.
      expect(await s.el.updateComplete, 'no second update').to.be.true;
    } finally {
      console.warn = warn;
    }
    expect(part(s.el, 'chosen')).to.exist;
    expect(warnings.filter((w) => w.includes('change-in-update'))).to.deep.equal([]);
  });

  it('leaving "Reassign" with the list open renders once, and the list is closed on return', async () => {
    const s = await setup({ preset: 'workspace' }, 'owner');
    await openPicker(s, [s.byName('Aaliyah Johnson')]);
    await sendKeys({ press: 'ArrowDown' });
    await settledPicker(s.el);
    expect(parts(s.el, 'option').length).to.be.greaterThan(0);
    // The focused input is removed by the render (its blur comes during the commit).
    expect(focused()).to.equal(part(s.el, 'picker-input'));
    radio(s.el, 'unassigned').click();
    expect(await s.el.updateComplete, 'no update requested by the removed input').to.be.true;
    radio(s.el, 'reassign').click();
    await s.el.updateComplete;
    expect(part(s.el, 'picker-input')!.getAttribute('aria-expanded')).to.equal('false');
    expect(parts(s.el, 'option')).to.have.length(0);
  });

  it('Escape closes the list first, then clears the text, then the dialog', async () => {
    const s = await setup({ preset: 'workspace' }, 'owner');
    const { outcome } = await openPicker(s, [s.byName('Aaliyah Johnson')]);
    await search(s, 'o');
    const input = part<HTMLInputElement>(s.el, 'picker-input')!;
    expect(input.getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'Escape' });
    await s.el.updateComplete;
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    expect(s.el.open).to.be.true;
    await sendKeys({ press: 'Escape' });
    await s.el.updateComplete;
    expect(input.value).to.equal('');
    expect(s.el.open).to.be.true;
    await sendKeys({ press: 'Escape' });
    expect(await outcome).to.deep.equal({ status: 'cancelled' });
  });

  it('debounces typing into one search', async () => {
    const s = await setup({ preset: 'workspace' }, 'owner');
    await openPicker(s, [s.byName('Aaliyah Johnson')]);
    const before = s.net.searches.length;
    await sendKeys({ type: 'olga' });
    await settledPicker(s.el);
    expect(s.net.searches.length - before).to.equal(1);
    expect(s.net.searches.at(-1)).to.contain('q=olga');
  });
});

describe('<revoke-dialog> with hostile input', () => {
  afterEach(() => {
    delete (window as { __rosterPwned?: unknown }).__rosterPwned;
  });

  it('shows markup and script in names and emails as text', async () => {
    const s = await setup({ preset: 'workspace' }, 'owner');
    const users = [
      fakeUser('x1', hostileStrings.markup, `${hostileStrings.script}@x.test`),
      fakeUser('x2', hostileStrings.attribute, 'a@x.test'),
      fakeUser('x3', hostileStrings.bidiOverride, hostileStrings.zeroWidth),
    ];
    await open(s, users);
    const root = s.el.shadowRoot!;
    expect(root.querySelector('b, script, img')).to.be.null;
    expect(text(s.el, 'who')).to.contain(hostileStrings.markup);
    expect(text(s.el, 'who')).to.contain(hostileStrings.script);
    expect(text(s.el, 'who')).to.contain(hostileStrings.attribute.trim());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pwned()).to.be.false;
    await expect(s.el).to.be.accessible();
  });

  it('keeps a 10,000-character name short in the heading and Confirm in view', async () => {
    const s = await setup({ preset: 'workspace' }, 'owner');
    await open(s, [fakeUser('x1', hostileStrings.long, `${hostileStrings.long}@x.test`)]);
    expect(text(s.el, 'heading').length).to.be.lessThan(100);
    const confirm = confirmButton(s.el)!.getBoundingClientRect();
    expect(confirm.height).to.be.greaterThan(0);
    expect(confirm.bottom).to.be.at.most(window.innerHeight);
    expect(confirm.right).to.be.at.most(window.innerWidth);
  });

  it('stays responsive with 1,000 users and sends nothing unconfirmed', async () => {
    const s = await setup({ preset: 'workspace' }, 'owner');
    const many = Array.from({ length: 1000 }, (_, i) =>
      fakeUser(`x${i}`, `${hostileStrings.markup} ${i}`, `user${i}@x.test`),
    );
    const started = performance.now();
    const { outcome } = await open(s, many);
    expect(performance.now() - started).to.be.lessThan(2000);
    expect(text(s.el, 'heading')).to.equal('Revoke access of 1,000 users?');
    expect(text(s.el, 'confirm-button')).to.equal('Revoke 1,000 users');
    expect(part(s.el, 'who')!.getAttribute('tabindex')).to.equal('0');
    expect(parts(s.el, 'person')).to.have.length(50);
    expect(text(s.el, 'who')).to.contain('…and 950 more.');
    await sendKeys({ press: 'Escape' });
    expect(await outcome).to.deep.equal({ status: 'cancelled' });
    expect(s.net.deletes).to.have.length(0);
    expect(pwned()).to.be.false;
  });

  it('caps a pasted 10,000-character search and shows hostile options as text', async () => {
    const s = await setup({ preset: 'workspace' }, 'owner');
    await openPicker(s, [s.byName('Aaliyah Johnson')]);
    const input = part<HTMLInputElement>(s.el, 'picker-input')!;
    input.value = hostileStrings.long;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await settledPicker(s.el);
    const q = new URL(s.net.searches.at(-1)!).searchParams.get('q') ?? '';
    expect(q.length).to.be.at.most(200);

    s.net.fakeSearch = [
      fakeUser('h1', hostileStrings.markup, `${hostileStrings.script}@x.test`),
      fakeUser('h2', hostileStrings.rtl, 'rtl@x.test', { status: 'suspended' }),
    ];
    const options = await search(s, 'x');
    expect(options).to.have.length(1, 'the suspended one is filtered out');
    expect(options[0]).to.contain(hostileStrings.markup);
    expect(s.el.shadowRoot!.querySelector('img, b, script')).to.be.null;
    parts(s.el, 'option')[0]!.click();
    await s.el.updateComplete;
    expect(text(s.el, 'chosen')).to.contain(hostileStrings.markup);
    expect(pwned()).to.be.false;
    expect(s.net.deletes).to.have.length(0);
  });
});

describe('<revoke-dialog> properties', () => {
  it('`user` is a shortcut for `users = [user]`', async () => {
    const s = await setup({ preset: 'workspace' }, 'owner');
    const ana = s.byName('Aaliyah Johnson');
    s.el.user = ana;
    expect(s.el.users).to.deep.equal([ana]);
    expect(s.el.user).to.equal(ana);
    s.el.user = undefined;
    expect(s.el.users).to.deep.equal([]);
  });

  it('show() twice returns the same pending outcome', async () => {
    const s = await setup({ preset: 'workspace' }, 'owner');
    const { outcome } = await open(s, [s.byName('Aaliyah Johnson')]);
    expect(s.el.show()).to.equal(outcome);
    s.el.close();
    expect(await outcome).to.deep.equal({ status: 'cancelled' });
    await waitUntil(() => !s.el.shadowRoot!.querySelector('dialog')!.open);
  });
});
