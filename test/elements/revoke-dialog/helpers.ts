/**
 * Fixtures of the `<revoke-dialog>` tests: an in-page mock server behind a controllable
 * fetch (count, hold or fail the DELETE requests), a loaded store, and the dialog beside an
 * opener button.
 */
import { html, waitUntil } from '@open-wc/testing';
import { render } from 'lit';
import type { ErrorCode, User } from '../../../src/api/types.js';
import { deepActiveElement } from '../../../src/elements/parts/dialog.js';
import type {
  RevokeDialog,
  RevokeOutcome,
} from '../../../src/elements/revoke-dialog/revoke-dialog.js';
import { loadAll } from '../../../src/store/index.js';
import type { RosterStore } from '../../../src/store/index.js';
import { mockStore } from '../../store/mock-helpers.js';
import type { MockOptions, MockServer } from '../../store/mock-helpers.js';
import '../../../src/define.js';
import { problem as problemAnswer } from '../problem.js';

/** How a DELETE of one user (or `*`, any) should fail; a function gives the answer itself. */
export type Failure = ErrorCode | 'network' | { code: ErrorCode; field: string } | (() => Response);

/** Controls the network between the store and the mock server. */
export class Net {
  /** URLs of every DELETE request that reached the network. */
  readonly deletes: string[] = [];
  /** URLs of every GET /users (search) request. */
  readonly searches: string[] = [];
  /** Failures by user id (or `*`), used until removed. */
  readonly failures = new Map<string, Failure>();
  /** When set, GET /users ignores the status filter (a server that does not filter). */
  ignoreStatusFilter = false;
  /** When set, GET /users answers these users (whatever the query). */
  fakeSearch: User[] | null = null;
  private gate: Promise<void> | null = null;
  private open?: () => void;

  /** The server behind; set once it exists. */
  server!: MockServer;

  /** Holds every DELETE until the returned function is called. */
  hold(): () => void {
    this.gate = new Promise((resolve) => (this.open = resolve));
    return () => {
      this.gate = null;
      this.open?.();
    };
  }

  readonly fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    let request = new Request(input, init);
    const url = new URL(request.url);
    if (request.method === 'GET' && url.pathname.endsWith('/users')) {
      this.searches.push(request.url);
      if (this.fakeSearch) {
        const page = { items: this.fakeSearch, nextCursor: null, total: this.fakeSearch.length };
        return new Response(JSON.stringify(page), {
          headers: { 'Content-Type': 'application/json' },
        });
      }
      if (this.ignoreStatusFilter && url.searchParams.has('status')) {
        url.searchParams.delete('status');
        request = new Request(url.toString(), { headers: request.headers });
      }
    }
    if (request.method === 'DELETE') {
      this.deletes.push(request.url);
      if (this.gate) await this.gate;
      const id = decodeURIComponent(url.pathname.split('/').pop() ?? '');
      const failure = this.failures.get(id) ?? this.failures.get('*');
      if (failure === 'network') throw new TypeError('Failed to fetch');
      if (typeof failure === 'function') return failure();
      if (failure) return problem(failure);
    }
    return this.server.fetch(request);
  }) as typeof fetch;
}

function problem(failure: Exclude<Failure, 'network' | (() => Response)>): Response {
  if (typeof failure === 'string') return problemAnswer(failure);
  const errors = [{ field: failure.field, code: 'invalid', message: 'Invalid.' }];
  return problemAnswer(failure.code, undefined, errors);
}

const mounted: HTMLElement[] = [];
afterEach(() => {
  for (const node of mounted.splice(0)) node.remove();
});

export interface Setup {
  server: MockServer;
  store: RosterStore;
  net: Net;
  el: RevokeDialog;
  opener: HTMLButtonElement;
  /** A user as the persona sees it, by name. */
  byName(name: string): User;
}

/** A loaded store acting as `persona` on a fresh mock, and a closed dialog using it. */
export async function setup(
  mock: MockOptions,
  persona: string,
  clientOptions: { timeout?: number } = {},
): Promise<Setup> {
  const net = new Net();
  const { server, store } = mockStore(mock, persona, {}, { fetch: net.fetch, ...clientOptions });
  net.server = server;
  await loadAll(store);
  // Built by hand rather than with fixture(): that waits for an animation frame, which
  // never comes while the test page is a background tab (tests run two pages at once).
  const root = document.createElement('div');
  render(
    html`<button id="opener" type="button">Open</button>
      <revoke-dialog .store=${store}></revoke-dialog>`,
    root,
  );
  document.body.append(root);
  mounted.push(root);
  const el = root.querySelector('revoke-dialog')!;
  const opener = root.querySelector<HTMLButtonElement>('#opener')!;
  const byName = (name: string): User => {
    const user = server.usersAs(persona).find((u) => u.name === name);
    if (!user) throw new Error(`no user ${name}`);
    return user;
  };
  await el.updateComplete;
  return { server, store, net, el, opener, byName };
}

/** Opens the dialog from the opener (focused first, so focus can return to it). */
export async function open(s: Setup, users: User[]): Promise<{ outcome: Promise<RevokeOutcome> }> {
  s.el.users = users;
  s.opener.focus();
  const outcome = s.el.show();
  await waitUntil(() => s.el.shadowRoot!.querySelector('dialog')?.open, 'dialog opens');
  await s.el.updateComplete;
  return { outcome };
}

/** An element of the dialog's shadow root by part name. */
export function part<E extends Element = HTMLElement>(el: RevokeDialog, name: string): E | null {
  return el.shadowRoot!.querySelector<E>(`[part~="${name}"]`);
}

export function parts<E extends Element = HTMLElement>(el: RevokeDialog, name: string): E[] {
  return [...el.shadowRoot!.querySelectorAll<E>(`[part~="${name}"]`)];
}

/** Visible text of a part, whitespace collapsed. */
export function text(el: RevokeDialog, name: string): string {
  return (part(el, name)?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function confirmButton(el: RevokeDialog): HTMLButtonElement | null {
  return part<HTMLButtonElement>(el, 'confirm-button');
}

export function focused(): HTMLElement | null {
  return deepActiveElement();
}

export function radio(el: RevokeDialog, value: 'unassigned' | 'reassign'): HTMLInputElement {
  return el.shadowRoot!.querySelector<HTMLInputElement>(`input[type=radio][value=${value}]`)!;
}

/** Waits for the picker to show options (or "No matching users"). */
export async function settledPicker(el: RevokeDialog): Promise<void> {
  await waitUntil(
    () => {
      const status = el.shadowRoot!.querySelector('[role=status]')?.textContent ?? '';
      return parts(el, 'option').length > 0 || status.includes('No matching users');
    },
    'picker answers',
    { timeout: 3000 },
  );
}
