import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { InvitationInput } from '../../../src/api/types.js';
import type { InviteDialog } from '../../../src/elements/invite-dialog/invite-dialog.js';
import type { PermissionMatrix } from '../../../src/elements/permission-matrix/permission-matrix.js';
import { $, $$, addEmails, focused, isInvitation, openInvite, sendButton } from './helpers.js';

const TENANT = { preset: 'tenant' } as const;

/** Opens the dialog recording the body of every invitation sent. */
async function openRecording(persona: string, mock: { preset: 'tenant' | 'workspace' } = TENANT) {
  const sent: InvitationInput[] = [];
  const opened = await openInvite({
    mock,
    persona,
    intercept: async (request) => {
      if (isInvitation(request)) sent.push((await request.clone().json()) as InvitationInput);
      return undefined;
    },
  });
  return { ...opened, sent };
}

const refine = (el: InviteDialog) => $<HTMLButtonElement>(el, '[part="refine-button"]');

/** Presses "Refine permissions" and returns the rendered matrix. */
async function expand(el: InviteDialog): Promise<PermissionMatrix> {
  refine(el).click();
  await el.updateComplete;
  const matrix = $<PermissionMatrix>(el, '[part="permission-matrix"]');
  await matrix.updateComplete;
  return matrix;
}

const box = (matrix: PermissionMatrix, category: string, action: string) =>
  matrix.shadowRoot!.querySelector<HTMLInputElement>(
    `td input[data-category="${category}"][data-action="${action}"]`,
  )!;

async function toggle(
  el: InviteDialog,
  matrix: PermissionMatrix,
  category: string,
  action: string,
) {
  box(matrix, category, action).click();
  await matrix.updateComplete;
  await el.updateComplete;
}

describe('<invite-dialog> permissions', () => {
  it('are collapsed behind "Refine permissions", then sent with every invitation of the batch', async () => {
    const { el, sent, outcome } = await openRecording('admin');
    expect(refine(el).getAttribute('aria-expanded')).to.equal('false');
    expect($$(el, '[part="permission-matrix"]')).to.have.length(0);
    await expect(el).to.be.accessible();
    const matrix = await expand(el);
    expect(refine(el).getAttribute('aria-expanded')).to.equal('true');
    expect(refine(el).getAttribute('aria-controls')).to.equal(matrix.id);
    await toggle(el, matrix, 'analytics', 'edit');
    await expect(el).to.be.accessible();
    await addEmails(el, 'ana@example.com', 'ben@example.com');
    sendButton(el).click();
    const { users } = await outcome;
    expect(sent.map((s) => s.permissions)).to.deep.equal([
      { analytics: ['view', 'edit'] },
      { analytics: ['view', 'edit'] },
    ]);
    expect(users.map((u) => u.permissions)).to.deep.equal([
      { analytics: ['view', 'edit'] },
      { analytics: ['view', 'edit'] },
    ]);
  });

  it('send none when untouched, and none for a role holding every permission', async () => {
    const { el, sent, outcome } = await openRecording('admin');
    const matrix = await expand(el);
    await toggle(el, matrix, 'analytics', 'edit');
    $<HTMLInputElement>(el, '[part="role-picker"] input[value="admin"]').click();
    await el.updateComplete;
    expect($$(el, '[part="permissions"]'), 'no section for Admin').to.have.length(0);
    await addEmails(el, 'ana@example.com');
    sendButton(el).click();
    await outcome;
    expect(sent[0]!.permissions).to.equal(undefined);
    const plain = await openRecording('admin');
    await addEmails(plain.el, 'ben@example.com');
    sendButton(plain.el).click();
    await plain.outcome;
    expect(plain.sent[0]!.permissions).to.equal(undefined);
  });

  it('shows the chosen template’s grants inherited and locked', async () => {
    const { el } = await openRecording('admin');
    const matrix = await expand(el);
    const select = $<HTMLSelectElement>(el, '[part="template-select"]');
    select.value = 'tpl_2';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    await matrix.updateComplete;
    const view = box(matrix, 'experiments', 'view');
    expect(view.checked).to.be.true;
    expect(view.title).to.equal('From template Analyst');
    expect(view.getAttribute('aria-disabled')).to.equal('true');
  });

  it('a user manager may change only what it holds', async () => {
    const { el, sent, outcome } = await openRecording('user-manager');
    const matrix = await expand(el);
    expect(box(matrix, 'analytics', 'view').getAttribute('aria-disabled')).to.equal('true');
    expect(box(matrix, 'users', 'manage').getAttribute('aria-disabled')).to.equal('true');
    expect(box(matrix, 'users', 'edit').getAttribute('aria-disabled')).to.equal(null);
    await toggle(el, matrix, 'analytics', 'view');
    await toggle(el, matrix, 'users', 'edit');
    await expect(el).to.be.accessible();
    await addEmails(el, 'ana@example.com');
    sendButton(el).click();
    const { users } = await outcome;
    expect(sent[0]!.permissions).to.deep.equal({ users: ['view', 'edit'] });
    expect(users).to.have.length(1);
  });

  it('is reachable by keyboard: the disclosure, then the grants', async () => {
    const { el } = await openRecording('admin');
    for (let i = 0; i < 20 && focused() !== refine(el); i++) await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(refine(el));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const matrix = $<PermissionMatrix>(el, '[part="permission-matrix"]');
    await matrix.updateComplete;
    await sendKeys({ press: 'Tab' });
    expect(matrix.shadowRoot!.activeElement, 'Tab enters the matrix').to.not.equal(null);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: ' ' });
    await matrix.updateComplete;
    expect(box(matrix, 'conversations', 'view').checked).to.be.true;
  });

  it('a workspace without fine-grained permissions shows no Permissions field', async () => {
    const { el } = await openRecording('owner', { preset: 'workspace' });
    expect($$(el, '[part="permissions"]')).to.have.length(0);
    expect($$(el, '[part="refine-button"]')).to.have.length(0);
  });
});
