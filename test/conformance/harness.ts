/**
 * Runs named checks, prints one line each (a failure adds its step, request, expectation and
 * answer, and every contract problem) and counts them. Inside a check, every request goes
 * through {@link Check.send}: its answer is checked against openapi.yaml, and whatever the check
 * creates (users, role templates) is removed again when the check ends, pass, fail or skip.
 */
import { decodeText, describeAnswer, describeRequest, mediaTypeOf, requestUrl } from './http.js';
import type { ApiClient, ApiRequest, ApiResponse, ProblemBody, Sender } from './http.js';
import { EventStream, type RawEvent } from './sse.js';

/** How a run went. */
export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** Where report lines go. */
export type Log = (line: string) => void;

/** openapi.yaml's payload schema of each event name. */
const EVENT_PAYLOAD_SCHEMAS: Record<string, string> = {
  presence: 'PresenceEvent',
  'user.created': 'UserEvent',
  'user.updated': 'UserEvent',
  'user.removed': 'UserRemovedEvent',
  seats: 'Seats',
  'template.created': 'TemplateEvent',
  'template.updated': 'TemplateEvent',
  'template.removed': 'TemplateRemovedEvent',
  resync: 'ResyncEvent',
};

/** Thrown by a failed expectation; ends the check. */
class CheckFailed extends Error {
  constructor(
    message: string,
    /** The request whose answer failed the expectation, when the expectation names one. */
    readonly request?: string,
  ) {
    super(message);
  }
}

/** Thrown by {@link skip}: the check cannot run against this server, for this reason. */
class CheckSkipped extends Error {}

/**
 * Fails the running check unless `condition` holds. `message` says what was expected and what
 * came instead; `res`, when given, names the request that answered so.
 */
export function expect(
  condition: unknown,
  message: string,
  res?: Pick<ApiResponse, 'request'>,
): asserts condition {
  if (!condition) throw new CheckFailed(message, res?.request);
}

/** Ends the running check as skipped, with the reason (e.g. what it needs and lacks). */
export function skip(reason: string): never {
  throw new CheckSkipped(reason);
}

/** The context of one running check. */
export class Check {
  /** Each contract problem once, with the first request whose answer had it. */
  private readonly contractIssues = new Map<string, string | undefined>();
  private readonly users = new Set<string>();
  private readonly templates = new Set<string>();
  private readonly notes: string[] = [];
  private readonly streams: EventStream[] = [];
  private lastExchange: string | undefined;
  private stepName: string | undefined;

  constructor(private readonly api: ApiClient) {}

  /** Names the step that follows (`replay`), so a failure says where in the check it happened. */
  step(name: string): void {
    this.stepName = name;
  }

  /** Sends a request; its answer is checked against the contract when the check ends. */
  async send(sender: Sender, req: ApiRequest): Promise<ApiResponse> {
    const res = await this.api.send(sender, req);
    this.record(res);
    this.track(req, res);
    return res;
  }

  /** Opens `GET /events` and fails the check unless the answer is a stream (200). */
  async openEvents(sender: Sender, lastEventId?: string): Promise<EventStream> {
    const { stream, answer } = await this.connectEvents(sender, lastEventId);
    this.expectStatus(answer, 200);
    return stream;
  }

  /**
   * Connects to `GET /events` whatever the answer: `answer` is its status and (for a refusal)
   * decoded problem, checked against the contract; the stream is closed when the check ends.
   */
  async connectEvents(
    sender: Sender,
    lastEventId?: string,
  ): Promise<{ stream: EventStream; answer: ApiResponse }> {
    const sent: Record<string, string> =
      lastEventId === undefined ? {} : { 'Last-Event-ID': lastEventId };
    const url = requestUrl(this.api.baseUrl, { path: '/events' });
    const stream = await EventStream.open(url, { ...this.api.authHeaders(sender), ...sent });
    this.streams.push(stream);
    const mediaType = mediaTypeOf(stream.headers);
    const decoded = decodeText(stream.status, mediaType, stream.text);
    const observed = {
      status: stream.status,
      headers: stream.headers,
      mediaType,
      body: decoded.body,
    };
    const answer: ApiResponse = {
      request: describeRequest(sender, 'GET', url, sent),
      ...observed,
      contractIssues: [
        ...decoded.issues,
        ...this.api.contract.checkResponse('GET', '/events', observed),
      ],
    };
    this.record(answer);
    return { stream, answer };
  }

  /** Decodes an event's data and checks it against the contract's `LiveEvent`. */
  decodeEvent(raw: RawEvent): { id: string; event: string; data: unknown } {
    let data: unknown;
    try {
      data = JSON.parse(raw.data);
    } catch {
      throw new CheckFailed(
        `expected JSON data in event ${raw.id ?? '?'} (${raw.event ?? 'message'}), got ${JSON.stringify(raw.data.slice(0, 80))}`,
      );
    }
    const decoded = { id: raw.id ?? '', event: raw.event ?? 'message', data };
    const contract = this.api.contract;
    if (contract.validateSchema('LiveEvent', decoded).length > 0) {
      // The oneOf's own errors list every branch; the payload schema of this event says it plainly.
      const payload = EVENT_PAYLOAD_SCHEMAS[decoded.event];
      const issues = payload
        ? contract.validateSchema(payload, data).map((i) => `data${i.replace(/^\(body\)/, '')}`)
        : [`unknown event name "${decoded.event}"`];
      if (!decoded.id) issues.push('no id');
      for (const issue of issues) this.addIssue(`event ${decoded.event} #${decoded.id}: ${issue}`);
    }
    return decoded;
  }

