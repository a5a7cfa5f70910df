/**
 * Stores wired to the mock server's handlers in-page, with every request recorded, and
 * helpers to compare a store with the server's state through fresh reads.
 */
import { expect } from '@open-wc/testing';
import { createClient } from '../../src/api/client.js';
import type { ClientOptions, RosterClient } from '../../src/api/client.js';
import { isRosterHttpError } from '../../src/api/errors.js';
import { createMockServer } from '../../src/mock/index.js';
import { createRosterStore } from '../../src/store/index.js';
import type { RosterStore, StoreOptions } from '../../src/store/index.js';

export type MockOptions = NonNullable<Parameters<typeof createMockServer>[0]>;
export type MockServer = ReturnType<typeof createMockServer>;

/** Every URL requested by any test client (to check none carries credentials). */
export const requestedUrls: string[] = [];

/** The origin the tests pretend the API lives on; the mock serves `/api/v1` on any origin. */
export const BASE_URL = 'https://roster.test/api/v1';

/** A fetch over the mock server that records every URL. */
export function recordingFetch(server: MockServer): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requestedUrls.push(request.url);
    return server.fetch(request);
  }) as typeof fetch;
}

/** A client acting as `persona` on `server`. */
export function clientAs(
  server: MockServer,
  persona: string,
  options: Partial<ClientOptions> = {},
): RosterClient {
  return createClient({
    baseUrl: BASE_URL,
    fetch: recordingFetch(server),
    getHeaders: () => ({ Authorization: `Bearer ${persona}` }),
    retry: { limit: 2, backoff: 1 },
    ...options,
  });
}

/** A mock server and a store acting as `persona` on it. */
export function mockStore(
  mock: MockOptions = {},
  persona = 'owner',
  storeOptions: StoreOptions = {},
  clientOptions: Partial<ClientOptions> = {},
): { server: MockServer; store: RosterStore } {
  const server = createMockServer({ latency: 0, simulatePresence: false, seed: 1, ...mock });
  const store = createRosterStore(clientAs(server, persona, clientOptions), {
    pageSize: 10,
    ...storeOptions,
  });
  return { server, store };
}

/** Retries a read until it gets an answer (for checks against a server that fails on purpose). */
export async function settled<T>(read: () => Promise<T>, attempts = 50): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      const definite = isRosterHttpError(error) && error.status < 500 && error.status !== 429;
      if (definite || attempt >= attempts) throw error;
    }
  }
}

/**
 * Asserts the store equals the server: every shown user deep-equals a fresh GET of it, and
 * the seats equal a fresh GET of the workspace.
 */
export async function expectStoreMatchesServer(
  store: RosterStore,
  verifier: RosterClient,
): Promise<void> {
  const users = store.$users.get();
  expect(Object.keys(users).sort()).to.deep.equal(
    [...store.$order.get()].sort(),
    'map and order agree',
  );
  for (const id of store.$order.get()) {
    const fresh = await settled(() => verifier.getUser(id));
    expect(users[id], `user ${id}`).to.deep.equal(fresh);
  }
  const workspace = await settled(() => verifier.getWorkspace());
  expect(store.$workspace.get()?.seats, 'seats').to.deep.equal(workspace.seats);
}

/**
 * Wraps an event-stream answer so a test can drop it like a lost connection: `cut()` errors
 * the body the reader is consuming.
 */
export function cuttable(response: Response): { response: Response; cut: () => void } {
  const reader = response.body!.getReader();
  let cut = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      cut = () => {
        controller.error(new TypeError('network error'));
        void reader.cancel().catch(() => undefined);
      };
    },
    async pull(controller) {
      const step = await reader.read();
      if (step.done) controller.close();
      else controller.enqueue(step.value);
    },
    cancel: () => reader.cancel(),
  });
  return {
    response: new Response(body, { status: response.status, headers: response.headers }),
    cut: () => cut(),
  };
}
