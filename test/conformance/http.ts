/**
 * The suite's HTTP client: one request, its answer read and decoded, and checked against
 * openapi.yaml. It never throws for an HTTP status; the checks judge statuses themselves.
 * Every answer carries a one-line description of its request, so a failure can say what was sent.
 */
import type { Contract } from './contract.js';

/** Who sends a request: a configured persona, nobody, or credentials the server cannot know. */
export type Persona = 'admin' | 'secondAdmin' | 'limited' | 'noAccess' | 'noExport' | 'readOnly';
export type Sender = Persona | 'anonymous' | 'unknown-credentials';

/** Every persona, in the order the report lists them. */
export const PERSONAS: readonly Persona[] = [
  'admin',
  'secondAdmin',
  'limited',
  'noAccess',
  'noExport',
  'readOnly',
];

/** The command-line prefix of each persona's flags (`--no-access-token`, `--no-access-header`). */
export const PERSONA_FLAGS: Record<Persona, string> = {
  admin: 'admin',
  secondAdmin: 'second-admin',
  limited: 'limited',
  noAccess: 'no-access',
  noExport: 'no-export',
  readOnly: 'read-only',
};

/**
 * How one persona authenticates; any mix of the three. The token is sent as
 * `Authorization: Bearer <token>`, each header as given, the cookie as the `Cookie` header.
 */
export interface PersonaAuth {
  token?: string;
  /** Extra request headers, e.g. `{ 'X-Api-Key': '…' }`. */
  headers?: Record<string, string>;
  /** A `Cookie` header value, e.g. `session=abc; csrf=def`. */
  cookie?: string;
}

/** Credentials by persona. Only `admin` is needed; checks needing another persona skip. */
export type Auth = Partial<Record<Persona, PersonaAuth>>;

/** Bearer tokens by persona (the older way to give credentials; still accepted). */
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
  /** The body's `Content-Type`, when not `application/json`. */
  contentType?: string;
  headers?: Record<string, string>;
}

/** A decoded answer. */
export interface ApiResponse {
  /** What was sent, in one line: `POST /invitations as admin, body {…}`. */
  request: string;
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
  detail?: string;
  errors?: { field: string; code: string }[];
}

const TIMEOUT_MS = 10_000;

/** Request headers a report shows (auth headers never are). */
const SHOWN_HEADERS = ['if-match', 'idempotency-key', 'last-event-id'];

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

