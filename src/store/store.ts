/**
 * The Roster store: an instance holding `$`-prefixed nanostores for one API. Several may
 * live on one page (different APIs, or a provider with its own). It holds only what the
 * view has loaded: the current page(s) of the current query, never the server's whole set.
 * Actions live beside it as plain async functions taking the store first.
 */
import { atom, map } from 'nanostores';
import type { MapStore, ReadableAtom, WritableAtom } from 'nanostores';
import { createClient } from '../api/client.js';
import type { ClientOptions, RosterClient } from '../api/client.js';
import type { RosterContractError, RosterError } from '../api/errors.js';
import type {
  Me,
  PermissionCatalog,
  Role,
  RoleTemplate,
  Sort,
  User,
  UserStatus,
  Workspace,
} from '../api/types.js';

/** Loading and error of one asynchronous piece of state. */
export interface AsyncState {
  loading: boolean;
  /** The last failure, cleared when the next attempt starts. */
  error: RosterError | null;
}

/** What the users view shows: search text, filters and sort. */
export interface ViewQuery {
  /** Search text (name or email contains, case-insensitive); empty for none. */
  q: string;
  /** Role id filter, or null for every role. */
  role: string | null;
  /** Status filter, or null for every status. */
  status: UserStatus | null;
  /**
   * Inactive accounts only (when the server has `features.inactiveFilter`): no activity in
   * this many days, or `never` signed in; null for everyone.
   */
  inactive: number | 'never' | null;
  sort: Sort;
}

/** Paging of the users view. */
export interface PagingState extends AsyncState {
  /** Cursor of the next page; null when everything matching is loaded. */
  nextCursor: string | null;
  /** How many users match the query on the server; null before the first load. */
  total: number | null;
  /** A further page is being fetched (`loading` is the first page). */
  loadingMore: boolean;
}

/** Progress of a CSV export. */
export interface ExportState extends AsyncState {
  /** Bytes received so far. */
  bytes: number;
}

/** State of the live event connection. */
export type LiveState = 'closed' | 'connecting' | 'open' | 'reconnecting';

/** Reconnection policy of the live event stream. */
export interface LiveOptions {
  /** First reconnect delay in ms, doubled each failed attempt (with jitter). Default 1000. */
  backoff?: number;
  /** Longest reconnect delay in ms. Default 30 000. */
  maxBackoff?: number;
}

/** Options of {@link createRosterStore}. */
export interface StoreOptions {
  /** Users per page (1–200). Default 50. */
  pageSize?: number;
  /** Live event stream reconnection policy. */
  live?: LiveOptions;
}

/** One store instance: data and async state for one Roster API. */
export interface RosterStore {
  /** The client every action uses. */
  readonly client: RosterClient;
  /** Users per page. */
  readonly pageSize: number;
  /** Reconnection policy of the live stream. */
  readonly liveOptions: Required<LiveOptions>;

  /** The signed-in actor and what it may do workspace-wide; null until loaded. */
  readonly $me: WritableAtom<Me | null>;
  /** The workspace, with its seats and features; null until loaded. */
  readonly $workspace: WritableAtom<Workspace | null>;
  /** Roles as the server declares them, highest rank first as served. */
  readonly $roles: WritableAtom<Role[]>;
  /** The permission catalog; null until loaded. */
  readonly $catalog: WritableAtom<PermissionCatalog | null>;
  /** Role templates; empty when the server has none or they are not loaded. */
  readonly $templates: WritableAtom<RoleTemplate[]>;
  /** Loading/error of the role templates. */
  readonly $templatesState: WritableAtom<AsyncState>;
  /** Loaded users by id (only those of the current view). */
  readonly $users: MapStore<Record<string, User>>;
  /** Ids of the current view, in display order. */
  readonly $order: WritableAtom<string[]>;
  /** The current view's users in order (derived from `$users` and `$order`). */
  readonly $rows: ReadableAtom<User[]>;
  /** The current search, filters and sort. */
  readonly $query: WritableAtom<ViewQuery>;
  /** Paging and loading of the users view. */
  readonly $paging: WritableAtom<PagingState>;
  /** Loading/error of {@link loadAll}'s workspace-wide data (me, workspace, roles, catalog). */
  readonly $load: WritableAtom<AsyncState>;
  /** Progress of the CSV export. */
  readonly $export: WritableAtom<ExportState>;
  /** Ids of users with a write in flight (for a busy indicator on their row). */
  readonly $busy: WritableAtom<Readonly<Record<string, true>>>;
  /** State of the live event connection. */
  readonly $live: WritableAtom<LiveState>;
  /**
   * The most recent failure of any action, for a host's own toast or log (the elements show
   * their failures inline); set it to null to dismiss.
   */
  readonly $error: WritableAtom<RosterError | null>;
  /**
   * The latest answer that broke the contract (absent or mistyped fields; used with empty
   * stand-ins), from the client's answers and the live events. Each is logged once; the
   * Roster elements fire it once as `roster-error`.
   */
  readonly $contractError: WritableAtom<RosterContractError | null>;
}

/** The query a fresh store starts with: everyone, by name. */
export const DEFAULT_QUERY: Readonly<ViewQuery> = {
  q: '',
  role: null,
  status: null,
  inactive: null,
  sort: 'name',
};

const idle = (): AsyncState => ({ loading: false, error: null });

/**
 * Creates a store for one API, from a client or the options to build one.
 * @example
 * const store = createRosterStore({ baseUrl: '/api/v1', getHeaders: async () => ({ Authorization: `Bearer ${await token()}` }) });
 * await loadAll(store);
 */
export function createRosterStore(
  clientOrOptions: RosterClient | ClientOptions,
  options: StoreOptions = {},
): RosterStore {
  const client = isClient(clientOrOptions) ? clientOrOptions : createClient(clientOrOptions);
  const $contractError = atom<RosterContractError | null>(null);
  const told = client.onContractError;
  client.onContractError = (error) => {
    told?.(error);
    $contractError.set(error);
  };
  const $users = map<Record<string, User>>({});
  const $order = atom<string[]>([]);
  // The loaded users in order, kept current as either changes (set before their other listeners run).
  const rows = () => $order.get().flatMap((id) => $users.get()[id] ?? []);
  const $rows = atom(rows());
  for (const $source of [$users, $order]) $source.listen(() => $rows.set(rows()));
  return {
    client,
    pageSize: Math.min(200, Math.max(1, options.pageSize ?? 50)),
    liveOptions: { backoff: 1000, maxBackoff: 30_000, ...options.live },
    $me: atom<Me | null>(null),
    $workspace: atom<Workspace | null>(null),
    $roles: atom<Role[]>([]),
    $catalog: atom<PermissionCatalog | null>(null),
    $templates: atom<RoleTemplate[]>([]),
    $templatesState: atom(idle()),
    $users,
    $order,
    $rows,
    $query: atom<ViewQuery>({ ...DEFAULT_QUERY }),
    $paging: atom<PagingState>({
      ...idle(),
      nextCursor: null,
      total: null,
      loadingMore: false,
    }),
    $load: atom(idle()),
    $export: atom<ExportState>({ ...idle(), bytes: 0 }),
    $busy: atom<Readonly<Record<string, true>>>({}),
    $live: atom<LiveState>('closed'),
    $error: atom<RosterError | null>(null),
    $contractError,
  };
}

function isClient(value: RosterClient | ClientOptions): value is RosterClient {
  return typeof (value as RosterClient).listUsers === 'function';
}
