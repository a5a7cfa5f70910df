import { expect } from '@open-wc/testing';
import { hostileStrings, pwned } from '../hostile.js';
import {
  $,
  changes,
  choose,
  click,
  fill,
  idle,
  open,
  otherClient,
  part,
  setup,
  text,
  activeAgent,
} from './helpers.js';

const ALL = { preset: 'all' } as const;

describe('<edit-user-dialog> with hostile data', () => {
  it('renders markup and script in names and emails as text', async () => {
    const s = await setup(ALL, 'owner');
    const mallory = await otherClient(s, 'owner').invite({
      email: 'mallory@evil.test',
      name: hostileStrings.markup,
      role: 'agent',
    });
    await open(s, mallory);
    expect($(s.el, '.person .name')!.textContent).to.equal(hostileStrings.markup);
    expect(part<HTMLInputElement>(s.el, 'name-input')!.value).to.equal(hostileStrings.markup);
    expect(s.el.shadowRoot!.querySelector('img:not([part~="avatar-image"]), b, script')).to.be.null;
    await fill(s.el, 'name', hostileStrings.script);
    await click(s.el, 'review-button');
    expect(changes(s.el)).to.deep.equal([
      `Name: ${hostileStrings.markup} → ${hostileStrings.script}`,
    ]);
    expect(s.el.shadowRoot!.querySelector('script')).to.be.null;
    await click(s.el, 'save-button');
    await idle(s.el);
    expect(s.server.userAs('owner', mallory.id)!.name).to.equal(hostileStrings.script);
    expect(pwned()).to.be.false;
  });

  it('shows a 10,000-character name and other odd text without breaking, and sends only what changed', async () => {
    const s = await setup(ALL, 'owner');
    const agent = s.find(activeAgent);
    for (const name of [hostileStrings.long, hostileStrings.rtl, hostileStrings.bidiOverride]) {
      s.store.$users.setKey(agent.id, { ...agent, name, email: hostileStrings.attribute });
      const { outcome } = await open(s, agent);
      // A name with a bidi override is held between FSI and PDI (displayName).
      const shown = name.includes('\u202E') ? `\u2068${name}\u2069` : name;
      expect($(s.el, '.person .name')!.textContent).to.equal(shown);
      const dialog = $(s.el, 'dialog')!;
      expect(dialog.scrollWidth, 'no sideways overflow').to.be.at.most(dialog.clientWidth + 1);
      await expect(s.el).to.be.accessible();
      await click(s.el, 'cancel-button');
      await outcome;
    }
    s.store.$users.setKey(agent.id, { ...agent, name: hostileStrings.long });
    const { outcome } = await open(s, agent);
    await choose(s.el, 'role', 'manager');
    await click(s.el, 'review-button');
    expect(changes(s.el)).to.deep.equal(['Role: Agent → Manager']);
    await click(s.el, 'save-button');
    expect((await outcome).status).to.equal('saved');
    expect(s.net.patches[0]!.body).not.to.have.property('name');
    expect(pwned()).to.be.false;
  });

  it('refuses hostile emails before anything is sent', async () => {
    const s = await setup(ALL, 'owner');
    await open(s, s.find(activeAgent));
    const list = Array.from({ length: 1000 }, (_, i) => `person${i}@example.test`).join(', ');
    const cases: [string, string][] = [
      [hostileStrings.markup, 'Enter one email address only.'],
      ['<script>@x.test', 'Enter a valid email address, like name@example.com.'],
      [hostileStrings.long, 'Enter a valid email address, like name@example.com.'],
      [list, 'Enter one email address only.'],
      // A single-line field drops the line breaks of a pasted column: one long invalid address.
      [list.replaceAll(', ', '\n'), 'Enter a valid email address, like name@example.com.'],
      ['   ', 'Enter an email address.'],
    ];
    for (const [value, words] of cases) {
      const started = performance.now();
      await fill(s.el, 'email', value);
      await click(s.el, 'review-button');
      expect(performance.now() - started, 'stays responsive').to.be.below(2000);
      expect(text(s.el, 'heading')).to.equal('Edit user');
      const email = part<HTMLInputElement>(s.el, 'email-input')!;
      expect(email.getAttribute('aria-invalid')).to.equal('true');
      expect(text(s.el, 'form')).to.contain(words);
    }
    await expect(s.el).to.be.accessible();
    expect(s.net.patches).to.have.length(0);
    expect(pwned()).to.be.false;
  });

  it('refuses a 10,000-character name typed in, with the count', async () => {
    const s = await setup(ALL, 'owner');
    await open(s, s.find(activeAgent));
    await fill(s.el, 'name', hostileStrings.long);
    await click(s.el, 'review-button');
    expect(text(s.el, 'form')).to.contain('Use at most 200 characters (this has 10,000).');
    await fill(s.el, 'name', 'tab\there');
    await click(s.el, 'review-button');
    expect(text(s.el, 'form')).to.contain('Remove the control characters');
    expect(s.net.patches).to.have.length(0);
  });
});
