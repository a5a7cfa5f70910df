import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { UsersTable } from '../../../src/elements/users-table/users-table.js';
import type { RosterActionEvent, RosterBeforeActionEvent } from '../../../src/events.js';
import { createRosterStore, setFilter } from '../../../src/store/index.js';
import { clientAs, mockStore, requestedUrls } from '../../store/mock-helpers.js';
import { $, $$, focused, mountTable, rows, settledTable, track, until } from './helpers.js';

function searchInput(el: HTMLElement): HTMLInputElement {
  return el.shadowRoot!.querySelector<HTMLInputElement>('input[type="search"]')!;
}

function usersRequests(): string[] {
  return requestedUrls.filter((url) => /\/users(\?|$)/.test(url) && url.includes('q='));
}

describe('<users-table> toolbar', () => {
  it('searches server-side after a pause, once, keeping the focus in the field', async () => {
    const { el, store, server } = await mountTable({ preset: 'workspace' }, 'owner');
    const before = usersRequests().length;
    const input = searchInput(el);
    input.focus();
    // Four keystrokes in quick succession (dispatched at once: no timer can fire between).
    for (const text of ['a', 'ai', 'aik', 'aiko']) {
      input.value = text;
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    }
    await el.updateComplete;
    expect(store.$query.get().q, 'not yet: debounced').to.equal('');
    expect(usersRequests().length).to.equal(before);
    await until(
      el,
      () => store.$query.get().q === 'aiko' && !store.$paging.get().loading,
      'search',
    );
    expect(usersRequests().length - before, 'one request for the whole word').to.equal(1);
    expect(focused(el)).to.equal(searchInput(el));
    expect(store.$rows.get().map((u) => u.id)).to.deep.equal(
      server
        .usersAs('owner')
        .filter((u) => /aiko/i.test(u.name + u.email))
        .map((u) => u.id),
    );
    expect(rows(el)).to.have.length(store.$rows.get().length);
  });

  it('shows the answer to the latest search, never a slower one to an earlier search', async () => {
    const { server } = mockStore({ preset: 'workspace' }, 'owner');
    track(server);
    const slowFetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      const slow = new URL(request.url).searchParams.get('q') === 'a';
      const wait = new Promise((resolve) => setTimeout(resolve, slow ? 400 : 0));
      return wait.then(() => server.fetch(request));
    };
    const client = clientAs(server, 'owner', { fetch: slowFetch as typeof fetch });
    const store = createRosterStore(client, { pageSize: 25 });
    const el = await fixture<UsersTable>(html`<users-table .store=${store}></users-table>`);
    await settledTable(el, store);
    const type = (text: string) => {
      searchInput(el).value = text;
      searchInput(el).dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    };
    type('a');
    await until(el, () => store.$query.get().q === 'a', 'the slow search started');
    type('aiko');
    await until(el, () => store.$query.get().q === 'aiko' && !store.$paging.get().loading, 'aiko');
    const aiko = store.$rows.get().map((u) => u.id);
    expect(aiko.length).to.be.greaterThan(0);
    // Past the slow answer's arrival: the rows are still those of the latest search.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(store.$rows.get().map((u) => u.id)).to.deep.equal(aiko);
    expect(rows(el).map((row) => row.dataset.id)).to.deep.equal(aiko);
  });

  it('clears the search with its clear button and with Escape, keeping the focus', async () => {
    const { el, store } = await mountTable({ preset: 'workspace' }, 'owner');
    const all = store.$paging.get().total;
    searchInput(el).focus();
    await sendKeys({ type: 'tanaka' });
    await until(el, () => store.$query.get().q === 'tanaka', 'searched');
    $(el, '[part="search-clear"]')!.click();
    await until(el, () => store.$query.get().q === '' && !store.$paging.get().loading, 'cleared');
    expect(store.$paging.get().total).to.equal(all);
    expect(focused(el)).to.equal(searchInput(el));
    await sendKeys({ type: 'tanaka' });
    await until(el, () => store.$query.get().q === 'tanaka', 'searched again');
    await sendKeys({ press: 'Escape' });
    await until(el, () => store.$query.get().q === '', 'cleared by Escape');
    expect(searchInput(el).value).to.equal('');
    expect(focused(el)).to.equal(searchInput(el));
  });

  it('filters by role and by status', async () => {
    const { el, store } = await mountTable({ preset: 'tenant' }, 'admin');
    const role = $(el, '[part="role-filter"]') as HTMLSelectElement;
    role.value = 'admin';
    role.dispatchEvent(new Event('change'));
    await until(
      el,
      () => store.$query.get().role === 'admin' && !store.$paging.get().loading,
      'role',
    );
    expect(store.$rows.get().every((u) => u.role === 'admin')).to.be.true;
    const status = $(el, '[part="status-filter"]') as HTMLSelectElement;
    expect([...status.options].map((o) => o.textContent!.trim())).to.deep.equal([
      'All statuses',
      'Pending',
      'Active',
      'Suspended',
    ]);
    role.value = '';
    role.dispatchEvent(new Event('change'));
    status.value = 'suspended';
    status.dispatchEvent(new Event('change'));
    await until(
      el,
      () => store.$query.get().status === 'suspended' && !store.$paging.get().loading,
      'status',
    );
    expect(store.$rows.get().length).to.be.greaterThan(0);
    expect(store.$rows.get().every((u) => u.status === 'suspended')).to.be.true;
    expect($$(el, '[part="status"]').every((b) => b.textContent!.includes('Suspended'))).to.be.true;
    await expect(el).to.be.accessible();
  });

  it('sorts by clicking a header, and says so with aria-sort', async () => {
    const { el, store } = await mountTable({ preset: 'workspace' }, 'owner');
    const header = (label: string) =>
      $$(el, '[role="columnheader"]').find((cell) => cell.textContent!.includes(label))!;
    expect(header('Name').getAttribute('aria-sort')).to.equal('ascending');
    header('Email').querySelector('button')!.click();
    await until(
      el,
      () => store.$query.get().sort === 'email' && !store.$paging.get().loading,
      'sorted',
    );
    expect(header('Email').getAttribute('aria-sort')).to.equal('ascending');
    expect(header('Name').hasAttribute('aria-sort')).to.be.false;
    const emails = store.$rows.get().map((u) => u.email);
    expect(emails).to.deep.equal([...emails].sort((a, b) => a.localeCompare(b)));
    header('Email').querySelector('button')!.click();
    await until(
      el,
      () => store.$query.get().sort === '-email' && !store.$paging.get().loading,
      'desc',
    );
    expect(header('Email').getAttribute('aria-sort')).to.equal('descending');
    header('Last active').querySelector('button')!.click();
    await until(el, () => store.$query.get().sort === '-lastActiveAt', 'most recent first');
  });

  it('shows the seat meter, and disables inviting with an explanation at the limit', async () => {
    const { el } = await mountTable({ preset: 'tenant' }, 'admin');
    expect($(el, '[part="seat-meter-label"]')!.textContent).to.equal('66 of 76 seats');
    const invite = $(el, '[part="invite-button"]')!;
    expect(invite.getAttribute('aria-disabled')).to.equal('false');
    expect($(el, '[part="seat-note"]')).to.equal(null);

    const full = await mountTable({ preset: 'tenant', seatLimit: 66 }, 'admin');
    expect($(full.el, '[part="seat-meter-label"]')!.textContent).to.equal('66 of 66 seats');
    const disabled = $(full.el, '[part="invite-button"]')!;
    expect(disabled.getAttribute('aria-disabled')).to.equal('true');
    const note = $(full.el, '[part="seat-note"]')!;
    expect(disabled.getAttribute('aria-describedby')).to.equal(note.id);
    expect(note.textContent).to.contain('All seats are in use');
    disabled.click();
    await full.el.updateComplete;
    expect($(full.el, 'invite-dialog')).to.equal(null);
    await expect(full.el).to.be.accessible();
  });

  it('opens <invite-dialog> on the shared store from the Invite button', async () => {
    const { el, store } = await mountTable({ preset: 'workspace' }, 'owner');
    $(el, '[part="invite-button"]')!.click();
    await until(el, () => $(el, 'invite-dialog') !== null, 'dialog rendered');
    const dialog = $(el, 'invite-dialog') as HTMLElement & {
      store: unknown;
      open: boolean;
      close(): void;
      updateComplete: Promise<boolean>;
    };
    expect(dialog.store).to.equal(store);
    await waitUntil(() => dialog.open, 'dialog open');
    dialog.close();
    await until(el, () => $(el, 'invite-dialog') === null, 'dialog gone after closing');
  });

  it('offers Export only to actors who may export', async () => {
    const cases = [
      ['workspace', 'owner', true],
      ['workspace', 'manager', true],
      ['tenant', 'admin', false],
      ['tenant', 'user-manager', false],
    ] as const;
    for (const [preset, persona, shown] of cases) {
      const { el, store } = await mountTable({ preset }, persona);
      expect($(el, '[part="export-button"]') !== null, `${preset}/${persona}`).to.equal(shown);
      expect(shown).to.equal(
        !!store.$me.get()!.capabilities.export && store.$workspace.get()!.features.export,
      );
    }
  });

  it('exports CSV of the filtered view with before/after events, progress and the result', async () => {
    const { el, store } = await mountTable({ preset: 'workspace' }, 'owner');
    await setFilter(store, { role: 'agent' });
    const saved: { file: Blob; name: string }[] = [];
    el.saveFile = (file, name) => saved.push({ file, name });
    const events: string[] = [];
    el.addEventListener('roster-before-export', (event: RosterBeforeActionEvent<'export'>) =>
      events.push(`${event.type}:${JSON.stringify(event.detail.query)}`),
    );
    el.addEventListener('roster-export', (event: RosterActionEvent<'export'>) =>
      events.push(`${event.type}:${event.detail.rows}`),
    );
    const button = $(el, '[part="export-button"]')!;
    button.click();
    await el.updateComplete;
    await until(el, () => saved.length === 1, 'saved');
    expect(saved[0]!.name).to.equal('users.csv');
    // UTF-8 behind a byte-order mark (Blob.text() would drop it), headed as the table says it.
    const bytes = new Uint8Array(await saved[0]!.file.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const [header, ...lines] = new TextDecoder('utf-8', { ignoreBOM: true })
      .decode(bytes.subarray(3))
      .split('\r\n')
      .filter(Boolean);
    expect(header).to.match(/^Name,Email,Role,Status,/);
    // The filter carried to the server: only agents, every one of the filtered view.
    const total = store.$paging.get().total!;
    expect(total).to.be.greaterThan(0);
    expect(lines).to.have.length(total);
    // The third cell, after a name and an email (either may be quoted, RFC 4180).
    const roleOf = (line: string) => line.match(/^(?:(?:"(?:[^"]|"")*"|[^",]*),){2}([^,]*)/)?.[1];
    for (const line of lines) expect(roleOf(line), line).to.equal('Agent');
    expect(events).to.deep.equal([
      'roster-before-export:{"sort":"name","role":"agent"}',
      `roster-export:${total}`,
    ]);
    await until(el, () => $(el, '[part="toast"]')!.textContent!.includes('Exported'), 'toast');
    expect(store.$export.get().bytes).to.equal(saved[0]!.file.size);

    // A host may veto the export.
    el.addEventListener('roster-before-export', (event) => event.preventDefault(), { once: true });
    button.click();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(saved).to.have.length(1);
  });

  it('shows export progress, and a refused export inline with roster-error', async () => {
    const { el, store } = await mountTable({ preset: 'tenant' }, 'admin');
    // The view believes it may export; the server (no export feature) disagrees.
    const me = store.$me.get()!;
    const workspace = store.$workspace.get()!;
    store.$me.set({ ...me, capabilities: { ...me.capabilities, export: true } });
    store.$workspace.set({ ...workspace, features: { ...workspace.features, export: true } });
    await el.updateComplete;
    const button = $(el, '[part="export-button"]')!;
    store.$export.set({ loading: true, error: null, bytes: 2048 });
    await el.updateComplete;
    expect(button.textContent!.trim()).to.equal('Exporting… 2 kB');
    expect(button.getAttribute('aria-busy')).to.equal('true');
    store.$export.set({ loading: false, error: null, bytes: 0 });
    await el.updateComplete;
    const errors: string[] = [];
    el.addEventListener('roster-error', (event) => errors.push(`${event.action}:${event.message}`));
    el.saveFile = () => undefined;
    button.click();
    await until(el, () => errors.length === 1, 'error');
    expect(errors[0]).to.match(/^export:Exporting users failed/);
    expect($(el, '[role="alert"]')!.textContent).to.contain('Exporting users failed');
    expect(button.textContent!.trim()).to.equal('Export CSV');
  });
});
