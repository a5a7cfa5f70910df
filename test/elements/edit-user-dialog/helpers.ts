/**
 * Fixtures of the `<edit-user-dialog>` tests: an in-page mock server behind a controllable
 * fetch (records, holds or fails PATCH and resend requests), a loaded store, and the dialog
 * beside an opener button.
 */
import { fixture, html } from '@open-wc/testing';
import type { ErrorCode, User } from '../../../src/api/types.js';
import type {
  EditOutcome,
  EditUserDialog,
} from '../../../src/elements/edit-user-dialog/edit-user-dialog.js';
import { deepActiveElement } from '../../../src/elements/parts/dialog.js';
import { loadAll } from '../../../src/store/index.js';
import type { RosterStore } from '../../../src/store/index.js';
import { clientAs, mockStore } from '../../store/mock-helpers.js';
import type { MockOptions, MockServer } from '../../store/mock-helpers.js';
import '../../../src/define.js';
import { problem as problemAnswer } from '../problem.js';

/**
 * How a write should fail: a problem answer, no answer at all, an answer that never comes, or
 * a given answer (e.g. a code of a backend's own).
 */
export type Failure =
  | ErrorCode
  | 'network'
  | 'hang'
  | { code: ErrorCode; errors?: { field: string; code: string; message: string }[] }
  | (() => Response);

/** A write that reached the network. */
export interface Sent {
  method: string;
  url: string;
  ifMatch: string | null;
  body: unknown;
}

/** Controls the network between the store and the mock server. */
export class Net {
  /** Every PATCH /users/… and POST …/resend-invitation that reached the network. */
  readonly writes: Sent[] = [];
  /** Failures for the next writes, used in order. */
  readonly failures: Failure[] = [];
  private gate: Promise<void> | null = null;
  private release?: () => void;

  constructor(private readonly server: MockServer) {}

  get patches(): Sent[] {
    return this.writes.filter((write) => write.method === 'PATCH');
  }

  /** Holds every write until the returned function is called. */
  hold(): () => void {
    this.gate = new Promise((resolve) => (this.release = resolve));
    return () => {
      this.gate = null;
      this.release?.();
    };
  }

  readonly fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (request.method === 'PATCH' || request.method === 'POST') {
      const text = await request.clone().text();
      this.writes.push({
        method: request.method,
        url: request.url,
        ifMatch: request.headers.get('If-Match'),
        body: text ? JSON.parse(text) : null,
      });
      if (this.gate) await this.gate;
      const failure = this.failures.shift();
      if (failure === 'network') throw new TypeError('Failed to fetch');
      if (failure === 'hang')
        return new Promise<Response>((_, reject) =>
          request.signal.addEventListener('abort', () => reject(request.signal.reason)),
        );
      if (typeof failure === 'function') return failure();
      if (failure) return problem(failure);
    }
    return this.server.fetch(request);
  }) as typeof fetch;
}

/** A problem+json answer with `code` (and `Retry-After: 7` for `rate_limited`). */
export function problem(
  failure: Exclude<Failure, 'network' | 'hang' | (() => Response)>,
): Response {
  const { code, errors } = typeof failure === 'string' ? { code: failure } : failure;
  return problemAnswer(code, undefined, errors);
}

export interface Setup {
  server: MockServer;
  store: RosterStore;
  net: Net;
  el: EditUserDialog;
  opener: HTMLButtonElement;
  persona: string;
  /** A user as the persona sees it, by name. */
  byName(name: string): User;
  /** The first user (in name order) matching `test`, as the persona sees it. */
  find(test: (user: User) => boolean): User;
}

/**
 * A loaded store acting as `persona` on a fresh mock (every seeded user in the view unless
 * `pageSize` says otherwise), and a closed dialog using it.
 */
export async function setup(
  mock: MockOptions,
  persona: string,
  options: { pageSize?: number; timeout?: number } = {},
): Promise<Setup> {
  const ref: { net?: Net } = {};
  const { server, store } = mockStore(
    mock,
    persona,
    { pageSize: options.pageSize ?? 200 },
    {
      fetch: (input: RequestInfo | URL, init?: RequestInit) => ref.net!.fetch(input, init),
      ...(options.timeout ? { timeout: options.timeout } : {}),
    },
  );
  const net = (ref.net = new Net(server));
  await loadAll(store).catch(() => {});
  // The fixture is the element itself: a plain wrapper would make `fixture` wait for an
  // animation frame, which never comes in a background tab (two test pages run at once).
  const el = await fixture<EditUserDialog>(
    html`<edit-user-dialog .store=${store}></edit-user-dialog>`,
  );
  const opener = document.createElement('button');
  opener.type = 'button';
  opener.textContent = 'Open';
  el.before(opener);
  const find = (test: (user: User) => boolean): User => {
    const user = server.usersAs(persona).find(test);
    if (!user) throw new Error('no such user');
    return user;
  };
  const byName = (name: string) => find((user) => user.name === name);
  return { server, store, net, el, opener, persona, byName, find };
}

