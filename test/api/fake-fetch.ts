/**
 * A scripted `fetch` for client tests: answers each request with the next step of a script
 * (or a handler), records every request, and honours abort signals like a real fetch.
 */

/** What a step may do with a request. */
export type Step =
  Response | { networkError: true } | { hang: true } | { delay: number; response: Response };

/** A recorded request. */
export interface Call {
  method: string;
  url: string;
  headers: Headers;
  body: string;
  /** Whether the request carries cookies (`fetch`'s `credentials`). */
  credentials: RequestCredentials;
}

export interface FakeFetch {
  fetch: typeof fetch;
  calls: Call[];
}

/** Builds a fake fetch answering from `steps` in order (the last step repeats) or a handler. */
export function fakeFetch(steps: Step[] | ((call: Call, index: number) => Step)): FakeFetch {
  const calls: Call[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const call: Call = {
      method: request.method,
      url: request.url,
      headers: request.headers,
      credentials: request.credentials,
      body: request.body ? await request.text() : '',
    };
    const index = calls.push(call) - 1;
    const step =
      typeof steps === 'function' ? steps(call, index) : steps[Math.min(index, steps.length - 1)]!;
    const signal = init?.signal ?? request.signal;
    return new Promise<Response>((resolve, reject) => {
      const abort = () => reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
      if (signal.aborted) return abort();
      signal.addEventListener('abort', abort, { once: true });
      if (step instanceof Response) resolve(step.clone());
      else if ('networkError' in step) reject(new TypeError('Failed to fetch'));
      else if ('delay' in step) setTimeout(() => resolve(step.response.clone()), step.delay);
      // `hang`: never answers; only the signal ends it.
    });
  };
  return { fetch: fetchImpl as typeof fetch, calls };
}

/** A JSON response. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/** A problem+json error response. */
export function problem(
  status: number,
  code: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return new Response(
    JSON.stringify({
      type: 'about:blank',
      title: code,
      status,
      detail: `${code} detail`,
      code,
      ...extra,
    }),
    { status, headers: { 'Content-Type': 'application/problem+json', ...headers } },
  );
}
