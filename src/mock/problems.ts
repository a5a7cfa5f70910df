/**
 * RFC 9457 problem details: the one way the mock reports an error. Handlers and the policy throw
 * (or return) a `ProblemError`; the app turns it into an `application/problem+json` response.
 */
import { ERROR_STATUS } from '../api/types.js';
import type { ErrorCode, FieldError, Problem } from '../api/types.js';

/**
 * Codes of the mock-only invitation endpoints (`/mock/invitations/{token}/accept`), beyond the
 * contract's: a real backend's acceptance page is its own business.
 */
export type MockOnlyCode = 'invitation_expired' | 'invitation_superseded';

/** Every code the mock sends. */
export type MockCode = ErrorCode | MockOnlyCode;

const MOCK_ONLY_STATUS: Record<MockOnlyCode, number> = {
  invitation_expired: 410,
  invitation_superseded: 410,
};

const TITLES: Record<MockCode, string> = {
  bad_request: 'Bad request',
  unauthenticated: 'Not signed in',
  forbidden: 'Not allowed',
  cannot_modify_self: 'You cannot change your own access',
  role_not_assignable: 'Role not assignable',
  not_found: 'Not found',
  email_taken: 'Email already in use',
  seat_limit_reached: 'Seat limit reached',
  last_owner: 'Last holder of the top role',
  not_invited: 'User is not invited',
  version_conflict: 'Version conflict',
  validation_failed: 'Invalid input',
  payload_too_large: 'Request body too large',
  unsupported_media_type: 'Unsupported media type',
  rate_limited: 'Too many requests',
  internal: 'Internal server error',
  invitation_expired: 'Invitation expired',
  invitation_superseded: 'Invitation superseded',
};

/** An error answer waiting to be sent; carries everything the problem body needs. */
export class ProblemError extends Error {
  readonly code: MockCode;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(
    code: MockCode,
    detail: string,
    errors?: FieldError[],
    headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
    this.code = code;
    this.errors = errors;
    this.headers = headers;
  }

  /** The HTTP status of this problem (fixed per code by the contract). */
  get status(): number {
    const { code } = this;
    return code in MOCK_ONLY_STATUS
      ? MOCK_ONLY_STATUS[code as MockOnlyCode]
      : ERROR_STATUS[code as ErrorCode];
  }

  /** The problem+json body, `instance` being the request path. */
  toProblem(instance?: string): Problem {
    return {
      type: `https://roster.dev/problems/${this.code}`,
      title: TITLES[this.code],
      status: this.status,
      detail: this.message,
      code: this.code,
      ...(this.errors ? { errors: this.errors } : {}),
      ...(instance ? { instance } : {}),
    };
  }
}

/** A `validation_failed` problem for one or more fields. */
export function invalid(errors: FieldError[]): ProblemError {
  const first = errors[0];
  const detail =
    errors.length === 1 && first
      ? `${first.field}: ${first.message}`
      : `${errors.length} fields are invalid.`;
  return new ProblemError('validation_failed', detail, errors);
}

/** Shorthand for a single field error. */
export function fieldError(field: string, code: string, message: string): FieldError {
  return { field, code, message };
}

/** Builds the `application/problem+json` response for an error. */
export function problemResponse(error: ProblemError, instance?: string): Response {
  return new Response(JSON.stringify(error.toProblem(instance)), {
    status: error.status,
    headers: { 'Content-Type': 'application/problem+json', ...error.headers },
  });
}
