/**
 * The suite's HTTP client: one request, its answer read and decoded, and checked against
 * openapi.yaml. It never throws for an HTTP status; the checks judge statuses themselves.
 */
import type { Contract } from './contract.js';

/** Who sends a request: a configured persona, nobody, or a token the server cannot know. */
export type Persona = 'admin' | 'secondAdmin' | 'limited' | 'noAccess' | 'noExport';
export type Sender = Persona | 'anonymous' | 'unknown-token';

/** The tokens the suite was given, by persona. Only `admin` is mandatory. */
export type Tokens = { admin: string } & Partial<Record<Exclude<Persona, 'admin'>, string>>;

/** One request, with its path as the template openapi.yaml uses (`/users/{id}`). */
export interface ApiRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  /** Values for the template's `{name}` segments. */
  params?: Record<string, string>;
  query?: Record<string, string | number | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as-is with a JSON content type (for malformed or oversized bodies). */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** A decoded answer. */
export interface ApiResponse {
  status: number;
  headers: Headers;
  mediaType: string;
  /** Parsed JSON for JSON media types, the text otherwise, undefined when empty. */
  body: unknown;
  /** Problems found by checking the answer against openapi.yaml. */
  contractIssues: string[];
}

/** Bits of a problem+json body the checks look at. */
export interface ProblemBody {
  code?: string;
  errors?: { field: string; code: string }[];
}

const TIMEOUT_MS = 10_000;

/** Builds the absolute URL of a request. */
export function requestUrl(baseUrl: string, req: Pick<ApiRequest, 'path' | 'params' | 'query'>) {
  const path = req.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = req.params?.[name];
    if (value === undefined) throw new Error(`No value for {${name}} in ${req.path}`);
    return encodeURIComponent(value);
  });
  const url = new URL(baseUrl.replace(/\/+$/, '') + path);
  for (const [key, value] of Object.entries(req.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url;
}

/** Sends requests as the configured personas and checks every answer against the contract. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly tokens: Tokens,
    readonly contract: Contract,
  ) {}

  /** Whether a token was given for this persona. */
  has(persona: Persona): boolean {
    return this.tokens[persona] !== undefined;
  }

  /** The headers that authenticate `sender`. */
  authHeaders(sender: Sender): Record<string, string> {
    if (sender === 'anonymous') return {};
    const token = sender === 'unknown-token' ? `not-a-token-${Date.now()}` : this.tokens[sender];
    if (token === undefined) throw new Error(`No token for persona ${sender}`);
    return { Authorization: `Bearer ${token}` };
  }

  /** Sends one request and decodes and checks the answer. */
  async send(sender: Sender, req: ApiRequest): Promise<ApiResponse> {
    const headers: Record<string, string> = {
      Accept: 'application/json, application/problem+json',
      ...this.authHeaders(sender),
      ...req.headers,
    };
    let body: string | undefined = req.rawBody;
    if (req.body !== undefined) body = JSON.stringify(req.body);
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const url = requestUrl(this.baseUrl, req);
    let res: Response;
    try {
      res = await fetch(url, {
        method: req.method,
        headers,
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? String(error);
      throw new Error(`${req.method} ${url.pathname} failed: ${cause}`, { cause: error });
    }
    const mediaType = mediaTypeOf(res.headers);
    const decoded = await decodeBody(res, mediaType);
    const observed = { status: res.status, headers: res.headers, mediaType, body: decoded.body };
    return {
      ...observed,
      contractIssues: [
        ...decoded.issues,
        ...this.contract.checkResponse(req.method, req.path, observed),
      ],
    };
  }
}

/** The media type of a response without parameters, lower-cased. */
export function mediaTypeOf(headers: Headers): string {
  return (headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

async function decodeBody(
  res: Response,
  mediaType: string,
): Promise<{ body: unknown; issues: string[] }> {
  if (mediaType === 'text/event-stream') {
    await res.body?.cancel();
    return { body: undefined, issues: [] };
  }
  const text = await res.text();
  if (text === '') return { body: undefined, issues: [] };
  if (!mediaType.endsWith('json')) return { body: text, issues: [] };
  try {
    return { body: JSON.parse(text) as unknown, issues: [] };
  } catch {
    return { body: text, issues: [`${res.status} body is not valid JSON: ${text.slice(0, 80)}`] };
  }
}
