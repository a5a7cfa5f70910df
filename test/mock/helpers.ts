/** Small helpers shared by the mock-server tests. */
import type { Problem, User } from '../../src/api/types.js';
import type { MockServer } from '../../src/mock/index.js';

export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the mock as a persona; JSON bodies in and out (problem+json too). */
export async function call<T = unknown>(
  server: MockServer,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer<T>> {
  const init: RequestInit = {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  };
  const response = await server.fetch(`http://mock.test/api/v1${path}`, init);
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    headers: response.headers,
    body: (type.includes('json') && text ? JSON.parse(text) : text) as T,
  };
}

/** The problem code of an error answer (undefined for a success). */
export function codeOf(answer: Answer): string | undefined {
  return answer.status >= 400 ? (answer.body as Problem).code : undefined;
}

/** PATCHes a user with its current version in If-Match. */
export async function patchUser(
  server: MockServer,
  token: string,
  target: User,
  patch: unknown,
): Promise<Answer<User>> {
  return call<User>(server, token, 'PATCH', `/users/${target.id}`, patch, {
    'If-Match': `"${target.version}"`,
  });
}

/** Every user's raw state as the top persona sees it, for "nothing changed" checks. */
export function stateOf(server: MockServer): string {
  const users = server
    .usersAs(server.tokens[0]!)
    .map(({ allowedActions: _ignored, ...user }) => user);
  return JSON.stringify({ users, seats: server.seats() });
}

/** A fixed clock for deterministic data. */
export const NOW = Date.parse('2025-06-01T12:00:00Z');
export const fixedNow = () => NOW;

/** One parsed server-sent event. */
export interface SseEvent {
  id: string;
  event: string;
  data: unknown;
}

/** An open `GET /events` stream over HTTP, collecting events as they come. */
export interface OpenStream {
  readonly events: SseEvent[];
  /** Resolves with the first event (seen or to come) that passes `test`; rejects after 3 s. */
  until(test: (event: SseEvent) => boolean, what: string): Promise<SseEvent>;
  close(): void;
}

/** Opens `GET /events` on `baseUrl` as `token`; resolves once the stream is connected. */
export async function openEvents(baseUrl: string, token: string): Promise<OpenStream> {
  const abort = new AbortController();
  const res = await fetch(`${baseUrl}/events`, {
    headers: { Authorization: `Bearer ${token}` },
    signal: abort.signal,
  });
  if (res.status !== 200) throw new Error(`GET /events as ${token}: ${res.status}`);
  const events: SseEvent[] = [];
  const waiters = new Set<() => void>();
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const fields = Object.fromEntries(
            buffer
              .slice(0, end)
              .split('\n')
              .filter((line) => !line.startsWith(':') && line.includes(':'))
              .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
          );
          buffer = buffer.slice(end + 2);
          if (fields['event'] && fields['event'] !== 'retry') {
            events.push({
              id: fields['id'] ?? '',
              event: fields['event'],
              data: JSON.parse(fields['data'] ?? 'null'),
            });
            for (const wake of waiters) wake();
          }
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  return {
    events,
    until(test, what) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(test);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${what} within 3 s; got ${events.map((e) => e.event).join(', ')}`));
        }, 3000);
        waiters.add(check);
        check();
      });
    },
    close: () => abort.abort(),
  };
}
