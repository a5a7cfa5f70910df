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
  const body = { type: 'about:blank', title: code, status, detail: `Refused: ${code}`, code };
  return new Response(JSON.stringify(errors ? { ...body, errors } : body), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}
