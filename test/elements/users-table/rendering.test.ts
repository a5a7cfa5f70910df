import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { UsersTable } from '../../../src/elements/users-table/users-table.js';
import { clientAs } from '../../store/mock-helpers.js';
import { $, focused, mountTable, openMenu, rowOf, rows, until } from './helpers.js';

function grid(el: UsersTable): HTMLElement {
  return $(el, '[role="grid"]')!;
}

/** Scrolls the grid and runs its scroll handler at once (no waiting for a frame). */
async function scrollTo(el: UsersTable, top: number): Promise<void> {
  grid(el).scrollTop = top;
  grid(el).dispatchEvent(new Event('scroll'));
  await el.updateComplete;
}

/** The rows whose DOM changes while `change` runs (a row moved counts as changed). */
async function rowsChangedBy(el: UsersTable, change: () => Promise<void>): Promise<Set<Element>> {
  const body = grid(el).querySelector('[role="rowgroup"] + [role="rowgroup"]')!;
  const records: MutationRecord[] = [];
  const observer = new MutationObserver((list) => records.push(...list));
  observer.observe(body, { subtree: true, childList: true, attributes: true, characterData: true });
  await change();
  records.push(...observer.takeRecords());
  observer.disconnect();
  const changed = new Set<Element>();
  for (const record of records) {
    const nodes = record.target === body ? [...record.addedNodes] : [record.target];
    for (const node of nodes) {
      const row = (node instanceof Element ? node : node.parentElement)?.closest('[role="row"]');
      if (row) changed.add(row);
    }
  }
  return changed;
}

/** Counts updates that scheduled another one once done (Lit's "change-in-update" warning). */
function watchUpdates(el: UsersTable): { late: number } {
  const watch = { late: 0 };
  el.addController({
    hostUpdate: () => void el.updateComplete.then((clean) => void (clean || watch.late++)),
  });
  return watch;
}

describe('<users-table> rendering', () => {
  it('re-renders only the row scrolled in when the grid scrolls by a row', async () => {
    const { el } = await mountTable({ preset: 'workspace', users: 200 }, 'owner', {
      storeOptions: { pageSize: 200 },
    });
    await scrollTo(el, 5 * 56);
    // The tab stop on a row that stays in view (else it would move to the new first row).
    rows(el)[8]!.click();
    await el.updateComplete;
    const before = new Set(rows(el));
    const changed = await rowsChangedBy(el, () => scrollTo(el, 6 * 56));
    expect([...changed], 'only the row scrolled in').to.deep.equal([rows(el).at(-1)]);
    // …and it is the element of the row scrolled out, reused: no new one.
    expect(rows(el).every((row) => before.has(row))).to.be.true;
  });

  it('reuses its row elements when jumping far, with the right users in them', async () => {
    const { el, store } = await mountTable({ preset: 'workspace' }, 'owner');
    const template = store.$rows.get()[0]!;
    const users = Array.from({ length: 20_000 }, (_, i) => ({
      ...template,
      id: `bulk_${i}`,
      name: `Bulk ${String(i).padStart(5, '0')}`,
    }));
    store.$users.set(Object.fromEntries(users.map((u) => [u.id, u])));
    store.$order.set(users.map((u) => u.id));
    await scrollTo(el, 100 * 56);
    const before = new Set(rows(el));
    await scrollTo(el, 10_000 * 56);
    expect(
      rows(el).every((row) => before.has(row)),
      'no new row elements',
    ).to.be.true;
    for (const row of rows(el)) {
      const index = Number(row.dataset.index);
      expect(row.dataset.id).to.equal(`bulk_${index}`);
      expect(row.getAttribute('aria-rowindex')).to.equal(String(index + 2));
      expect(row.querySelector('[part="name"]')!.textContent).to.equal(users[index]!.name);
    }
    expect(rowOf(el, 'bulk_10000')).to.exist;
  });

  it('takes the focus from a row scrolled out of the window, whose element shows another user', async () => {
    const { el } = await mountTable({ preset: 'workspace', users: 200 }, 'owner');
    const row = rows(el)[2]!;
    const id = row.dataset.id!;
    row.click();
    expect(focused(el)).to.equal(row);
    await scrollTo(el, 100 * 56);
    expect(rowOf(el, id)).to.equal(null);
    expect(focused(el), 'no focus on a row of someone else').to.equal(null);
    await scrollTo(el, 0);
    expect(rowOf(el, id)!.tabIndex, 'still the tab stop').to.equal(0);
  });

  it('schedules no update from inside an update (scroll, live changes, focus, menu)', async () => {
    const { el, store, server } = await mountTable({ preset: 'workspace', users: 200 }, 'owner');
    await until(el, () => store.$live.get() === 'open', 'live');
    const watch = watchUpdates(el);
    const elsewhere = clientAs(server, 'owner2');
    await scrollTo(el, 10 * 56 + 7);
    const row = rows(el).find((r) => r.getBoundingClientRect().top > 200)!;
    const focusedId = row.dataset.id!;
    row.click();
    // Rows arrive above (the scroll position is kept) and the focused user goes.
    const fresh = await elsewhere.invite({ email: 'aaaa@acme.test', name: 'Aaaa', role: 'agent' });
    await until(el, () => store.$users.get()[fresh.id] !== undefined, 'invited user arrives');
    await elsewhere.revokeUser(focusedId);
    await until(el, () => rowOf(el, focusedId) === null, 'removal');
    expect((focused(el) as HTMLElement | null)?.dataset.id).not.to.equal(undefined);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'PageDown' });
    // The menu of a user removed elsewhere closes.
    const other = rows(el)
      .map((r) => store.$users.get()[r.dataset.id!]!)
      .find((u) => u.role === 'agent' && u.allowedActions.revoke)!.id;
    await openMenu(el, other);
    await elsewhere.revokeUser(other);
    await until(el, () => !$(el, '[role="menu"]')!.matches(':popover-open'), 'menu closed');
    await el.updateComplete;
    expect(watch.late).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('shows presence as it changes', async () => {
    const { el, store } = await mountTable(
      { preset: 'workspace', simulatePresence: { intervalMs: 20 } },
      'owner',
    );
    await until(el, () => store.$live.get() === 'open', 'live');
    const online = () =>
      rows(el).filter((row) => row.querySelector('[part="presence"][data-online="true"]'));
    const before = online().map((row) => row.dataset.id);
    expect(before.length, 'some users online at the start').to.be.greaterThan(0);
    await until(
      el,
      () =>
        online()
          .map((row) => row.dataset.id)
          .join() !== before.join(),
      'presence changed',
      8000,
    );
  });
});
