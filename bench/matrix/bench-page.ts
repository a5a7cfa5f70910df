/**
 * The in-page half of `bench/permission-matrix.bench.ts` (and of its screenshots): a store on
 * the in-page mock, loaded before anything is timed, then `<permission-matrix>` or a plain DOM
 * table of checkboxes (the baseline) mounted in `#stage`, measured through `window.__matrixBench`.
 * `?shot=roles|grants&preset=…&persona=…&dir=rtl` mounts one matrix to look at instead.
 */
import { createClient } from '../../src/api/client.js';
import type { PermissionCatalog } from '../../src/api/types.js';
import '../../src/define.js';
import type { PermissionMatrix } from '../../src/elements/permission-matrix/permission-matrix.js';
import { createMockServer } from '../../src/mock/index.js';
import { createRosterStore, loadAll } from '../../src/store/index.js';
import type { RosterStore } from '../../src/store/index.js';

export type Kind = 'matrix' | 'baseline';

// A module script runs once the document is parsed: #stage exists.
const stage = document.querySelector<HTMLElement>('#stage')!;
const params = new URLSearchParams(location.search);

async function storeAs(
  preset: 'workspace' | 'tenant' | 'all',
  persona: string,
): Promise<RosterStore> {
  const server = createMockServer({ preset, latency: 0, simulatePresence: false, seed: 1 });
  const store = createRosterStore(
    createClient({
      baseUrl: 'http://roster.mock/api/v1',
      fetch: server.fetch as typeof fetch,
      getHeaders: () => ({ Authorization: `Bearer ${persona}` }),
      retry: false,
      timeout: false,
    }),
    { pageSize: 200 },
  );
  await loadAll(store);
  return store;
}

/** Forces style and layout, so the figure includes them (paint follows in the same frame). */
const layout = (node: Element) => node.getBoundingClientRect().height;

let store: RosterStore;
let catalog: PermissionCatalog;

/** The plain table: every category × action as a labelled checkbox, built with the DOM API. */
function baseline(): HTMLElement {
  const wrap = document.createElement('div');
  wrap.className = 'baseline';
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  head.appendChild(document.createElement('th')).textContent = 'Category';
  for (const action of catalog.actions)
    head.appendChild(document.createElement('th')).textContent = action.name;
  const body = table.createTBody();
  for (const category of catalog.categories) {
    const row = body.insertRow();
    row.appendChild(document.createElement('th')).textContent = category.name;
    for (const action of catalog.actions) {
      const input = row.insertCell().appendChild(document.createElement('input'));
      input.type = 'checkbox';
      input.setAttribute('aria-label', `${action.name}: ${category.name}`);
      input.checked = Math.random() < 0.5;
    }
  }
  wrap.append(table);
  return wrap;
}

const bench = {
  async setup(): Promise<{ categories: number; actions: number }> {
    store = await storeAs('tenant', 'admin');
    catalog = store.$catalog.get()!;
    return { categories: catalog.categories.length, actions: catalog.actions.length };
  },

  /** Mounts one kind from nothing to laid out; ms. */
  async mount(kind: Kind): Promise<number> {
    stage.replaceChildren();
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const started = performance.now();
    if (kind === 'baseline') {
      const table = baseline();
      stage.append(table);
      layout(table);
    } else {
      const el = document.createElement('permission-matrix') as PermissionMatrix;
      el.mode = 'grants';
      el.store = store;
      el.user = store.$rows.get().find((user) => user.allowedActions.editPermissions);
      stage.append(el);
      await el.updateComplete;
      layout(el.shadowRoot!.querySelector('table')!);
    }
    return performance.now() - started;
  },

  /** Toggles the grant at `index` of the mounted kind, to laid out; ms. */
  async toggle(kind: Kind, index: number): Promise<number> {
    const root =
      kind === 'baseline' ? stage : stage.querySelector('permission-matrix')!.shadowRoot!;
    const boxes = [
      ...root.querySelectorAll<HTMLInputElement>('td input:not([aria-disabled="true"])'),
    ];
    const input = boxes[index % boxes.length]!;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const started = performance.now();
    input.click();
    const matrix = stage.querySelector<PermissionMatrix>('permission-matrix');
    if (matrix) await matrix.updateComplete;
    layout(root.querySelector('table')!);
    return performance.now() - started;
  },
};

declare global {
  interface Window {
    __matrixBench: typeof bench;
    __shot?: boolean;
  }
}

const shot = params.get('shot');
if (shot) {
  document.documentElement.dir = params.get('dir') ?? 'ltr';
  const preset = (params.get('preset') ?? 'tenant') as 'workspace' | 'tenant' | 'all';
  const persona = params.get('persona') ?? 'admin';
  void storeAs(preset, persona).then(async (s) => {
    const el = document.createElement('permission-matrix') as PermissionMatrix;
    el.store = s;
    el.mode = shot === 'grants' ? 'grants' : 'roles';
    const who = params.get('user');
    el.user = s.$rows
      .get()
      .find((u) => (who ? u.email.startsWith(who) : u.allowedActions.editPermissions));
    if (params.get('template')) el.templateId = params.get('template')!;
    stage.append(el);
    await el.updateComplete;
    window.__shot = true;
  });
} else {
  window.__matrixBench = bench;
}
