// The demo page: runs the mock server inside the page and hands its fetch to Roster, so the
// elements talk to a real implementation of the contract with no backend at all. With
// `?server=http://127.0.0.1:4010/api/v1` it talks to that server instead (e.g. `npm run mock`),
// with the browser's fetch and the persona as the bearer token, so several pages share one.
import '../src/define.js';
import { configure, sharedStore } from '../src/context/index.js';
import { loadAll, startLive, stopLive } from '../src/store/index.js';
import type { RosterStore } from '../src/store/index.js';
import { MAX_GENERATED_USERS, createMockServer } from '../src/mock/index.js';
import type { MockServer, PresetName } from '../src/mock/index.js';
import type { Page, Problem, User } from '../src/api/types.js';
import { getPreset } from '../src/mock/presets.js';
import { details, mountMockTools } from './mock-tools.js';

const PRESETS: PresetName[] = ['all', 'workspace', 'tenant'];
/** A preset's persona tokens, as the mock seeds them (none for an unknown preset). */
const tokensOf = (name: PresetName) =>
  PRESETS.includes(name) ? getPreset(name).personas.map((p) => p.token) : [];

const form = document.querySelector<HTMLFormElement>('#controls')!;
const presetSelect = form.elements.namedItem('preset') as HTMLSelectElement;
const personaSelect = form.elements.namedItem('persona') as HTMLSelectElement;
const field = <T extends HTMLInputElement | HTMLSelectElement>(name: string) =>
  form.elements.namedItem(name) as T;
const stateList = document.querySelector<HTMLDListElement>('#store-state')!;
const outcome = document.querySelector<HTMLOutputElement>('#outcome')!;
const eventLog = document.querySelector<HTMLOListElement>('#event-log')!;
const veto = document.querySelector<HTMLInputElement>('#veto')!;

const params = new URLSearchParams(location.search);
const preset = (params.get('preset') as PresetName | null) ?? 'all';
const persona = params.get('as') ?? tokensOf(preset)[0] ?? 'owner';
/** The server to talk to, when not the in-page mock (an http(s) URL of the contract's base). */
const serverUrl = remoteServer(params.get('server'));

/** Settings that need a fresh mock (or a reload): each kept in the query string. */
const latency = wholeNumber(params.get('latency'));
const failPercent = Math.min(100, wholeNumber(params.get('fail')));
/** What the table shows (`?state=`): live data (`''`), or a held, empty, failing or large list. */
const tableState = params.get('state') ?? '';
const users =
  tableState === 'large'
    ? MAX_GENERATED_USERS
    : Math.min(MAX_GENERATED_USERS, wholeNumber(params.get('users')));

fillSelect(presetSelect, PRESETS, preset);
fillSelect(personaSelect, tokensOf(preset), persona);
field<HTMLInputElement>('latency').value = String(latency);
field<HTMLInputElement>('fail').value = String(failPercent);
field<HTMLSelectElement>('users').value = String(users);
field<HTMLInputElement>('server').value = serverUrl ?? '';
field<HTMLSelectElement>('state').value = tableState;

// Look and layout apply at once, without reloading the mock.
const LIVE = ['theme', 'brand', 'locale', 'density', 'dir', 'width'];
const brandSelect = field<HTMLSelectElement>('brand');
const brandPicker = field<HTMLInputElement>('brandPicker');
/** A colour from the picker, not one of the swatches (kept as the brand option it adds). */
const addCustomBrand = (colour: string) => {
  brandPicker.value = colour;
  if (![...brandSelect.options].some((option) => option.value === colour))
    brandSelect.add(new Option(`Custom ${colour}`, colour));
  brandSelect.value = colour;
};
for (const name of LIVE) {
  const value = params.get(name);
  if (!value) continue;
  if (name === 'brand') addCustomBrand(value);
  else field<HTMLSelectElement>(name).value = value;
}
// Arabic reads right to left unless the direction was chosen.
if (!params.has('dir') && params.get('locale') === 'ar')
  field<HTMLSelectElement>('dir').value = 'rtl';

/** Every setting as the query string holds it (empty and zero values left out). */
const query = () => {
  const next = new URLSearchParams();
  for (const name of ['preset', 'state', 'latency', 'fail', 'users', 'server', ...LIVE]) {
    const value = field<HTMLInputElement>(name).value.trim();
    if (value && value !== '0') next.set(name, value);
  }
  if (presetSelect.value === preset) next.set('as', personaSelect.value);
  return next;
};
form.addEventListener('change', (event) => {
  const target = event.target as HTMLInputElement;
  if (!target.hasAttribute('data-live')) {
    location.search = query().toString();
    return;
  }
  if (target === brandPicker) addCustomBrand(brandPicker.value);
  if (target.name === 'locale' && !params.has('dir'))
    field<HTMLSelectElement>('dir').value = target.value === 'ar' ? 'rtl' : 'ltr';
  applyLook();
  history.replaceState(null, '', `?${query().toString()}`);
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  location.search = query().toString();
});

