/**
 * The one place Roster calls `fetch`: every attempt asks the host for fresh headers, waits at
 * most `timeout` for the answer's headers (never for its body, so an event stream stays
 * open), and a retriable request is tried again on no answer and on 429/502/503/504, after
 * an exponential backoff with full jitter or the server's `Retry-After`, both capped.
 *
 * Why not an HTTP library: ky did exactly this for 4.4 KB gzip of the script-tag build
 * (7% of its budget); this module is under 1 KB, and test/api/client.test.ts pins each rule.
 */

/** Statuses a retriable request is tried again on (besides no answer at all). */
const RETRY_STATUSES = [429, 502, 503, 504];
/** Statuses whose `Retry-After` says when to try again. */
const RETRY_AFTER_STATUSES = [429, 503];

/** How requests are sent: the client's options, resolved. */
export interface HttpOptions {
  /** Headers sent with every request. */
  headers?: HeadersInit;
  /** Called before every attempt: headers to add, e.g. a fresh bearer token. */
  getHeaders?: () => HeadersInit | Promise<HeadersInit>;
  credentials: RequestCredentials;
  fetch: typeof fetch;
  /** Milliseconds to wait for each attempt's answer; `false` for no limit. */
  timeout: number | false;
  /** Retries after the first attempt of a retriable request. */
  limit: number;
  /** First backoff delay in ms, doubled each retry. */
  backoff: number;
  /** Upper bound in ms of any wait, a server's `Retry-After` included. */
  maxDelay: number;
}

/** One request. */
export interface HttpInit {
  method: string;
  headers?: Record<string, string>;
  /** A JSON text (sent as `application/json`). */
  body?: string;
  signal?: AbortSignal;
  /** Whether to try again after no answer or a passing failure; default for GET only. */
  retry?: boolean;
}

/** The server answered with a status outside 2xx; `response`'s body is still unread. */
export class HttpStatusError extends Error {
  override readonly name = 'HttpStatusError';
  constructor(readonly response: Response) {
    super(`HTTP ${response.status}`);
  }
}

/** No answer within the timeout. */
export class HttpTimeoutError extends Error {
  override readonly name = 'HttpTimeoutError';
}

/**
 * Sends `init` to `url` and resolves to the 2xx response. Rejects with {@link HttpStatusError}
 * for another status, {@link HttpTimeoutError}, the caller's `AbortError`, or what `fetch`
 * threw when no answer came (a `TypeError`, or whatever a custom fetch or `getHeaders` threw).
 */
export async function send(options: HttpOptions, url: string, init: HttpInit): Promise<Response> {
  const retries = (init.retry ?? init.method === 'GET') ? options.limit : 0;
  for (let attempt = 0; ; attempt++) {
    let response: Response | undefined;
    let failure: unknown;
    try {
      response = await once(options, url, init);
    } catch (error) {
      // A timeout, and the caller's abort, are final; no answer at all may pass.
      if (error instanceof HttpTimeoutError || init.signal?.aborted) throw error;
      failure = error;
    }
    if (response?.ok) return response;
    if (attempt >= retries || (response && !RETRY_STATUSES.includes(response.status)))
      throw response ? new HttpStatusError(response) : failure;
    await response?.body?.cancel().catch(() => undefined);
    await sleep(delayBefore(options, attempt, response), init.signal);
  }
}

/** One attempt: fresh host headers, the timeout on the wait for the answer's headers. */
async function once(options: HttpOptions, url: string, init: HttpInit): Promise<Response> {
  const headers = new Headers(options.headers);
  for (const source of [await options.getHeaders?.(), init.headers])
    new Headers(source).forEach((value, name) => headers.set(name, value));
  if (init.body !== undefined && !headers.has('Content-Type'))
    headers.set('Content-Type', 'application/json');

  const timer = new AbortController();
  const signal = init.signal ? AbortSignal.any([init.signal, timer.signal]) : timer.signal;
  const answer = options.fetch(url, {
    method: init.method,
    headers,
    body: init.body,
    credentials: options.credentials,
    signal,
  });
  const ms = options.timeout;
  if (ms === false) return answer;
  // Raced, not only signalled: a custom fetch (an in-page mock) may ignore the signal.
  answer.catch(() => undefined);
  let timeout: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timeout = setTimeout(() => {
      timer.abort();
      reject(new HttpTimeoutError(`No answer within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timeout);
  }
}

/** How long to wait before retry `attempt + 1`: the server's `Retry-After`, else backoff. */
function delayBefore(options: HttpOptions, attempt: number, response?: Response): number {
  const after =
    response && RETRY_AFTER_STATUSES.includes(response.status)
      ? retryAfterSeconds(response.headers.get('Retry-After'))
      : null;
  if (after !== null) return Math.min(after * 1000, options.maxDelay);
  return Math.min(options.maxDelay, Math.random() * options.backoff * 2 ** attempt);
}

/** `Retry-After` in seconds: a number of seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterSeconds(value: string | null): number | null {
  if (value === null) return null;
  const seconds = Number(value);
  if (value.trim() !== '' && Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** Waits `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    if (signal?.aborted) abort();
    else signal?.addEventListener('abort', abort, { once: true });
  });
}
