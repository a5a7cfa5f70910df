/**
 * The typed Roster REST client: one method per endpoint of the contract, over `fetch`
 * (through `./http.ts`).
 *
 * Auth is the host's: static `headers`, a `getHeaders()` called before every request
 * (and every retry), and `credentials` for cookies. Credentials never go in a URL.
 * Safe requests (GET) retry with backoff on network errors, 502/503/504 and 429
 * (honouring `Retry-After`, capped); writes are never retried, except invitations,
 * which carry an `Idempotency-Key` so a retry can never invite twice.
 */
import {
  RosterHttpError,
  RosterNetworkError,
  RosterTimeoutError,
  isAbortError,
  isOutcomeUnknown,
} from './errors.js';
import type { FailedRequest, RosterContractError } from './errors.js';
import { HttpStatusError, HttpTimeoutError, retryAfterSeconds, send as sendHttp } from './http.js';
import type { HttpInit, HttpOptions } from './http.js';
import { actionLabels } from './messages.js';
import { contractChecker } from './shape.js';
import type { ShapeName } from './shape.js';
import type {
  InvitationInput,
  Me,
  Page,
  PermissionCatalog,
  Role,
  RoleTemplate,
  RoleTemplateInput,
  User,
  UserPatch,
  UsersQuery,
  Workspace,
} from './types.js';

/** Headers as a host may give them: a `Headers`, a record or a list of pairs. */
export type HeadersSource = HeadersInit;

/** Retry policy of safe requests (and of idempotent invitations). */
export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  limit?: number;
  /** First backoff delay in ms, doubled each retry (with full jitter). Default 300. */
  backoff?: number;
  /** Upper bound in ms of any wait, including a server's `Retry-After`. Default 10 000. */
  maxDelay?: number;
}

/** Options of {@link createClient}. */
export interface ClientOptions {
  /** Base URL of the Roster API, absolute or relative to the page, e.g. `/api/v1`. */
  baseUrl: string;
  /** Headers sent with every request. */
  headers?: HeadersSource;
  /** Called before every request (and retry): headers to add, e.g. a fresh bearer token. */
  getHeaders?: () => HeadersSource | Promise<HeadersSource>;
  /** Whether to send cookies: as `fetch`'s `credentials`. Default `same-origin`. */
  credentials?: RequestCredentials;
  /** The `fetch` to use (a mock server's, a test's fault injector). Default global `fetch`. */
  fetch?: typeof fetch;
  /** Milliseconds to wait for each attempt's answer. Default 10 000; `false` for none. */
  timeout?: number | false;
  /** Retry policy; `false` turns retries off. */
  retry?: RetryOptions | false;
  /**
   * Called once per broken field when an answer breaks the contract (a field the elements rely
   * on is absent or of another type); the answer is used with an empty stand-in, and the
   * breach is logged with `console.error` too.
   */
  onContractError?: (error: RosterContractError) => void;
}

/** Per-call options. */
export interface CallOptions {
  /** Cancels the request; the call then rejects with an `AbortError`. */
  signal?: AbortSignal;
  /**
   * Who or what the call is about, as people know it (a user's name), for the failure
   * sentence: "Removing Ana Lima failed: …". Default the id in the path.
   */
  subject?: string;
}

/** Options of {@link RosterClient.invite}. */
export interface InviteOptions extends CallOptions {
  /**
   * The invitation's idempotency key. By default the client generates one per distinct
   * invitation and reuses it while that invitation's outcome is unknown, so sending the
   * same unchanged invitation again can never create a second user.
   */
  idempotencyKey?: string;
}

/** Options of {@link RosterClient.revokeUser}. */
export interface RevokeOptions extends CallOptions {
  /** Id of the user who receives the removed user's assigned contacts. */
  reassignTo?: string;
}

/** Options of {@link RosterClient.openEvents}. */
export interface EventsOptions {
  signal: AbortSignal;
  /** Id of the last event received, to replay what was missed. */
  lastEventId?: string;
}

