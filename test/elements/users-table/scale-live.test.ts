import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { UsersTable } from '../../../src/elements/users-table/users-table.js';
import { createRosterStore } from '../../../src/store/index.js';
import { clientAs, mockStore } from '../../store/mock-helpers.js';
import { $, focused, mountTable, rowOf, rows, settledTable, track, until } from './helpers.js';

function grid(el: UsersTable): HTMLElement {
  return el.shadowRoot!.querySelector<HTMLElement>('[role="grid"]')!;
}

/** Scrolls the grid and runs its scroll handler at once (no waiting for a frame). */
async function scrollTo(el: UsersTable, top: number): Promise<void> {
  grid(el).scrollTop = top;
  grid(el).dispatchEvent(new Event('scroll'));
  await el.updateComplete;
}

/** The user id of the first row fully below the sticky header. */
function topRowId(el: UsersTable): string | undefined {
  const header = el.shadowRoot!.querySelector('.head')!.getBoundingClientRect().bottom;
  return rows(el).find((row) => row.getBoundingClientRect().top >= header - 1)?.dataset.id;
}

describe('<users-table> at scale', () => {
  it('loads pages by cursor as the person scrolls, with a bounded DOM, over 100,000 users', async function () {
    this.timeout(30_000);
    const { el, store } = await mountTable({ preset: 'workspace', users: 100_000 }, 'owner', {
      storeOptions: { pageSize: 200 },
    });
    expect(store.$paging.get().total).to.be.greaterThan(100_000);
    const nodesAtStart = el.shadowRoot!.querySelectorAll('*').length;
    const loadedAtStart = store.$rows.get().length;
    expect(loadedAtStart).to.be.at.most(400);
    while (store.$rows.get().length < 1200) {
      const loaded = store.$rows.get().length;
      await scrollTo(el, grid(el).scrollHeight);
      await until(el, () => store.$rows.get().length > loaded, 'next page', 8000);
    }
    await scrollTo(el, grid(el).scrollHeight / 2);
    const nodes = el.shadowRoot!.querySelectorAll('*').length;
    expect(rows(el).length, 'rendered rows').to.be.at.most(40);
    expect(nodes, `DOM nodes: ${nodesAtStart} → ${nodes}`).to.be.at.most(nodesAtStart * 1.2 + 20);
    // The grid still says how many rows exist and where each rendered one is.
    expect(grid(el).getAttribute('aria-rowcount')).to.equal(String(store.$paging.get().total! + 1));
    const first = rows(el)[0]!;
    const index = store.$rows.get().findIndex((u) => u.id === first.dataset.id);
    expect(first.getAttribute('aria-rowindex')).to.equal(String(index + 2));
    expect(index).to.be.greaterThan(300);
  });

  it('renders rows filled straight into the store (for benchmarks), scrolling 100,000 of them smoothly', async () => {
    const { el, store } = await mountTable({ preset: 'workspace' }, 'owner');
    const template = store.$rows.get()[0]!;
    const users = Array.from({ length: 100_000 }, (_, i) => ({
      ...template,
      id: `bench_${i}`,
      name: `Bench ${String(i).padStart(5, '0')}`,
    }));
    store.$users.set(Object.fromEntries(users.map((u) => [u.id, u])));
    store.$order.set(users.map((u) => u.id));
    await el.updateComplete;
    expect(rows(el)[0]!.dataset.id).to.equal('bench_0');
    // Scrolling row by row re-renders only the window. A sanity bound that holds under CI load;
    // frame times are measured by bench/users-table.bench.ts.
    const times: number[] = [];
    for (let step = 1; step <= 40; step++) {
      const start = performance.now();
      await scrollTo(el, grid(el).scrollTop + 56);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    expect(times[20], `median ${times[20]!.toFixed(1)} ms per row scrolled`).to.be.below(50);
    // And a jump to the far end renders the end.
    await scrollTo(el, grid(el).scrollHeight);
    expect(rowOf(el, 'bench_99999')).to.exist;
    expect(rows(el).length).to.be.at.most(40);
  });
});

describe('<users-table> paging failures', () => {
  it('says when a further page failed, and retries it on request', async () => {
    let down = false;
    const { server } = mockStore({ preset: 'workspace', users: 100 }, 'owner');
    track(server);
    const store = createRosterStore(
      clientAs(server, 'owner', {
        retry: { limit: 0, backoff: 1 },
        fetch: ((input: RequestInfo | URL, init?: RequestInit) => {
          const request = new Request(input, init);
          return down && request.url.includes('cursor=')
            ? Promise.reject(new TypeError('Failed to fetch'))
            : server.fetch(request);
        }) as typeof fetch,
      }),
      { pageSize: 20 },
    );
    const el = await fixture<UsersTable>(html`<users-table .store=${store}></users-table>`);
    await settledTable(el, store);
    await until(el, () => !store.$paging.get().loadingMore, 'first pages');
    down = true;
    const loaded = store.$rows.get().length;
    await scrollTo(el, grid(el).scrollHeight);
    await until(el, () => store.$paging.get().error !== null, 'page failed');
    const more = $(el, '[part="more"]')!;
    expect(more.textContent).to.contain('could not be reached');
    expect(store.$rows.get()).to.have.length(loaded);
    down = false;
    more.querySelector('button')!.click();
    await until(el, () => store.$rows.get().length > loaded, 'retried');
    expect($(el, '[part="more"]')?.textContent ?? '').not.to.contain('could not be reached');
  });
});

describe('<users-table> live', () => {
  it('shows invitations, edits and removals made elsewhere, keeping the scroll position and the focused row', async () => {
    const { el, store, server } = await mountTable({ preset: 'workspace', users: 200 }, 'owner');
    await until(el, () => store.$live.get() === 'open', 'live');
    const elsewhere = clientAs(server, 'owner2');
    // Scroll down a little and focus a row there.
    await scrollTo(el, 10 * 56 + 7);
    const top = topRowId(el)!;
    const row = rows(el).find((r) => r.dataset.id !== top && r.getBoundingClientRect().top > 200)!;
    const focusedId = row.dataset.id!;
    row.click();
    expect(focused(el)).to.equal(row);
    const scrolledBy = grid(el).scrollTop;

    // A new invitation sorted first by name arrives above the viewport.
    const fresh = await elsewhere.invite({
      email: 'aaaa.first@acme.test',
      name: 'Aaaa First',
      role: 'agent',
    });
    await until(el, () => store.$users.get()[fresh.id] !== undefined, 'invited user arrives');
    expect(store.$rows.get()[0]!.id).to.equal(fresh.id);
    expect(topRowId(el), 'the same row stays at the top').to.equal(top);
    expect(grid(el).scrollTop).to.be.greaterThan(scrolledBy);
    expect((focused(el) as HTMLElement | null)?.dataset.id, 'focus kept').to.equal(focusedId);

    // An edit elsewhere.
    const target = store.$users.get()[top]!;
    await elsewhere.updateUser(target.id, { name: `${target.name} (edited)` }, target.version);
    await until(el, () => rowOf(el, top)?.textContent?.includes('(edited)') === true, 'edit');
    expect((focused(el) as HTMLElement | null)?.dataset.id).to.equal(focusedId);

    // The focused user is removed elsewhere: the focus moves to a neighbour, not to the page.
    const index = store.$rows.get().findIndex((u) => u.id === focusedId);
    await elsewhere.revokeUser(focusedId);
    await until(el, () => rowOf(el, focusedId) === null, 'removal');
    expect((focused(el) as HTMLElement | null)?.dataset.id).to.equal(store.$rows.get()[index]!.id);
    expect(topRowId(el)).to.equal(top);

    // Keyboard navigation goes on from there.
    await sendKeys({ press: 'ArrowUp' });
    expect((focused(el) as HTMLElement | null)?.dataset.id).to.equal(
      store.$rows.get()[index - 1]!.id,
    );
    await expect(el).to.be.accessible();
  });

  it('updates the seat meter live', async () => {
    const { el, store, server } = await mountTable({ preset: 'tenant' }, 'admin');
    await until(el, () => store.$live.get() === 'open', 'live');
    const label = () => $(el, '[part="seat-meter-label"]')!.textContent;
    expect(label()).to.equal('66 of 76 seats');
    await clientAs(server, 'admin').invite({ email: 'new.person@globex.test', role: 'user' });
    await until(el, () => label() === '67 of 76 seats', 'seats');
  });
});
