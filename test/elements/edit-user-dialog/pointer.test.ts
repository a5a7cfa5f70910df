/**
 * Real pointer presses on `<edit-user-dialog>` (the browser's own mouse): leaving the email
 * field by a press moves nothing under the pointer, so the first click counts.
 */
import { expect } from '@open-wc/testing';
import { resetMouse, sendKeys, setViewport } from '@web/test-runner-commands';
import { realClick } from '../pointer.js';
import { activeAgent, changes, open, part, setup, until } from './helpers.js';

describe('<edit-user-dialog> with a real pointer', () => {
  // Tall enough that the dialog is not at its tallest: a change of height would move the footer.
  before(() => setViewport({ width: 1280, height: 900 }));
  afterEach(() => resetMouse());

  it('reviews and saves a typed email on the first click of each button', async () => {
    const s = await setup({ preset: 'all' }, 'owner');
    const agent = s.find(activeAgent);
    const { outcome } = await open(s, agent);
    const email = part<HTMLInputElement>(s.el, 'email-input')!;
    email.focus();
    email.select();
    await sendKeys({ type: 'typed.address@initech.test' });
    await realClick(part(s.el, 'review-button')!);
    await until(() => part(s.el, 'save-button'), 'the review shows');
    expect(changes(s.el)).to.deep.equal([`Email: ${agent.email} → typed.address@initech.test`]);
    await expect(s.el).to.be.accessible();
    await realClick(part(s.el, 'save-button')!);
    expect((await outcome).status).to.equal('saved');
    expect(s.server.userAs('owner', agent.id)!.email).to.equal('typed.address@initech.test');
  });
});
