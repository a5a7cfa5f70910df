/**
 * Real pointer presses on the role template dialog (the browser's own mouse): leaving the
 * name field by a press moves nothing under the pointer, so the first click counts.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, setViewport } from '@web/test-runner-commands';
import { realClick } from '../pointer.js';
import { isOpen, names, opened, part, setup } from './helpers.js';

describe('<role-templates> dialog with a real pointer', () => {
  // Tall enough that the dialog is not at its tallest: a change of height would move the footer.
  before(() => setViewport({ width: 1280, height: 900 }));
  afterEach(() => resetMouse());

  it('creates a template with a typed name on the first click of Create', async () => {
    const s = await setup({ preset: 'tenant' }, 'admin');
    part<HTMLButtonElement>(s.el, 'create-button')!.click();
    const dialog = await opened(s.el);
    part<HTMLInputElement>(dialog, 'name-input')!.focus();
    await sendKeys({ type: 'Night shift' });
    await realClick(part(dialog, 'confirm-button')!);
    await waitUntil(() => !isOpen(dialog), 'the dialog closes', { timeout: 3000 });
    expect(names(s.el)).to.include('Night shift');
    await expect(s.el).to.be.accessible();
  });
});
