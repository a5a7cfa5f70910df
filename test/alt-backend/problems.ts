/**
 * Refusals as RFC 9457 problems. A handler throws a {@link Refusal}; the app turns it into an
 * `application/problem+json` answer. Every problem carries two members of this server's own
 * (`traceId`, `docs`) that the contract does not define: clients must ignore what they do not
 * know.
 */
import { randomUUID } from 'node:crypto';
import type { FieldError } from '../../src/api/types.js';

/** Titles of the codes this server sends; a code of its own brings its title along. */
const TITLES: Record<string, string> = {
  bad_request: 'Bad request',
  unauthenticated: 'Sign-in required',
  forbidden: 'Not permitted',
  cannot_modify_self: 'Not on your own account',
  role_not_assignable: 'Role not assignable',
  not_found: 'Not found',
  email_taken: 'Address already in use',
  seat_limit_reached: 'No free seat',
  not_invited: 'Not an invitation',
  version_conflict: 'Changed meanwhile',
  payload_too_large: 'Body too large',
  validation_failed: 'Invalid input',
  internal: 'Server failure',
};

/** A refusal: what the client did cannot be done, and why. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly title = TITLES[code] ?? code,
  ) {
    super(`${status} ${code}: ${detail}`);
  }
}

/** `422 validation_failed` naming each offending field. */
export function invalid(errors: FieldError[]): Refusal {
  const detail = errors.map((e) => e.message).join(' ');
  return new Refusal(422, 'validation_failed', detail, errors);
}

/** The answer to a refusal of a request to `path`. */
export function problemResponse(refusal: Refusal, path: string): Response {
  const body = {
    type: `https://alt-backend.test/problems/${refusal.code.replaceAll('_', '-')}`,
    title: refusal.title,
    status: refusal.status,
    detail: refusal.detail,
    code: refusal.code,
    ...(refusal.errors ? { errors: refusal.errors } : {}),
    instance: path,
    traceId: randomUUID(),
    docs: 'https://alt-backend.test/docs/errors',
  };
  return new Response(JSON.stringify(body), {
    status: refusal.status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}