/** The typed client: one method per endpoint of the Roster REST contract. */
export interface RosterClient {
  /** The base URL, normalised to end with `/`. */
  readonly baseUrl: string;
  /**
   * Told of each broken field of an answer (see {@link ClientOptions.onContractError}); a
   * store made on this client chains its own `$contractError` here.
   */
  onContractError?: (error: RosterContractError) => void;
  /** `GET /workspace`. */
  getWorkspace(options?: CallOptions): Promise<Workspace>;
  /** `GET /me`: the actor and its capabilities. */
  getMe(options?: CallOptions): Promise<Me>;
  /** `GET /roles`. */
  listRoles(options?: CallOptions): Promise<Role[]>;
  /** `GET /permissions`: the permission catalog. */
  getCatalog(options?: CallOptions): Promise<PermissionCatalog>;
  /** `GET /role-templates`. */
  listTemplates(options?: CallOptions): Promise<RoleTemplate[]>;
  /** `POST /role-templates`. */
  createTemplate(input: RoleTemplateInput, options?: CallOptions): Promise<RoleTemplate>;
  /** `PATCH /role-templates/{id}`, with `If-Match` when `version` is given. */
  updateTemplate(
    id: string,
    patch: Partial<RoleTemplateInput>,
    version?: number,
    options?: CallOptions,
  ): Promise<RoleTemplate>;
  /** `DELETE /role-templates/{id}`. */
  deleteTemplate(id: string, options?: CallOptions): Promise<void>;
  /** `GET /users`: one page. */
  listUsers(query?: UsersQuery, options?: CallOptions): Promise<Page<User>>;
  /** `GET /users/{id}`. */
  getUser(id: string, options?: CallOptions): Promise<User>;
  /** `POST /invitations`, with an `Idempotency-Key`; retried like a safe request. */
  invite(input: InvitationInput, options?: InviteOptions): Promise<User>;
  /** `POST /users/{id}/resend-invitation`: the user with its new expiry. */
  resendInvitation(id: string, options?: CallOptions): Promise<User>;
  /** `PATCH /users/{id}` with `If-Match` carrying `version`; a stale version fails with 412. */
  updateUser(id: string, patch: UserPatch, version: number, options?: CallOptions): Promise<User>;
  /** `DELETE /users/{id}`, optionally reassigning their contacts. */
  revokeUser(id: string, options?: RevokeOptions): Promise<void>;
  /** `GET /users/export`: the CSV response, its body not yet read (stream it). */
  exportUsers(query?: UsersQuery, options?: CallOptions): Promise<Response>;
  /**
   * `GET /events`: the open event stream response, its body not yet read. Not retried; the
   * timeout applies to getting the answer, not to the stream.
   */
  openEvents(options: EventsOptions): Promise<Response>;
}

