/**
 * Helpers for the `<invite-dialog>` tests: a dialog opened from a button against the in-page
 * mock, fetch wrappers that count, fail or hold invitations, and shadow-root queries.
 */
import { fixtureSync, html, waitUntil } from '@open-wc/testing';
import type { ClientOptions } from '../../../src/api/client.js';
import type {
  InviteDialog,
  InviteOutcome,
} from '../../../src/elements/invite-dialog/invite-dialog.js';
import { deepActiveElement } from '../../../src/elements/parts/dialog.js';
import { loadAll } from '../../../src/store/index.js';
import type { RosterStore } from '../../../src/store/index.js';
import { mockStore } from '../../store/mock-helpers.js';
import type { MockOptions, MockServer } from '../../store/mock-helpers.js';
import '../../../src/define.js';

/** Decides the answer to one request: a Response, or undefined to let the mock answer. */
export type Intercept = (
  request: Request,
  forward: () => Promise<Response>,
) => Promise<Response | undefined> | Response | undefined;

/** Requests seen by a {@link wrapFetch}, as `METHOD path?query`. */
export interface Traffic {
  requests: string[];
  /** How many `POST /invitations` were made. */
  readonly invitations: number;
}

/** A fetch over the mock that records requests and lets `intercept` answer or fail them. */
export function wrapFetch(
  server: () => MockServer,
  intercept?: Intercept,
): { fetch: typeof fetch; traffic: Traffic } {
  const traffic: Traffic = {
    requests: [],
    get invitations() {
      return this.requests.filter((r) => r.startsWith('POST /api/v1/invitations')).length;
    },
  };
  const wrapped = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    traffic.requests.push(`${request.method} ${url.pathname}${url.search}`);
    const forward = () => server().fetch(request.clone());
    return (await intercept?.(request, forward)) ?? forward();
  }) as typeof fetch;
  return { fetch: wrapped, traffic };
}

export { problem } from '../problem.js';

export const isInvitation = (request: Request) =>
  request.method === 'POST' && new URL(request.url).pathname.endsWith('/invitations');

export interface Opened {
  el: InviteDialog;
  opener: HTMLButtonElement;
  store: RosterStore;
  server: MockServer;
  traffic: Traffic;
  outcome: Promise<InviteOutcome>;
}

/**
 * Mounts `<invite-dialog>` with a store acting as `persona` on a fresh mock, focuses an
 * opener button and opens the dialog from it (like a host page would).
 */
export async function openInvite(
  options: {
    mock?: MockOptions;
    persona?: string;
    intercept?: Intercept;
    client?: Partial<ClientOptions>;
    role?: string;
  } = {},
): Promise<Opened> {
  const holder: { server?: MockServer } = {};
  const { fetch, traffic } = wrapFetch(() => holder.server!, options.intercept);
  const made = mockStore(
    options.mock ?? {},
    options.persona ?? 'owner',
    {},
    {
      fetch,
      retry: false,
      ...options.client,
    },
  );
  holder.server = made.server;
  const { server, store } = made;
  await loadAll(store).catch(() => undefined);
  // fixtureSync: `fixture` of a plain element waits for an animation frame, which never comes
  // in a background page when test files run in parallel.
  const wrapper = fixtureSync<HTMLDivElement>(html`
    <div>
      <button id="opener" type="button">Invite</button>
      <invite-dialog .store=${store} .role=${options.role ?? null}></invite-dialog>
    </div>
  `);
  const el = wrapper.querySelector('invite-dialog')!;
  await el.updateComplete;
  const opener = wrapper.querySelector<HTMLButtonElement>('#opener')!;
  opener.focus();
  const outcome = el.show();
  await waitUntil(() => el.shadowRoot?.querySelector('dialog')?.open, 'dialog opens');
  await el.updateComplete;
  return { el, opener, store, server, traffic, outcome };
}

/** One element of the dialog's shadow root. */
export function $<E extends Element = HTMLElement>(el: InviteDialog, selector: string): E {
  const found = el.shadowRoot!.querySelector<E>(selector);
  if (!found) throw new Error(`No ${selector} in <invite-dialog>`);
  return found;
}

/** Every element matching `selector` in the dialog's shadow root. */
export function $$<E extends Element = HTMLElement>(el: InviteDialog, selector: string): E[] {
  return [...el.shadowRoot!.querySelectorAll<E>(selector)];
}

export const input = (el: InviteDialog) => $<HTMLInputElement>(el, '[part="email-input"]');
export const sendButton = (el: InviteDialog) => $<HTMLButtonElement>(el, '[part="send-button"]');
/** The texts of the chips' addresses. */
export const chipEmails = (el: InviteDialog) =>
  $$(el, '[part~="chip"] .chip-email').map((chip) => chip.textContent!.trim());
/** The message of the chip for `email` (empty when it has none). */
export const chipMessage = (el: InviteDialog, email: string) => {
  const chip = $$(el, '[part~="chip"]').find(
    (c) => c.querySelector('.chip-email')!.textContent!.trim() === email,
  );
  if (!chip) throw new Error(`No chip for ${email}`);
  return chip.querySelector('[part="chip-error"]')?.textContent?.trim() ?? '';
};
/** The text of the dialog's failure summary (empty when none). */
export const alertText = (el: InviteDialog) =>
  el.shadowRoot!.querySelector('p[part="alert"]')?.textContent?.trim() ?? '';

/** Pastes `text` into the email input, as a person pasting from the clipboard. */
export function paste(el: InviteDialog, text: string): void {
  const data = new DataTransfer();
  data.setData('text/plain', text);
  input(el).focus();
  input(el).dispatchEvent(
    new ClipboardEvent('paste', {
      clipboardData: data,
      bubbles: true,
      cancelable: true,
      composed: true,
    }),
  );
}

/** Adds addresses by pasting them, then waits for the render. */
export async function addEmails(el: InviteDialog, ...emails: string[]): Promise<void> {
  paste(el, `${emails.join(', ')},`);
  await el.updateComplete;
}

/** The element that has the focus, looking inside shadow roots. */
export const focused = () => deepActiveElement();

/** Resolves after the dialog's debounced address lookups had time to run. */
export async function lookupsSettled(el: InviteDialog): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 400));
  await el.updateComplete;
}

/** A gate that holds requests until opened. */
export function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}
