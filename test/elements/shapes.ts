/**
 * Shapes the contract allows that the mock never sends (issue 12): answers of the in-page mock
 * rewritten on their way to the client, so the elements meet what another backend may send.
 */
import type { Role, User } from '../../src/api/types.js';

/** How one answer's JSON body is changed (in place, or by returning the new body). */
type Change = (body: never) => unknown;

/**
 * `answer` to `request`, its JSON body gone through `changes[path]` first when it answers a
 * `GET` of `path` (e.g. `/roles`, `/users`: the end of the URL's path).
 */
export async function reshaped(
  request: Request,
  answer: Response,
  changes: Record<string, Change>,
): Promise<Response> {
  const path = Object.keys(changes).find((p) => new URL(request.url).pathname.endsWith(p));
  if (request.method !== 'GET' || !path || !answer.ok) return answer;
  const body: unknown = await answer.json();
  const changed = changes[path]!(body as never) ?? body;
  return new Response(JSON.stringify(changed), { status: answer.status, headers: answer.headers });
}

/** A fetch over `base` whose answers are {@link reshaped} by `changes`. */
export function reshaping(base: typeof fetch, changes: Record<string, Change>): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    return reshaped(request, await base(request.clone()), changes);
  }) as typeof fetch;
}

/** `/roles` with the agent's Contact visibility (a choice) left without options. */
export const optionlessChoice =
  (options?: []) =>
  ({ items }: { items: Role[] }) => {
    for (const definition of items.find((role) => role.id === 'agent')!.restrictions)
      if (definition.id === 'contactVisibility') definition.options = options;
  };

/** Users pages and single users with `email`'s role renamed to one `/roles` does not list. */
export const unknownRole = (email: string, role = 'auditor') => {
  const rename = (user: User) => (user.email === email ? { ...user, role } : user);
  return {
    '/users': (page: { items: User[] }) => ({ ...page, items: page.items.map(rename) }),
  };
};
