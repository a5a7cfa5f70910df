/**
 * What `<users-table>` tells the person after an action: a host's veto is said where the
 * action started (it used to do nothing visible), and a removal with reassignment names who
 * received the contacts.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { search } from '../../../src/store/index.js';
import { $, chooseMenuItem, mountTable, openMenu, rowOf, until } from './helpers.js';

const said = (el: HTMLElement, part: string) =>
  (el.shadowRoot!.querySelector(`[part="${part}"]`)?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<users-table> outcome words', () => {
  it('says a vetoed export and a vetoed resend were not allowed by the page', async () => {
    const { el, store } = await mountTable({ preset: 'workspace' }, 'owner');
    el.saveFile = () => undefined;
    el.addEventListener('roster-before-export', (event) => event.preventDefault());
    el.addEventListener('roster-before-resend-invitation', (event) => event.preventDefault());
    $(el, '[part="export-button"]')!.click();
    await until(el, () => said(el, 'toast') !== '', 'toast');
    expect(said(el, 'toast')).to.equal('Exporting users was not allowed by this page.');

    const invited = store.$rows.get().find((u) => u.allowedActions.resendInvitation)!;
    await search(store, invited.email);
    await until(el, () => rowOf(el, invited.id) !== null, 'row');
    await openMenu(el, invited.id);
    await chooseMenuItem(el, 'Resend invitation');
    await until(el, () => said(el, 'alert') !== '', 'alert');
    expect(said(el, 'alert')).to.contain(
      `Resending the invitation to ${invited.name.trim() || invited.email} was not allowed by this page.`,
    );
    await expect(el).to.be.accessible();
  });

  it('names who received the contacts after a removal with reassignment', async () => {
    const { el, store, server } = await mountTable({ preset: 'workspace' }, 'owner');
    const ana = server.usersAs('owner').find((u) => u.name === 'Aaliyah Johnson')!;
    await search(store, ana.name);
    await until(el, () => rowOf(el, ana.id) !== null, 'row');
    await openMenu(el, ana.id);
    await chooseMenuItem(el, 'Revoke access');
    await until(el, () => $(el, 'revoke-dialog') !== null, 'dialog');
    const dialog = $(el, 'revoke-dialog')!;
    const inDialog = <E extends Element>(selector: string) =>
      dialog.shadowRoot!.querySelector<E>(selector);
    await waitUntil(() => inDialog('input[value="reassign"]'), 'the choice');
    inDialog<HTMLInputElement>('input[value="reassign"]')!.click();
    await waitUntil(() => inDialog('[part="picker-input"]'), 'the picker');
    inDialog<HTMLInputElement>('[part="picker-input"]')!.focus();
    await sendKeys({ type: 'Aiko' });
    await waitUntil(() => inDialog('[part="option"]'), 'a match');
    inDialog<HTMLElement>('[part="option"]')!.click();
    await waitUntil(() => !inDialog<HTMLButtonElement>('[part="confirm-button"]')!.disabled);
    inDialog<HTMLButtonElement>('[part="confirm-button"]')!.click();
    await until(el, () => said(el, 'toast') !== '', 'toast');
    expect(said(el, 'toast')).to.equal(
      `Aaliyah Johnson was removed. Their ${ana.assignedContacts} contacts now belong to Aiko Tanaka.`,
    );
  });
});