const ROSTER_TAGS =
  'users-table, invite-dialog, revoke-dialog, edit-user-dialog, permission-matrix, role-templates, roster-provider';
/** Theme, brand colour, language, density, direction and width, on every Roster element. */
function applyLook() {
  const value = (name: string) => field<HTMLInputElement>(name).value;
  const root = document.documentElement;
  root.dir = value('dir');
  root.dataset.theme = value('theme');
  const main = document.querySelector('main')!;
  if (value('brand')) main.style.setProperty('--roster-color-brand', value('brand'));
  else main.style.removeProperty('--roster-color-brand');
  document
    .querySelectorAll('.frame')
    .forEach((frame) => frame.classList.toggle('narrow', value('width') === 'narrow'));
  for (const element of document.querySelectorAll(ROSTER_TAGS)) {
    toggleAttribute(element, 'theme', value('theme'));
    toggleAttribute(element, 'density', value('density') === 'compact' ? 'compact' : '');
  }
  void configure({ locale: value('locale') });
}
applyLook();

// The dialogs on their own: host code calls show() and awaits the outcome.
const show = async (dialog: { show(): Promise<unknown> }) => {
  outcome.textContent = JSON.stringify(await dialog.show(), summarise, 2);
};
const summarise = (key: string, value: unknown) =>
  key === 'allowedActions' || key === 'permissions' ? '…' : value;
document.querySelector('#open-invite')!.addEventListener('click', () => {
  void show(document.querySelector('invite-dialog')!);
});
document.querySelector('#open-edit')!.addEventListener('click', () => {
  const dialog = document.querySelector('edit-user-dialog')!;
  const user = store?.$rows.get()[0];
  if (!user) return;
  dialog.user = user;
  void show(dialog);
});
document.querySelector('#open-revoke')!.addEventListener('click', () => {
  const dialog = document.querySelector('revoke-dialog')!;
  const user = store?.$rows.get().at(-1);
  if (!user) return;
  dialog.users = [user];
  void show(dialog);
});

// Every roster-… event that reaches the page, newest first; optionally veto the before-events.
const actions = [
  'invite',
  'update',
  'suspend',
  'reactivate',
  'resend-invitation',
  'revoke',
  'export',
  'update-permissions',
  'create-template',
  'update-template',
  'duplicate-template',
  'delete-template',
];
const eventNames = [
  ...actions.flatMap((action) => [`roster-before-${action}`, `roster-${action}`]),
  'roster-error',
  'roster-open-user',
  'roster-selection-change',
];
for (const name of eventNames) {
  document.addEventListener(name, (event) => {
    if (name.startsWith('roster-before-') && veto.checked) event.preventDefault();
    const item = document.createElement('li');
    const { type, defaultPrevented } = event;
    const detail =
      (event as Event & { detail?: unknown; message?: string }).detail ??
      (event as Event & { message?: string }).message ??
      '';
    item.textContent = `${new Date().toLocaleTimeString()} ${type}${defaultPrevented ? ' (vetoed)' : ''} ${JSON.stringify(detail, summarise)?.slice(0, 200) ?? ''}`;
    eventLog.prepend(item);
  });
}

let server: MockServer | undefined;
let store: RosterStore | undefined;
start();