/** Opens the dialog on `user` from the opener (focused first, so focus can return to it). */
export async function open(s: Setup, user: User): Promise<{ outcome: Promise<EditOutcome> }> {
  s.el.user = user;
  s.opener.focus();
  const outcome = s.el.show();
  await until(() => s.el.shadowRoot!.querySelector('dialog')?.open, 'dialog opens');
  await s.el.updateComplete;
  return { outcome };
}

/** Yields one task without a timer. */
function tick(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });
}

/**
 * Waits until `condition` holds, checking every task: `waitUntil` polls on a timer, which a
 * background tab (the runner has two test pages open at once) throttles to once a second.
 */
export async function until(condition: () => unknown, what: string, timeout = 4000) {
  const end = performance.now() + timeout;
  while (!condition()) {
    if (performance.now() > end) throw new Error(`Timeout: ${what}`);
    await tick();
  }
}

/** A second actor changing users behind the dialog's back. */
export function otherClient(s: Setup, persona: string) {
  return clientAs(s.server, persona);
}

/** An element of the dialog's shadow root by part name. */
export function part<E extends Element = HTMLElement>(el: EditUserDialog, name: string): E | null {
  return el.shadowRoot!.querySelector<E>(`[part~="${name}"]`);
}

/** Visible text of a part, whitespace collapsed. */
export function text(el: EditUserDialog, name: string): string {
  return (part(el, name)?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** One element of the dialog by CSS selector. */
export function $<E extends Element = HTMLElement>(el: EditUserDialog, selector: string): E | null {
  return el.shadowRoot!.querySelector<E>(selector);
}

/** A radio or checkbox by its `name` and (for radios) value. */
export function input(el: EditUserDialog, name: string, value?: string): HTMLInputElement | null {
  const all = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`)];
  return all.find((item) => value === undefined || item.value === value) ?? null;
}

/** Values of the radios named `name` (e.g. the roles offered). */
export function options(el: EditUserDialog, name: string): string[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`)].map(
    (item) => item.value,
  );
}

/** Texts of the review's change lines. */
export function changes(el: EditUserDialog): string[] {
  return [...el.shadowRoot!.querySelectorAll('[part~="changes"] li')].map((li) =>
    (li.textContent ?? '').replace(/\s+/g, ' ').trim(),
  );
}

/** The conflict table as rows of [field, yours, current]. */
export function conflictRows(el: EditUserDialog): string[][] {
  return [...el.shadowRoot!.querySelectorAll('[part~="conflict"] tbody tr')].map((tr) =>
    [...tr.children].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim()),
  );
}

/** Clicks a part (a button) and waits for the render. */
export async function click(el: EditUserDialog, name: string): Promise<void> {
  const button = part<HTMLButtonElement>(el, name);
  if (!button) throw new Error(`no part ${name}`);
  if (button.disabled) throw new Error(`part ${name} is disabled`);
  button.click();
  await el.updateComplete;
}

/** Picks a radio (by name and value) as a person would, and waits for the render. */
export async function choose(el: EditUserDialog, name: string, value: string): Promise<void> {
  const radio = input(el, name, value);
  if (!radio) throw new Error(`no ${name}=${value}`);
  radio.click();
  await el.updateComplete;
}

/** Types into a text field as a paste would (sets the value, fires `input`). */
export async function fill(el: EditUserDialog, name: 'name' | 'email', value: string) {
  const field = part<HTMLInputElement>(el, `${name}-input`)!;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

/** Waits until the dialog is no longer busy. */
export async function idle(el: EditUserDialog): Promise<void> {
  await until(() => $(el, 'dialog')?.getAttribute('aria-busy') === 'false', 'dialog idle');
  await el.updateComplete;
}

export function focused(): HTMLElement | null {
  return deepActiveElement();
}

/** An active agent the persona may edit. */
export const activeAgent = (user: User): boolean =>
  user.role === 'agent' && user.status === 'active' && user.allowedActions.edit;
