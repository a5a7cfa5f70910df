/**
 * The one error family the Roster client throws. Every error says what was being done
 * (`action`, a sentence for people), and names the HTTP method and URL it concerned.
 *
 * - {@link RosterHttpError}: the server answered with an error status (problem+json or not).
 * - {@link RosterNetworkError}: no answer at all (offline, DNS, CORS, connection reset).
 * - {@link RosterTimeoutError}: no answer within the configured timeout.
 * - {@link RosterContractError}: an answer that breaks the contract (reported, not thrown).
 */
import type { ErrorCode, FieldError, Problem, ProblemCode } from './types.js';
import {
  failureSentence,
  reasonForCode,
  reasonForContract,
  reasonForNetwork,
  reasonForTimeout,
} from './messages.js';

/** Where a failed request went: enough to find it in the network panel. */
export interface FailedRequest {
  /** What was being done, for people, e.g. "Inviting ana@example.com". */
  action: string;
  /** HTTP method, upper case. */
  method: string;
  /** The request URL (Roster never puts credentials in URLs, so it is safe to log). */
  url: string;
}

/** Base class of every error the client throws; use the type guards rather than `instanceof`. */
export abstract class RosterError extends Error {
  /** What was being done, for people ("Inviting ana@example.com"). */
  readonly action: string;
  readonly method: string;
  readonly url: string;
  /** The sentence to show people: "Inviting ana@example.com failed: seat limit reached". */
  readonly userMessage: string;
  /** Brand so the guards work across bundles (two copies of Roster on one page). */
  readonly isRosterError = true;

  constructor(info: FailedRequest, reason: string, options?: ErrorOptions) {
    const userMessage = failureSentence(info.action, reason);
    super(`${userMessage} (${info.method} ${info.url})`, options);
    this.action = info.action;
    this.method = info.method;
    this.url = info.url;
    this.userMessage = userMessage;
  }
}

/** The server answered with a non-2xx status. */
export class RosterHttpError extends RosterError {
  override readonly name = 'RosterHttpError';
  readonly status: number;
  /**
   * The problem's stable code (one of the contract's, or a backend's own); `internal` when
   * the body was not a problem document.
   */
  readonly code: ProblemCode;
  /** The problem's `detail`, or a short excerpt of a non-problem body. */
  readonly detail: string;
  /** Per-field errors of a `validation_failed` answer (empty otherwise). */
  readonly fieldErrors: readonly FieldError[];
  /** Seconds to wait before trying again, from `Retry-After`, when the server sent it. */
  readonly retryAfter: number | null;
  /** The parsed problem document, or null when the body was not one (an HTML 502 page…). */
  readonly problem: Problem | null;

  constructor(info: FailedRequest, status: number, body: unknown, retryAfter: number | null) {
    const problem = asProblem(body);
    const code: ProblemCode = problem?.code ?? (status === 429 ? 'rate_limited' : 'internal');
    super(info, reasonForCode(code, status, problem?.detail));
    this.status = status;
    this.code = code;
    this.problem = problem;
    this.detail = problem?.detail ?? excerpt(body);
    this.fieldErrors = problem?.errors ?? [];
    this.retryAfter = retryAfter;
  }
}

/** The request never got an answer (offline, DNS failure, CORS refusal, connection reset). */
export class RosterNetworkError extends RosterError {
  override readonly name = 'RosterNetworkError';
  constructor(info: FailedRequest, cause: unknown) {
    super(info, reasonForNetwork(), { cause });
  }
}

/** The request got no answer within `timeout` milliseconds. */
export class RosterTimeoutError extends RosterError {
  override readonly name = 'RosterTimeoutError';
  readonly timeout: number;
  constructor(info: FailedRequest, timeout: number) {
    super(info, reasonForTimeout());
    this.timeout = timeout;
  }
}

/**
 * An answer broke the contract: a field the elements rely on is absent or of another type.
 * Not thrown: the client puts an empty stand-in in its place (an absent list is empty, an
 * absent permission "not allowed") and reports it once through `onContractError`. Its
 * `message` names the request, the field and the type the contract asks for.
 */
export class RosterContractError extends RosterError {
  override readonly name = 'RosterContractError';
  constructor(
    info: FailedRequest,
    /** The field's path from the schema's name, e.g. `Workspace.features.flags`. */
    readonly field: string,
    /** The JSON type the contract asks for, e.g. `array` or `number|null`. */
    readonly expected: string,
  ) {
    super(info, reasonForContract(field, expected));
  }
}

/** True for any error of the Roster client family. */
export function isRosterError(error: unknown): error is RosterError {
  return (error as RosterError | null)?.isRosterError === true;
}

/** True for an HTTP error answer; with `code`, only for a problem carrying that code. */
export function isRosterHttpError(error: unknown, code?: ErrorCode): error is RosterHttpError {
  return (
    isRosterError(error) &&
    error.name === 'RosterHttpError' &&
    (code === undefined || (error as RosterHttpError).code === code)
  );
}

/** True when the request never got an answer. */
export function isRosterNetworkError(error: unknown): error is RosterNetworkError {
  return isRosterError(error) && error.name === 'RosterNetworkError';
}

/** True when the request timed out. */
export function isRosterTimeoutError(error: unknown): error is RosterTimeoutError {
  return isRosterError(error) && error.name === 'RosterTimeoutError';
}

/**
 * True when a failed write may still have been applied by the server (no answer, a timeout
 * or a 5xx): the caller should re-read the resource rather than trust its rollback.
 */
export function isOutcomeUnknown(error: unknown): boolean {
  return (
    isRosterNetworkError(error) ||
    isRosterTimeoutError(error) ||
    (isRosterHttpError(error) && error.status >= 500)
  );
}

/** True for the rejection of a request that was cancelled (by its caller or a newer search). */
export function isAbortError(error: unknown): boolean {
  return (error as Error | null)?.name === 'AbortError';
}

function asProblem(body: unknown): Problem | null {
  if (typeof body !== 'object' || body === null) return null;
  const candidate = body as Partial<Problem>;
  return typeof candidate.code === 'string' && typeof candidate.status === 'number'
    ? { ...(candidate as Problem), detail: String(candidate.detail ?? candidate.title ?? '') }
    : null;
}

function excerpt(body: unknown): string {
  if (body === undefined || body === null) return '';
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  // An HTML error page says little in its markup; keep a short, tag-free excerpt.
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}