async function start() {
  const baseUrl = serverUrl ?? `${location.origin}/api/v1`;
  if (serverUrl) {
    document.querySelector('#server-note')!.textContent =
      `Settings → Users, as web components, against the server at ${serverUrl}. The personas offered are the “${preset}” preset's: start the server with --preset ${preset}.`;
  } else {
    server = createMockServer({
      preset,
      users,
      latency,
      failRate: failPercent / 100,
      simulatePresence: { intervalMs: 3000 },
    });
  }
  const fetchFn = server?.fetch ?? globalThis.fetch.bind(globalThis);
  await configure({
    baseUrl,
    fetch: withTableState(fetchFn),
    getHeaders: () => ({ Authorization: `Bearer ${persona}` }),
  });
  const shared = sharedStore(baseUrl);
  if (!shared) throw new Error('Roster is not configured with a base URL');
  store = shared;
  // The plans the preset's workspace may be on (PATCH /mock/workspace takes only those).
  mountMockTools({ baseUrl, fetch: fetchFn, store: shared, plans: getPreset(preset).plans });
  for (const $atom of [
    shared.$me,
    shared.$workspace,
    shared.$rows,
    shared.$paging,
    shared.$load,
    shared.$live,
    shared.$error,
  ]) {
    $atom.subscribe(renderState);
  }
  startLive(shared);
  // The grants matrix edits the first template (none on a preset without templates).
  const grants = document.querySelector<HTMLElement & { templateId?: string }>('#template-grants');
  shared.$templates.subscribe((templates) => {
    const first = templates.find((t) => !t.id.startsWith('pending:'));
    const heading = document.querySelector<HTMLElement>('#template-grants-heading');
    if (grants && heading) {
      grants.hidden = heading.hidden = !first;
      heading.querySelector('span')!.textContent = first ? `“${first.name}”` : '';
      if (first && grants.templateId !== first.id) grants.templateId = first.id;
    }
  });
  // A part the persona may not read (e.g. templates for an agent) is shown by the elements and
  // the store panel's $error; not an uncaught rejection.
  await loadAll(shared).catch(() => undefined);
}

function renderState() {
  if (!store) return;
  const me = store.$me.get();
  const workspace = store.$workspace.get();
  const paging = store.$paging.get();
  const rows = store.$rows.get();
  const entries: [string, string][] = [
    ['Workspace', workspace ? `${workspace.name} (plan ${workspace.plan})` : '…'],
    ['Seats', workspace ? `${workspace.seats.used} of ${workspace.seats.limit ?? '∞'}` : '…'],
    ['Signed in as', me ? `${me.user.name} — ${me.user.role}` : '…'],
    ['May view users', me ? String(me.capabilities.viewUsers) : '…'],
    ['May invite', me ? me.capabilities.inviteRoles.join(', ') || 'nobody' : '…'],
    ['Users loaded', `${rows.length} of ${paging.total ?? '…'}`],
    ['Online now (loaded)', String(rows.filter((user) => user.online).length)],
    ['Live connection', store.$live.get()],
    // `$error` holds the latest failure of any action: what a host shows in its own toast.
    ['Last error', store.$error.get()?.userMessage ?? 'none'],
  ];
  stateList.replaceChildren(...details(entries).childNodes);
}

const LIST_FAILURE: Problem = {
  type: 'about:blank',
  title: 'Server error',
  status: 500,
  detail: 'The demo fails the users list on purpose (State: Error).',
  code: 'internal',
};

/** `fetch`, with `GET …/users` held forever, emptied or failed as `?state=` asks. */
function withTableState(fetchFn: typeof fetch): typeof fetch {
  if (!['loading', 'empty', 'error'].includes(tableState)) return fetchFn;
  return async (input, init) => {
    const request = new Request(input, init);
    if (request.method !== 'GET' || !new URL(request.url).pathname.endsWith('/users'))
      return fetchFn(input, init);
    if (tableState === 'loading')
      return new Promise((_, reject) =>
        request.signal.addEventListener('abort', () => reject(request.signal.reason as Error)),
      );
    if (tableState === 'error')
      return Response.json(LIST_FAILURE, {
        status: 500,
        headers: { 'Content-Type': 'application/problem+json' },
      });
    const page = (await (await fetchFn(input, init)).json()) as Page<User>;
    return Response.json({ ...page, items: [], nextCursor: null, total: 0 });
  };
}

/** `?server=` as an absolute http(s) URL without a trailing slash, or undefined. */
function remoteServer(value: string | null): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href.replace(/\/$/, '');
  } catch {
    // Not a URL: the in-page mock it is.
  }
  console.warn(`Ignoring ?server=${value}: not an http(s) URL; using the in-page mock.`);
  return undefined;
}

/** Sets `name` to `value` on `element`, or removes it when `value` is empty. */
function toggleAttribute(element: Element, name: string, value: string) {
  if (value) element.setAttribute(name, value);
  else element.removeAttribute(name);
}

/** A whole number ≥ 0 from the query string (0 when absent or not a number). */
function wholeNumber(value: string | null): number {
  const number = Math.floor(Number(value));
  return Number.isFinite(number) && number > 0 ? number : 0;
}

function fillSelect(select: HTMLSelectElement, values: string[], selected: string) {
  select.replaceChildren(
    ...values.map((value) => new Option(value, value, false, value === selected)),
  );
}

addEventListener('pagehide', () => {
  if (store) stopLive(store);
  server?.close();
});
