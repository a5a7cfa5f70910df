import { ERROR_STATUS } from '../../src/api/types.js';
import type { ErrorCode, FieldError } from '../../src/api/types.js';

/**
 * An RFC 9457 problem answer as a Roster server sends it: the status of `code` unless given,
 * field errors when given, and `Retry-After: 7` for `rate_limited` unless other headers are.
 */
export function problem(
  code: ErrorCode,
  status: number = ERROR_STATUS[code],
  errors?: FieldError[],
  headers: Record<string, string> = code === 'rate_limited' ? { 'Retry-After': '7' } : {},
): Response {
  return problemOf({ code, status, detail: `Refused: ${code}`, errors }, headers);
}

/**
 * A problem answer with any code (the contract's set is open: a backend may send its own, e.g.
 * `trial_restriction`), the server's `detail`, and field errors when given.
 */
export function problemOf(
  fields: { code: string; status: number; detail: string; errors?: FieldError[] },
  headers: Record<string, string> = {},
): Response {
  const body = { type: 'about:blank', title: fields.code, ...fields };
  return new Response(JSON.stringify(body), {
    status: fields.status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}
