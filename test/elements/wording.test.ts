/**
 * Product words come from what the server declares (defect: a tenant user read "workspace" and
 * "owner"): the workspace's name and the roles' names, or neutral words, never one product's
 * nouns.
 */
import { expect, fixture } from '@open-wc/testing';
import { html, render } from 'lit';
import type { UsersTable } from '../../src/elements/users-table/users-table.js';
import { invite, loadAll } from '../../src/store/index.js';
import { mockStore } from '../store/mock-helpers.js';
import type { MockServer } from '../store/mock-helpers.js';
import { problem } from './problem.js';
import { $, mountTable, track } from './users-table/helpers.js';
import '../../src/define.js';

/** All text under `node`, through shadow roots, whitespace collapsed. */
function deepText(node: Node): string {
  const own = node instanceof Element && node.shadowRoot ? deepText(node.shadowRoot) : '';
  const text = node.nodeType === Node.TEXT_NODE ? (node.textContent ?? '') : '';
  return (text + own + [...node.childNodes].map(deepText).join(' ')).replace(/\s+/g, ' ');
}

describe('product wording', () => {
  it('tells who may give access in the server’s words: Admin in Globex, Owner in Acme Support', async () => {
    for (const [preset, persona, top, name] of [
      ['tenant', 'user', 'Admin', 'Globex'],
      ['workspace', 'agent', 'Owner', 'Acme Support'],
    ] as const) {
      const { el } = await mountTable({ preset }, persona);
      const state = $(el, '[part="state"]')!.textContent!.replace(/\s+/g, ' ').trim();
      expect(state).to.equal(
        `You cannot view the users of ${name} Your role does not include user management. Ask someone with the ${top} role in ${name} for access.`,
      );
      await expect(el).to.be.accessible();
    }
  });

  it('leaves out of the no-access message the names that could not load, never blank', async () => {
    const lead = 'Your role does not include user management.';
    for (const [failing, title, ask] of [
      [
        ['/workspace', '/roles'],
        'You cannot view users',
        'Ask someone who manages users for access.',
      ],
      [['/workspace'], 'You cannot view users', 'Ask someone with the Owner role for access.'],
      [
        ['/roles'],
        'You cannot view the users of Acme Support',
        'Ask someone who manages users in Acme Support for access.',
      ],
    ] as const) {
      const fails = (url: string) => failing.some((path) => url.endsWith(`/api/v1${path}`));
      const ref: { server?: MockServer } = {};
      const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
        const request = new Request(input, init);
        return fails(request.url) ? problem('internal') : ref.server!.fetch(request);
      }) as typeof globalThis.fetch;
      const { server, store } = mockStore(
        { preset: 'workspace' },
        'agent',
        {},
        { fetch, retry: false },
      );
      ref.server = track(server);
      await loadAll(store).catch(() => undefined);
      expect(store.$me.get(), 'signed in').to.exist;
      const el = await fixture<UsersTable>(html`<users-table .store=${store}></users-table>`);
      const state = $(el, '[part="state"]')!.textContent!.replace(/\s+/g, ' ').trim();
      expect(state, failing.join(' ')).to.equal(`${title} ${lead} ${ask}`);
    }
  });

  it('shows a tenant admin no "workspace" or "owner" in the table and its dialogs', async () => {
    const { store } = mockStore({ preset: 'tenant' }, 'admin', { pageSize: 200 });
    await loadAll(store);
    const user = store.$rows.get().find((u) => u.name === 'Aaliyah Johnson')!;
    const root = document.createElement('div');
    document.body.append(root);
    render(
      html`<users-table .store=${store}></users-table>
        <invite-dialog .store=${store}></invite-dialog>
        <edit-user-dialog .store=${store} .user=${user}></edit-user-dialog>
        <revoke-dialog .store=${store} .users=${[user]}></revoke-dialog>
        <role-templates .store=${store}></role-templates>
        <permission-matrix .store=${store}></permission-matrix>`,
      root,
    );
    const dialogs = [...root.querySelectorAll('invite-dialog, edit-user-dialog, revoke-dialog')];
    for (const dialog of dialogs) void (dialog as HTMLElement & { show(): unknown }).show();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const text = deepText(root);
    expect(text).to.contain('Delete Aaliyah Johnson?').and.contain('Send invitations');
    expect(text).not.to.match(/\b(workspace|owner)s?\b/i);
    root.remove();
  });

  it('names an invited user with no name by the email once in the dialogs', async () => {
    const { store } = mockStore({ preset: 'workspace' }, 'owner', { pageSize: 200 });
    await loadAll(store);
    const email = 'no.name@example.com';
    const [result] = await invite(store, [{ email, role: 'agent' }]);
    const user = result?.ok ? result.user : null;
    const other = store.$rows.get().find((u) => u.allowedActions.revoke && u.name)!;
    const root = document.createElement('div');
    document.body.append(root);
    render(
      html`<edit-user-dialog .store=${store} .user=${user}></edit-user-dialog>
        <revoke-dialog .store=${store} .users=${[user, other]}></revoke-dialog>`,
      root,
    );
    const [edit, revoke] = [...root.children] as (HTMLElement & { show(): unknown })[];
    void edit!.show();
    void revoke!.show();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const times = (el: Element | null | undefined) =>
      (el?.textContent ?? '').split(email).length - 1;
    expect(times(edit!.shadowRoot!.querySelector('[part="user"]'))).to.equal(1);
    expect(times(revoke!.shadowRoot!.querySelector('[part="who"]'))).to.equal(1);
    root.remove();
  });
});