/** JSON of a value with long strings cut down, for a report line. */
export function summarise(value: unknown, max = 240): string {
  const text =
    JSON.stringify(value, (_key, v: unknown) =>
      typeof v === 'string' && v.length > 60 ? `${v.slice(0, 40)}… (${v.length} chars)` : v,
    ) ?? String(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** `POST /api/v1/invitations as admin, Idempotency-Key: k, body {…}`: what a request sent. */
export function describeRequest(
  sender: Sender,
  method: string,
  url: URL,
  headers: Record<string, string>,
  body?: string,
): string {
  const parts = [`${method} ${url.pathname}${url.search} as ${sender}`];
  for (const [name, value] of Object.entries(headers)) {
    if (SHOWN_HEADERS.includes(name.toLowerCase())) parts.push(`${name}: ${value}`);
  }
  if (body !== undefined) {
    let shown: string;
    try {
      shown = summarise(JSON.parse(body));
    } catch {
      shown = `${summarise(body)} (not JSON)`;
    }
    parts.push(`body ${shown}`);
  }
  return parts.join(', ');
}

/**
 * What an answer was, in one line: `422 validation_failed "The email is taken." [email: taken]`
 * for a problem, the status and a summary of the body otherwise.
 */
export function describeAnswer(res: Pick<ApiResponse, 'status' | 'body' | 'mediaType'>): string {
  const problem = res.body as ProblemBody | undefined;
  if (res.mediaType === 'application/problem+json' && problem && typeof problem === 'object') {
    const fields = problem.errors?.map((e) => `${e.field}: ${e.code}`).join(', ');
    const detail = problem.detail ? ` ${JSON.stringify(problem.detail)}` : '';
    return `${res.status} ${String(problem.code)}${detail}${fields ? ` [${fields}]` : ''}`;
  }
  if (res.body === undefined) return `${res.status} (no body)`;
  return `${res.status} ${res.mediaType || '(no content type)'} ${summarise(res.body, 160)}`;
}

/** Sends requests as the configured personas and checks every answer against the contract. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly auth: Auth,
    readonly contract: Contract,
  ) {}

  /** Whether credentials were given for this persona. */
  has(persona: Persona): boolean {
    const auth = this.auth[persona];
    return !!auth && (!!auth.token || !!auth.cookie || Object.keys(auth.headers ?? {}).length > 0);
  }

  /**
   * The headers that authenticate `sender`. Unknown credentials have the admin's shape with
   * values no server issued: the token garbled, else the cookie's values, else the headers'.
   */
  authHeaders(sender: Sender): Record<string, string> {
    if (sender === 'anonymous') return {};
    if (sender === 'unknown-credentials') return garbled(this.auth.admin ?? {});
    if (!this.has(sender)) throw new Error(`No credentials for persona ${sender}`);
    return headersOf(this.auth[sender]!);
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
    if (body !== undefined) headers['Content-Type'] = req.contentType ?? 'application/json';
    const url = requestUrl(this.baseUrl, req);
    const request = describeRequest(sender, req.method, url, req.headers ?? {}, body);
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
      throw new Error(`${request} failed: ${cause}`, { cause: error });
    }
    const mediaType = mediaTypeOf(res.headers);
    const decoded = await decodeBody(res, mediaType);
    const observed = { status: res.status, headers: res.headers, mediaType, body: decoded.body };
    return {
      request,
      ...observed,
      contractIssues: [
        ...decoded.issues,
        ...this.contract.checkResponse(req.method, req.path, observed),
      ],
    };
  }
}

/** The request headers one persona's credentials make. */
function headersOf(auth: PersonaAuth): Record<string, string> {
  const headers: Record<string, string> = { ...auth.headers };
  if (auth.token) headers['Authorization'] = `Bearer ${auth.token}`;
  if (auth.cookie) headers['Cookie'] = auth.cookie;
  return headers;
}

/** Credentials shaped like `auth` that no server issued. */
function garbled(auth: PersonaAuth): Record<string, string> {
  const bogus = `not-a-credential-${Date.now()}`;
  if (auth.token || (!auth.cookie && !auth.headers)) return headersOf({ ...auth, token: bogus });
  if (auth.cookie) {
    const cookie = auth.cookie
      .split(';')
      .map((pair) => `${pair.split('=')[0]!.trim()}=${bogus}`)
      .join('; ');
    return headersOf({ ...auth, cookie });
  }
  const headers = Object.fromEntries(Object.keys(auth.headers ?? {}).map((name) => [name, bogus]));
  return headersOf({ headers });
}

/** Merges the older `tokens` into `auth` (a persona's `auth` entry wins on its own fields). */
export function mergeAuth(auth: Auth = {}, tokens: Partial<Tokens> = {}): Auth {
  const merged: Auth = {};
  for (const persona of PERSONAS) {
    const token = tokens[persona];
    const given = { ...(token === undefined ? {} : { token }), ...auth[persona] };
    if (Object.keys(given).length > 0) merged[persona] = given;
  }
  return merged;
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
  return decodeText(res.status, mediaType, await res.text());
}

/** Parses a JSON body; anything else stays text. */
export function decodeText(
  status: number,
  mediaType: string,
  text: string,
): { body: unknown; issues: string[] } {
  if (text === '') return { body: undefined, issues: [] };
  if (!mediaType.endsWith('json')) return { body: text, issues: [] };
  try {
    return { body: JSON.parse(text) as unknown, issues: [] };
  } catch {
    return { body: text, issues: [`${status} body is not valid JSON: ${text.slice(0, 80)}`] };
  }
}
