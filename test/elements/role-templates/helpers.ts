/**
 * Fixtures of the `<role-templates>` tests: an in-page mock server behind a fetch that can
 * fail the template writes, a loaded store acting as a persona, and the element using it.
 */
import { html, waitUntil } from '@open-wc/testing';
import { render } from 'lit';
import type { ErrorCode } from '../../../src/api/types.js';
import { deepActiveElement } from '../../../src/elements/parts/dialog.js';
import type { RoleTemplates } from '../../../src/elements/role-templates/role-templates.js';
import type { RoleTemplateDialog } from '../../../src/elements/role-templates/template-dialog.js';
import { loadAll } from '../../../src/store/index.js';
import type { RosterStore } from '../../../src/store/index.js';
import { mockStore } from '../../store/mock-helpers.js';
import type { MockOptions, MockServer } from '../../store/mock-helpers.js';
import '../../../src/define.js';
import { problem } from '../problem.js';

/** Controls the network between the store and the mock server. */
export class Net {
  /** `METHOD path` of every template write that reached the network. */
  readonly writes: string[] = [];
  /**
   * When set, the next template writes fail with this code (or as a network failure, or with
   * this answer, e.g. a code of the backend's own).
   */
  failure: ErrorCode | 'network' | (() => Response) | null = null;
  server!: MockServer;

  readonly fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (request.method !== 'GET' && url.pathname.includes('/role-templates')) {
      this.writes.push(`${request.method} ${url.pathname.replace(/.*\/api\/v1/, '')}`);
      if (this.failure === 'network') throw new TypeError('Failed to fetch');
      if (typeof this.failure === 'function') return this.failure();
      if (this.failure) return problem(this.failure);
    }
    return this.server.fetch(request);
  }) as typeof fetch;
}

// Each test's element goes when the test ends.
afterEach(() => document.querySelectorAll('[data-role-templates-test]').forEach((n) => n.remove()));

export interface Setup {
  server: MockServer;
  store: RosterStore;
  net: Net;
  el: RoleTemplates;
  root: HTMLElement;
}

/** A loaded store acting as `persona` on a fresh mock, and `<role-templates>` using it. */
export async function setup(mock: MockOptions, persona: string, load = true): Promise<Setup> {
  const net = new Net();
  const { server, store } = mockStore(mock, persona, {}, { fetch: net.fetch, retry: { limit: 0 } });
  net.server = server;
  if (load) await loadAll(store).catch(() => undefined);
  const root = document.createElement('div');
  root.dataset['roleTemplatesTest'] = '';
  render(html`<role-templates .store=${store}></role-templates>`, root);
  document.body.append(root);
  const el = root.querySelector('role-templates')!;
  await el.updateComplete;
  return { server, store, net, el, root };
}

/** Elements by part name: in an element's shadow root, or inside a shadow element. */
export function parts<E extends Element = HTMLElement>(el: Element, name: string): E[] {
  return [...(el.shadowRoot ?? el).querySelectorAll<E>(`[part~="${name}"]`)];
}

export function part<E extends Element = HTMLElement>(el: Element, name: string): E | null {
  return parts<E>(el, name)[0] ?? null;
}

/** Visible text of a part, whitespace collapsed. */
export function text(el: Element, name: string): string {
  return (part(el, name)?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The template item whose name is `name`. */
export function item(el: RoleTemplates, name: string): HTMLElement {
  const found = parts(el, 'template').find((li) => text(li, 'name') === name);
  if (!found) throw new Error(`no template item ${name}`);
  return found;
}

/** A part inside one template item. */
export function inItem<E extends Element = HTMLElement>(
  el: RoleTemplates,
  name: string,
  partName: string,
): E {
  const found = item(el, name).querySelector<E>(`[part~="${partName}"]`);
  if (!found) throw new Error(`no ${partName} in ${name}`);
  return found;
}

/** Names of the listed templates, in order. */
export function names(el: RoleTemplates): string[] {
  return parts(el, 'name').map((node) => node.textContent?.trim() ?? '');
}

export function dialogOf(el: RoleTemplates): RoleTemplateDialog {
  return el.shadowRoot!.querySelector('role-template-dialog')!;
}

/** Waits until the dialog is open. */
export async function opened(el: RoleTemplates): Promise<RoleTemplateDialog> {
  const dialog = dialogOf(el);
  await waitUntil(() => dialog.shadowRoot?.querySelector('dialog')?.open, 'dialog opens');
  await dialog.updateComplete;
  return dialog;
}

/** Types into the dialog's name (and description) fields. */
export function fill(dialog: RoleTemplateDialog, name?: string, description?: string): void {
  const set = (selector: string, value: string | undefined) => {
    const field = dialog.shadowRoot!.querySelector<HTMLInputElement>(selector)!;
    if (value === undefined) return;
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  };
  set('[name=name]', name);
  set('[name=description]', description);
}

/** Presses the dialog's confirm button and waits for it to settle. */
export async function confirm(dialog: RoleTemplateDialog): Promise<void> {
  part<HTMLButtonElement>(dialog, 'confirm-button')!.click();
  // Settled: closed, or saying something (a field's error, the failure), and not busy.
  await waitUntil(
    () =>
      (!isOpen(dialog) || part(dialog, 'alert') || part(dialog, 'field-error')) &&
      dialog.shadowRoot!.querySelector('dialog')?.getAttribute('aria-busy') !== 'true',
    'dialog settles',
  );
  await new Promise((resolve) => setTimeout(resolve, 0));
  await dialog.updateComplete;
}

export function isOpen(dialog: RoleTemplateDialog): boolean {
  return dialog.shadowRoot?.querySelector('dialog')?.open ?? false;
}

export const focused = deepActiveElement;

/** The templates as the server has them now. */
export async function serverTemplates(s: Setup) {
  const res = await s.server.fetch('https://roster.test/api/v1/role-templates', {
    headers: { Authorization: `Bearer ${s.server.tokens[0]}` },
  });
  return (
    (await res.json()) as {
      items: {
        id: string;
        name: string;
        description: string;
        userCount: number;
        permissions: Record<string, string[]>;
      }[];
    }
  ).items;
}
