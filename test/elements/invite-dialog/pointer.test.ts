/**
 * Real pointer presses on `<invite-dialog>` (the browser's own mouse, not `element.click()`):
 * a press that takes the focus off the address field must not lose its click.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, setViewport } from '@web/test-runner-commands';
import { realClick } from '../pointer.js';
import { $$, chipEmails, input, openInvite, sendButton } from './helpers.js';

describe('<invite-dialog> with a real pointer', () => {
  // Tall enough that the dialog is not at its tallest: then a chip appearing moves the footer.
  before(() => setViewport({ width: 1280, height: 900 }));
  afterEach(() => resetMouse());

  it('sends what was typed on the first click of Send', async () => {
    const { el, traffic, outcome } = await openInvite({ mock: { preset: 'workspace' } });
    input(el).focus();
    await sendKeys({ type: 'aaron@example.com' });
    await el.updateComplete;
    await realClick(sendButton(el));
    await waitUntil(() => traffic.invitations === 1, 'the invitation is sent', { timeout: 3000 });
    const { status, users } = await outcome;
    expect(status).to.equal('invited');
    expect(users.map((user) => user.email)).to.deep.equal(['aaron@example.com']);
  });

  it('gives the first click below the field to what was pressed (a role)', async () => {
    const { el } = await openInvite({ mock: { preset: 'workspace' } });
    input(el).focus();
    await sendKeys({ type: 'aaron@example.com' });
    const radios = () => $$<HTMLInputElement>(el, '[part="role-option"] input');
    const other = radios().findIndex((radio) => !radio.checked);
    await realClick(radios()[other]!);
    await waitUntil(() => chipEmails(el).length === 1, 'the text becomes a chip');
    expect(radios()[other]!.checked).to.be.true;
  });

  it('makes the typed text a chip when Tab leaves the field', async () => {
    const { el } = await openInvite({ mock: { preset: 'workspace' } });
    input(el).focus();
    await sendKeys({ type: 'aaron@example.com' });
    await sendKeys({ press: 'Tab' });
    await waitUntil(() => chipEmails(el).length === 1, 'the text becomes a chip');
    expect(input(el).value).to.equal('');
  });

  it('makes the typed text a chip once a press elsewhere is over', async () => {
    const { el, traffic } = await openInvite({ mock: { preset: 'workspace' } });
    input(el).focus();
    await sendKeys({ type: 'aaron@example.com' });
    await realClick(el.shadowRoot!.querySelector('[part="heading"]')!);
    await waitUntil(() => chipEmails(el).length === 1, 'the text becomes a chip');
    expect(chipEmails(el)).to.deep.equal(['aaron@example.com']);
    expect(traffic.invitations).to.equal(0);
    await expect(el).to.be.accessible();
  });
});