/** Builds a {@link RosterClient}. */
export function createClient(options: ClientOptions): RosterClient {
  const baseUrl = normaliseBaseUrl(options.baseUrl);
  const retry = options.retry === false ? { limit: 0 } : (options.retry ?? {});
  const http: HttpOptions = {
    headers: options.headers,
    getHeaders: options.getHeaders,
    credentials: options.credentials ?? 'same-origin',
    // Called as a plain function: keep the window binding of the default.
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeout: options.timeout ?? 10_000,
    limit: retry.limit ?? 2,
    backoff: retry.backoff ?? 300,
    maxDelay: retry.maxDelay ?? 10_000,
  };

  /** Sends one request and maps every failure into the Roster error family. */
  async function send(
    action: string,
    method: string,
    path: string,
    init: Omit<HttpInit, 'method'> = {},
  ): Promise<Response> {
    const url = new URL(path, baseUrl).href;
    const info: FailedRequest = { action, method, url };
    try {
      return await sendHttp(http, url, { method, ...init });
    } catch (error) {
      throw await toRosterError(error, info, http.timeout);
    }
  }

  const conform = contractChecker((error) => client.onContractError?.(error));

  /**
   * Sends a request and parses its JSON answer, made to fit the contract's `shape` (breaches
   * reported); an unreadable answer is an error.
   */
  async function sendJson<T>(
    shape: ShapeName,
    action: string,
    method: string,
    path: string,
    init: Omit<HttpInit, 'method'> = {},
  ): Promise<T> {
    const response = await send(action, method, path, init);
    const text = await response.text();
    const info = { action, method, url: response.url || new URL(path, baseUrl).href };
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new RosterHttpError(info, response.status, text, null);
    }
    return conform<T>(shape, body, info)[0];
  }

  /** Idempotency keys of invitations whose outcome is not known yet, by canonical body. */
  const pendingInvitationKeys = new Map<string, string>();

  const get = <T>(
    shape: ShapeName,
    action: string,
    path: string,
    call?: CallOptions,
    query?: UsersQuery,
  ) => sendJson<T>(shape, action, 'GET', withQuery(path, query), { signal: call?.signal });

  const client: RosterClient = {
    baseUrl,
    onContractError: options.onContractError,
    getWorkspace: (call) => get('Workspace', actionLabels.loadWorkspace(), 'workspace', call),
    getMe: (call) => get('Me', actionLabels.loadMe(), 'me', call),
    listRoles: async (call) =>
      (await get<{ items: Role[] }>('RoleList', actionLabels.loadRoles(), 'roles', call)).items,
    getCatalog: (call) => get('PermissionCatalog', actionLabels.loadCatalog(), 'permissions', call),
    listTemplates: async (call) =>
      (
        await get<{ items: RoleTemplate[] }>(
          'RoleTemplateList',
          actionLabels.loadTemplates(),
          'role-templates',
          call,
        )
      ).items,
    createTemplate: (input, call) =>
      sendJson('RoleTemplate', actionLabels.createTemplate(input.name), 'POST', 'role-templates', {
        body: JSON.stringify(input),
        signal: call?.signal,
      }),
    updateTemplate: (id, patch, version, call) =>
      sendJson(
        'RoleTemplate',
        actionLabels.updateTemplate(patch.name ?? call?.subject ?? id),
        'PATCH',
        `role-templates/${enc(id)}`,
        {
          body: JSON.stringify(patch),
          headers: version === undefined ? {} : { 'If-Match': etag(version) },
          signal: call?.signal,
        },
      ),
    deleteTemplate: async (id, call) => {
      await send(
        actionLabels.deleteTemplate(call?.subject ?? id),
        'DELETE',
        `role-templates/${enc(id)}`,
        {
          signal: call?.signal,
        },
      );
    },
    listUsers: (query, call) => get('UserPage', actionLabels.loadUsers(), 'users', call, query),
    getUser: (id, call) =>
      get('User', actionLabels.loadUser(call?.subject ?? id), `users/${enc(id)}`, call),
    invite: async (input, call) => {
      const body = JSON.stringify(input);
      const key =
        call?.idempotencyKey ?? pendingInvitationKeys.get(body) ?? globalThis.crypto.randomUUID();
      pendingInvitationKeys.set(body, key);
      try {
        const user = await sendJson<User>(
          'User',
          actionLabels.invite(input.email),
          'POST',
          'invitations',
          {
            body,
            headers: { 'Idempotency-Key': key },
            retry: true,
            signal: call?.signal,
          },
        );
        pendingInvitationKeys.delete(body);
        return user;
      } catch (error) {
        // A definite refusal ends this invitation; an unknown outcome keeps its key for "send again".
        if (!isOutcomeUnknown(error) && !isAbortError(error)) pendingInvitationKeys.delete(body);
        throw error;
      }
    },
    resendInvitation: (id, call) =>
      sendJson(
        'User',
        actionLabels.resend(call?.subject ?? id),
        'POST',
        `users/${enc(id)}/resend-invitation`,
        {
          signal: call?.signal,
        },
      ),
    updateUser: (id, patch, version, call) =>
      sendJson('User', actionLabels.updateUser(call?.subject ?? id), 'PATCH', `users/${enc(id)}`, {
        body: JSON.stringify(patch),
        headers: { 'If-Match': etag(version) },
        signal: call?.signal,
      }),
    revokeUser: async (id, call) => {
      await send(
        actionLabels.revoke(call?.subject ?? id),
        'DELETE',
        withQuery(`users/${enc(id)}`, { reassignTo: call?.reassignTo }),
        { signal: call?.signal },
      );
    },
    exportUsers: (query, call) =>
      send(actionLabels.exportUsers(), 'GET', withQuery('users/export', query), {
        headers: { Accept: 'text/csv' },
        signal: call?.signal,
      }),
    openEvents: ({ signal, lastEventId }) =>
      send(actionLabels.liveEvents(), 'GET', 'events', {
        headers: {
          Accept: 'text/event-stream',
          ...(lastEventId === undefined ? {} : { 'Last-Event-ID': lastEventId }),
        },
        signal,
        // The timeout bounds the wait for the answer's headers only; the stream then stays open.
        retry: false,
      }),
  };
  return client;
}

/** The `If-Match` value for a resource version (a strong ETag: the quoted version). */
export function etag(version: number): string {
  return `"${version}"`;
}

/** Resolves the base URL against the page and makes it end with `/`; refuses credentials in it. */
function normaliseBaseUrl(baseUrl: string): string {
  const base = globalThis.document?.baseURI ?? globalThis.location?.href;
  const url = new URL(baseUrl, base);
  if (url.username || url.password) {
    throw new TypeError('Roster: put credentials in headers (getHeaders), never in the base URL.');
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

/** The path with its query string; empty values are dropped, so `?q=&role=` never goes out. */
function withQuery(path: string, query: object | undefined): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function toRosterError(
  error: unknown,
  info: FailedRequest,
  timeout: number | false,
): Promise<unknown> {
  if (isAbortError(error)) return error;
  if (error instanceof HttpStatusError) {
    const { response } = error;
    return new RosterHttpError(
      { ...info, url: response.url || info.url },
      response.status,
      await readBody(response),
      retryAfterSeconds(response.headers.get('Retry-After')),
    );
  }
  if (error instanceof HttpTimeoutError) return new RosterTimeoutError(info, timeout || 0);
  // Anything else never got an answer: fetch's TypeError (offline, DNS, CORS, reset), a
  // throwing getHeaders, a fetch that is not one.
  return new RosterNetworkError(info, error);
}

/** An error answer's body: parsed JSON when it is JSON, else its text (an HTML 502 page…). */
async function readBody(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
