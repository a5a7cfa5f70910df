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
