/**
 * The Roster mock server: the whole REST contract over Web-standard `fetch`, for the demo page,
 * browser and Node tests, and as a reference for backend teams. Browser-safe: nothing here
 * imports `node:*` (the Node CLI and file storage live in `cli.ts` and `file-storage.ts`).
 *
 * ```ts
 * const server = createMockServer({ preset: 'tenant' });
 * const res = await server.fetch('/api/v1/users', { headers: { Authorization: 'Bearer admin' } });
 * ```
 *
 * Decisions the contract leaves open, as this mock makes them:
 * - `PATCH` without `If-Match` → 422 `validation_failed`, field `If-Match`; `*` matches any version.
 *   `DELETE /users/{id}` honours an optional `If-Match`.
 * - A body must come as `application/json` (or a `+json` type), else 415; a leading
 *   byte-order mark is skipped; nesting deeper than 16 → 422 on `body` (code `too_deep`).
 * - `Idempotency-Key` is per actor and kept 24 h; the same key with another body → 422 with field
 *   `Idempotency-Key` (code `idempotency_key_reused`). Only successful invitations are remembered;
 *   a refused one may be retried with the same key.
 * - Role templates and export on a workspace without that feature → 404 `not_found`.
 * - An actor manages only users whose role it may assign; a `user` granted the users permission
 *   (tenant `user-manager`) acts on `user`s only, and manages templates only with `users.manage`;
 *   one granted only `users: view` (tenant `user-viewer`) lists users and changes no one.
 * - Search folds case and accents; `role` sorts in `GET /roles` order (highest first), `status` as
 *   invited, active, suspended; ties break by name then id.
 * - Event ids start at the server's start time × 1000, so they keep growing across restarts.
 * - `inactive=N` compares `lastActiveAt`, else `lastLoginAt`, with the clock at the request;
 *   `lastActiveAt` / `lastLoginAt` sorts put users without the time first (the oldest).
 * - Mock-only (`/mock/…`, no token; see outbox.ts and openapi.yaml's `mock-only` tag): the
 *   outbox of invitation emails, accepting or expiring a link, the plan and seat limit. A link
 *   is refused once accepted, superseded by a resend, expired, or its user removed; acceptance
 *   never makes the members (non-invited users) exceed the seat limit.
 */
import type { Seats, User } from '../api/types.js';
import { createApp } from './app.js';
import { Faults } from './faults.js';
import { DEFAULT_PRESENCE_INTERVAL_MS, simulatePresence } from './presence.js';
import { PRESET_NAMES, getPreset } from './presets.js';
import type { PresetName } from './presets.js';
import { DEFAULT_ACCEPT_URL } from './outbox.js';
import { createRandom } from './prng.js';
import { seedState } from './seed.js';
import type { MockStorage } from './storage.js';
import { MockWorkspace } from './workspace.js';

export type { MockStorage, StoredData } from './storage.js';
export { memoryStorage } from './storage.js';
export type { Change, PersistedState, StoredUser } from './model.js';
export type { PresetName } from './presets.js';
export type { InvitationDetails, InvitationState, OutboxEmail } from './outbox.js';
export { BASE_PATH } from './base-path.js';

/** Most extra users a mock generates. */
export const MAX_GENERATED_USERS = 100_000;
const DEFAULT_SEED = 20_240_601;

export interface MockOptions {
  /** Which product model to serve; default `all` (or the preset stored in `storage`). */
  preset?: PresetName;
  /** Extra generated users, up to 100,000. */
  users?: number;
  /** Overrides the preset's seat limit (null = unlimited). */
  seatLimit?: number | null;
  /** Milliseconds added to every response. */
  latency?: number;
  /** 0..1: share of requests (not preflights) that fail with 500 or hang until aborted. */
  failRate?: number;
  /** PRNG seed: the same seed gives the same data and the same fault sequence. */
  seed?: number;
  /** Simulate people coming and going (presence events); default off. */
  simulatePresence?: boolean | { intervalMs: number };
  /** Persistence adapter; without one the state lives in memory only. */
  storage?: MockStorage;
  /** Origins allowed by CORS; default `['*']`. */
  allowedOrigins?: string[];
  /** Per-token limit → 429 `rate_limited` with `Retry-After`; off by default. */
  rateLimit?: { requests: number; perMs: number };
  /** Clock in milliseconds since the epoch, for tests. */
  now?: () => number;
  /**
   * The link in invitation emails (`GET /mock/outbox`), `{token}` standing for the link's
   * token; default `https://roster.example/accept-invitation?token={token}`. A demo page points
   * it at its own acceptance view.
   */
  acceptUrl?: string;
}

export interface MockServer {
  /** A fetch function serving the contract under `/api/v1` on any origin: pass it to the client. */
  fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  /** Stop timers and open event streams. */
  close(): void;
  /** The preset being served. */
  readonly preset: PresetName;
  /** Persona tokens (each also a valid `Authorization: Bearer` token). */
  readonly tokens: string[];
  /** The user id a persona token signs in as. */
  userIdOf(token: string): string;
  /** Every user as the persona sees it (with its `allowedActions`), in name order. */
  usersAs(token: string): User[];
  /** One user as the persona sees it, or undefined when there is no such user. */
  userAs(token: string, id: string): User | undefined;
  /** Seats in use and the limit. */
  seats(): Seats;
  /** Number of open event streams. */
  readonly openStreams: number;
}

