/**
 * Real pointer presses on `<revoke-dialog>` (the browser's own mouse): a press that takes the
 * focus off the user picker (closing its list) must not lose its click.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, setViewport } from '@web/test-runner-commands';
import { realClick } from '../pointer.js';
import { open, part, parts, radio, settledPicker, setup } from './helpers.js';

describe('<revoke-dialog> with a real pointer', () => {
  // Tall enough that the dialog is not at its tallest: then the list closing moves the footer.
  before(() => setViewport({ width: 1280, height: 900 }));
  afterEach(() => resetMouse());

  it('cancels on the first click of Cancel while the picker list is open', async () => {
    const s = await setup({ preset: 'workspace' }, 'owner');
    const { outcome } = await open(s, [s.byName('Aaliyah Johnson')]);
    radio(s.el, 'reassign').click();
    await s.el.updateComplete;
    part<HTMLInputElement>(s.el, 'picker-input')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await settledPicker(s.el);
    expect(parts(s.el, 'option').length).to.be.greaterThan(0);
    await realClick(part(s.el, 'cancel-button')!);
    await waitUntil(() => !s.el.open, 'the dialog closes', { timeout: 3000 });
    expect((await outcome).status).to.equal('cancelled');
  });

  it('closes the list once a press elsewhere is over', async () => {
    const s = await setup({ preset: 'workspace' }, 'owner');
    await open(s, [s.byName('Aaliyah Johnson')]);
    radio(s.el, 'reassign').click();
    await s.el.updateComplete;
    part<HTMLInputElement>(s.el, 'picker-input')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await settledPicker(s.el);
    await realClick(part(s.el, 'heading')!);
    await waitUntil(() => parts(s.el, 'option').length === 0, 'the list closes');
    expect(part(s.el, 'picker-input')!.getAttribute('aria-expanded')).to.equal('false');
    await expect(s.el).to.be.accessible();
  });
});
