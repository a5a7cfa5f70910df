import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { choose, click, focused, input, open, part, setup, text, until } from './helpers.js';

const WORKSPACE = { preset: 'workspace' } as const;

describe('<edit-user-dialog> by keyboard', () => {
  it('completes a role change with the keyboard only', async () => {
    const s = await setup(WORKSPACE, 'owner');
    const olga = s.byName('Olga Petrova');
    const { outcome } = await open(s, olga);
    expect(focused(), 'starts on the first field').to.equal(part(s.el, 'name-input'));
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(input(s.el, 'role', 'agent'));
    await sendKeys({ press: 'ArrowUp' });
    expect(input(s.el, 'role', 'manager')!.checked).to.be.true;
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(focused()).to.equal(part(s.el, 'name-input'));
    await sendKeys({ press: 'Enter' });
    await s.el.updateComplete;
    expect(text(s.el, 'heading')).to.equal('Review changes');
    expect(focused()).to.equal(part(s.el, 'changes'));
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(part(s.el, 'back-button'));
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(part(s.el, 'save-button'));
    await sendKeys({ press: 'Enter' });
    expect((await outcome).status).to.equal('saved');
    expect(s.server.userAs('owner', olga.id)!.role).to.equal('manager');
    expect(focused()).to.equal(s.opener);
  });

  it('resolves a conflict with the keyboard', async () => {
    const s = await setup(WORKSPACE, 'owner');
    const olga = s.byName('Olga Petrova');
    const { outcome } = await open(s, olga);
    await choose(s.el, 'role', 'manager');
    await s.server.fetch('/api/v1/users/' + olga.id, {
      method: 'PATCH',
      headers: {
        Authorization: 'Bearer owner2',
        'If-Match': '*',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ name: 'Olga P.' }),
    });
    part(s.el, 'review-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await s.el.updateComplete;
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(part(s.el, 'save-button'));
    await sendKeys({ press: 'Enter' });
    await until(() => part(s.el, 'apply-again-button'), 'conflict shown');
    expect(focused()).to.equal(s.el.shadowRoot!.querySelector('.conflict-intro'));
    // Tab through the footer to "Apply my changes again".
    for (let i = 0; i < 10 && focused() !== part(s.el, 'apply-again-button'); i++)
      await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    expect((await outcome).status).to.equal('saved');
    expect(s.server.userAs('owner', olga.id)!.name).to.equal('Olga P.');
  });

  it('keeps focus inside while open', async () => {
    const s = await setup(WORKSPACE, 'owner');
    await open(s, s.byName('Olga Petrova'));
    const seen = new Set<Element>();
    for (let i = 0; i < 40; i++) {
      await sendKeys({ press: 'Tab' });
      const now = focused();
      if (now) seen.add(now);
      expect(now && s.el.shadowRoot!.contains(now), `tab ${i + 1} stays inside`).to.be.true;
    }
    expect(seen.has(part(s.el, 'close-button')!), 'wraps to the top').to.be.true;
  });

  it('Escape closes, cancelled, focus back on the opener', async () => {
    const s = await setup(WORKSPACE, 'owner');
    const { outcome } = await open(s, s.byName('Olga Petrova'));
    await choose(s.el, 'role', 'manager');
    await sendKeys({ press: 'Escape' });
    expect(await outcome).to.deep.equal({ status: 'cancelled' });
    expect(focused()).to.equal(s.opener);
    expect(s.net.patches).to.have.length(0);
  });

  it('Escape does nothing while saving', async () => {
    const s = await setup(WORKSPACE, 'owner');
    const { outcome } = await open(s, s.byName('Olga Petrova'));
    await choose(s.el, 'role', 'manager');
    await click(s.el, 'review-button');
    const release = s.net.hold();
    part(s.el, 'save-button')!.focus();
    await click(s.el, 'save-button');
    await until(() => s.net.patches.length === 1, 'sent');
    expect(part<HTMLButtonElement>(s.el, 'close-button')!.disabled).to.be.true;
    expect(text(s.el, 'save-button')).to.equal('Saving…');
    // Busy like Send and Revoke: marked, keeping the focus, and a second press sends nothing.
    const save = part<HTMLButtonElement>(s.el, 'save-button')!;
    expect(save.getAttribute('aria-disabled')).to.equal('true');
    expect(focused() === save, 'the focus stays on Save').to.be.true;
    save.click();
    await sendKeys({ press: 'Escape' });
    await s.el.updateComplete;
    expect(s.el.open, 'still open while busy').to.be.true;
    release();
    expect((await outcome).status).to.equal('saved');
    expect(s.net.patches, 'one save').to.have.length(1);
    expect(focused()).to.equal(s.opener);
  });

  it('the close button and Cancel return focus to the opener', async () => {
    const s = await setup(WORKSPACE, 'owner');
    let opened = await open(s, s.byName('Olga Petrova'));
    await click(s.el, 'close-button');
    expect(await opened.outcome).to.deep.equal({ status: 'cancelled' });
    expect(focused()).to.equal(s.opener);
    opened = await open(s, s.byName('Olga Petrova'));
    await click(s.el, 'cancel-button');
    expect(await opened.outcome).to.deep.equal({ status: 'cancelled' });
    expect(focused()).to.equal(s.opener);
  });

  it('the read-only view starts on Close', async () => {
    const s = await setup(WORKSPACE, 'manager');
    const { outcome } = await open(s, s.byName('Sofía Martínez'));
    expect(focused()).to.equal(part(s.el, 'done-button'));
    await sendKeys({ press: 'Enter' });
    expect(await outcome).to.deep.equal({ status: 'cancelled' });
  });
});