function checkOptions(options: MockOptions): void {
  const fail = (message: string) => {
    throw new RangeError(`createMockServer: ${message}`);
  };
  const { users = 0, latency = 0, failRate = 0, seatLimit } = options;
  if (options.preset !== undefined && !PRESET_NAMES.includes(options.preset))
    fail(`unknown preset "${String(options.preset)}"`);
  if (!Number.isInteger(users) || users < 0 || users > MAX_GENERATED_USERS)
    fail(`users must be a whole number from 0 to ${MAX_GENERATED_USERS}`);
  if (!(latency >= 0 && Number.isFinite(latency)))
    fail('latency must be a number of milliseconds ≥ 0');
  if (!(failRate >= 0 && failRate <= 1)) fail('failRate must be between 0 and 1');
  if (
    seatLimit !== undefined &&
    seatLimit !== null &&
    !(Number.isInteger(seatLimit) && seatLimit >= 0)
  )
    fail('seatLimit must be a whole number ≥ 0 or null');
  if (options.rateLimit && !(options.rateLimit.requests >= 1 && options.rateLimit.perMs >= 1))
    fail('rateLimit needs requests ≥ 1 and perMs ≥ 1');
  if (options.acceptUrl !== undefined && !options.acceptUrl.includes('{token}'))
    fail('acceptUrl must contain {token}, where the link carries the token');
}

/** Creates a mock server (see the module documentation for its behaviour). */
export function createMockServer(options: MockOptions = {}): MockServer {
  checkOptions(options);
  const now = options.now ?? Date.now;
  const seed = options.seed ?? DEFAULT_SEED;
  const stored = options.storage?.load() ?? null;
  if (stored && options.preset !== undefined && stored.state.preset !== options.preset) {
    throw new Error(
      `The stored data holds the "${stored.state.preset}" preset, not "${options.preset}": use another data file or that preset.`,
    );
  }
  const preset = stored?.state.preset ?? options.preset ?? 'all';
  const config = getPreset(preset);
  const state =
    stored?.state ??
    seedState(config, {
      seed,
      users: options.users ?? 0,
      seatLimit: options.seatLimit,
      now: now(),
    });
  if (!stored) options.storage?.save(state);
  const ws = new MockWorkspace(config, state, now, options.storage, {
    acceptUrl: options.acceptUrl ?? DEFAULT_ACCEPT_URL,
  });
  if (stored) {
    ws.replay(stored.changes);
    if (options.seatLimit !== undefined && options.seatLimit !== ws.seats().limit)
      ws.setSeatLimit(options.seatLimit);
  }

  const lifecycle = new AbortController();
  const faults = new Faults(
    {
      latency: options.latency ?? 0,
      failRate: options.failRate ?? 0,
      rateLimit: options.rateLimit,
    },
    createRandom(seed ^ 0x5eed),
    now,
    lifecycle.signal,
  );
  const app = createApp(ws, {
    allowedOrigins: options.allowedOrigins ?? ['*'],
    faults,
    closed: lifecycle.signal,
  });
  const presence = options.simulatePresence;
  const stopPresence =
    presence && config.features.presence
      ? simulatePresence(
          ws,
          createRandom(seed + 1),
          typeof presence === 'object' ? presence.intervalMs : DEFAULT_PRESENCE_INTERVAL_MS,
        )
      : () => {};

  const actorOf = (token: string) => {
    const actor = ws.authenticate(token);
    if (!actor) throw new Error(`No active persona "${token}" (known: ${ws.tokens.join(', ')}).`);
    return actor;
  };

  return {
    fetch: (input, init) => {
      // Relative URLs (as a page passes them) are served too: the origin does not matter here.
      const url =
        typeof input === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(input)
          ? new URL(input, 'http://roster.mock')
          : input;
      const request = new Request(url, init);
      // A Request follows its caller's signal through a weak link that garbage collection can
      // break (Node), leaving a simulated hang that never ends: hold the request strongly.
      init?.signal?.addEventListener('abort', () => request.signal, { once: true });
      return Promise.resolve(app.fetch(request));
    },
    close() {
      stopPresence();
      lifecycle.abort();
      ws.hub.close();
    },
    preset,
    get tokens() {
      return ws.tokens;
    },
    userIdOf: (token) => {
      const id = ws.personaId(token);
      if (id === undefined) throw new Error(`Unknown persona "${token}".`);
      return id;
    },
    usersAs: (token) => {
      const actor = actorOf(token);
      return [...ws.users.walk({ q: '' }, 'name', false)].map((user) => ws.view(actor, user));
    },
    userAs: (token, id) => {
      const user = ws.users.get(id);
      return user ? ws.view(actorOf(token), user) : undefined;
    },
    seats: () => ws.seats(),
    get openStreams() {
      return ws.hub.listenerCount;
    },
  };
}