  /** Fails the check unless the answer has this status. */
  expectStatus(res: ApiResponse, status: number): void {
    expect(res.status === status, `expected ${status}, got ${describeAnswer(res)}`, res);
  }

  /** Fails the check unless the answer is a problem with this status, code and (optionally) field. */
  expectProblem(res: ApiResponse, status: number, code: string, field?: string): void {
    const problem = (res.body ?? {}) as ProblemBody;
    const fields = Array.isArray(problem.errors) ? problem.errors.map((e) => e.field) : [];
    expect(
      res.status === status &&
        problem.code === code &&
        (field === undefined || fields.includes(field)),
      `expected ${status} ${code}${field === undefined ? '' : ` with errors[] naming "${field}"`}, got ${describeAnswer(res)}`,
      res,
    );
  }

  /** Adds a remark to the check's report line (e.g. which variant the server took). */
  note(text: string): void {
    this.notes.push(text);
  }

  /** @internal Problems the contract found in this check's answers, each with where it was first seen. */
  get issues(): string[] {
    return [...this.contractIssues].map(([issue, request]) =>
      request ? `${issue} (first in ${request})` : issue,
    );
  }

  /** @internal Remarks for the report line. */
  get remarks(): readonly string[] {
    return this.notes;
  }

  /** @internal Where the check was when it ended: its step and its last request and answer. */
  get whereabouts(): { step: string | undefined; last: string | undefined } {
    return { step: this.stepName, last: this.lastExchange };
  }

  /** @internal Removes what the check created; returns what could not be removed. */
  async cleanUp(): Promise<string[]> {
    for (const stream of this.streams) stream.close();
    const leftovers: string[] = [];
    for (const [path, ids] of [
      ['/users/{id}', this.users],
      ['/role-templates/{id}', this.templates],
    ] as const) {
      for (const id of ids) {
        try {
          const res = await this.api.send('admin', { method: 'DELETE', path, params: { id } });
          if (res.status !== 204 && res.status !== 404)
            leftovers.push(`${path} ${id} (${describeAnswer(res)})`);
        } catch (error) {
          leftovers.push(`${path} ${id} (${String(error)})`);
        }
      }
    }
    return leftovers;
  }

  private record(res: ApiResponse): void {
    for (const issue of res.contractIssues) this.addIssue(issue, res.request);
    this.lastExchange = `${res.request} → ${describeAnswer(res)}`;
  }

  private addIssue(issue: string, request?: string): void {
    if (!this.contractIssues.has(issue)) this.contractIssues.set(issue, request);
  }

  private track(req: ApiRequest, res: ApiResponse): void {
    const id = (res.body as { id?: unknown } | undefined)?.id;
    if (req.method === 'POST' && res.status === 201 && typeof id === 'string') {
      if (req.path === '/invitations') this.users.add(id);
      if (req.path === '/role-templates') this.templates.add(id);
    }
    if (req.method === 'DELETE' && res.status === 204 && req.params?.['id']) {
      if (req.path === '/users/{id}') this.users.delete(req.params['id']);
      if (req.path === '/role-templates/{id}') this.templates.delete(req.params['id']);
    }
  }
}

/** The report lines of what ended a check: where it was, what was sent, what went wrong. */
function endLines(error: unknown, t: Check): string[] {
  const { step, last } = t.whereabouts;
  const lines = step ? [`at step: ${step}`] : [];
  if (error instanceof CheckFailed) {
    if (error.request) lines.push(`request: ${error.request}`);
    else if (last) lines.push(`last request: ${last}`);
    lines.push(error.message);
  } else {
    if (last) lines.push(`last request: ${last}`);
    lines.push(`error: ${error instanceof Error ? error.message : String(error)}`);
  }
  return lines;
}

/** Runs checks one after another and reports each on its own line. */
export class Harness {
  readonly counts: Counts = { passed: 0, failed: 0, skipped: 0 };

  constructor(
    private readonly api: ApiClient,
    private readonly log: Log,
  ) {}

  /** Starts a titled group of checks in the report. */
  group(title: string): void {
    this.log(`\n${title}`);
  }

  /**
   * Runs one check; a failed expectation, a thrown error or a contract violation fails it, a
   * {@link skip} skips it (unless its answers already broke the contract). Every problem is
   * listed. Returns whether it passed.
   */
  async check(name: string, body: (t: Check) => Promise<void>): Promise<boolean> {
    const t = new Check(this.api);
    const failures: string[] = [];
    let skipped: string | undefined;
    try {
      await body(t);
    } catch (error) {
      if (error instanceof CheckSkipped) skipped = error.message;
      else failures.push(...endLines(error, t));
    }
    failures.push(...t.issues.map((issue) => `contract: ${issue}`));
    const leftovers = await t.cleanUp();
    if (leftovers.length) failures.push(`could not remove ${leftovers.join(', ')}`);
    const remarks = t.remarks.length ? ` (${t.remarks.join('; ')})` : '';
    if (failures.length === 0 && skipped !== undefined) {
      this.skip(`${name}${remarks}`, skipped);
      return false;
    }
    if (skipped !== undefined) failures.push(`stopped: ${skipped}`);
    if (failures.length === 0) {
      this.counts.passed++;
      this.log(`  PASS  ${name}${remarks}`);
      return true;
    }
    this.counts.failed++;
    this.log(`  FAIL  ${name}${remarks}`);
    for (const failure of failures) this.log(`          ${failure}`);
    return false;
  }

  /** Records a check that cannot run with what the suite was given, and why. */
  skip(name: string, reason: string): void {
    this.counts.skipped++;
    this.log(`  SKIP  ${name}: ${reason}`);
  }
}
