/**
 * Runs named checks, prints one line each and counts them. Inside a check, every request goes
 * through {@link Check.send}: its answer is checked against openapi.yaml, and whatever the check
 * creates (users, role templates) is removed again when the check ends, pass or fail.
 */
import { mediaTypeOf, requestUrl } from './http.js';
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

/** Contract violations listed per check; the rest are counted. */
const MAX_ISSUES = 6;

/** Thrown by a failed expectation; ends the check. */
class CheckFailed extends Error {}

/** Fails the running check unless `condition` holds. */
export function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CheckFailed(message);
}

/** The context of one running check. */
export class Check {
  private readonly contractIssues: string[] = [];
  private readonly users = new Set<string>();
  private readonly templates = new Set<string>();
  private readonly notes: string[] = [];
  private readonly streams: EventStream[] = [];

  constructor(private readonly api: ApiClient) {}

  /** Sends a request; its answer is checked against the contract when the check ends. */
  async send(sender: Sender, req: ApiRequest): Promise<ApiResponse> {
    const res = await this.api.send(sender, req);
    this.contractIssues.push(...res.contractIssues);
    this.track(req, res);
    return res;
  }

  /** Opens `GET /events`; the answer is checked against the contract, the stream closed at the end. */
  async openEvents(sender: Sender, lastEventId?: string): Promise<EventStream> {
    const headers = this.api.authHeaders(sender);
    if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
    const stream = await EventStream.open(
      requestUrl(this.api.baseUrl, { path: '/events' }),
      headers,
    );
    this.streams.push(stream);
    const observed = {
      status: stream.status,
      headers: stream.headers,
      mediaType: mediaTypeOf(stream.headers),
      body: undefined,
    };
    this.contractIssues.push(...this.api.contract.checkResponse('GET', '/events', observed));
    this.expectStatus({ ...observed, contractIssues: [] }, 200);
    return stream;
  }

  /** Decodes an event's data and checks it against the contract's `LiveEvent`. */
  decodeEvent(raw: RawEvent): { id: string; event: string; data: unknown } {
    let data: unknown;
    try {
      data = JSON.parse(raw.data);
    } catch {
      throw new CheckFailed(
        `event ${raw.id ?? '?'} (${raw.event ?? 'message'}) has data that is not JSON`,
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
      this.contractIssues.push(...issues.map((i) => `event ${decoded.event} #${decoded.id}: ${i}`));
    }
    return decoded;
  }

  /** Fails the check unless the answer has this status. */
  expectStatus(res: ApiResponse, status: number): void {
    expect(res.status === status, `expected ${status}, got ${res.status}${describeProblem(res)}`);
  }

  /** Fails the check unless the answer is a problem with this status, code and (optionally) field. */
  expectProblem(res: ApiResponse, status: number, code: string, field?: string): void {
    this.expectStatus(res, status);
    const problem = res.body as ProblemBody;
    expect(problem.code === code, `expected code ${code}, got ${String(problem.code)}`);
    if (field !== undefined) {
      const fields = (problem.errors ?? []).map((e) => e.field);
      expect(
        fields.includes(field),
        `expected errors[] to name "${field}", got [${fields.join(', ')}]`,
      );
    }
  }

  /** Adds a remark to the check's report line (e.g. which variant the server took). */
  note(text: string): void {
    this.notes.push(text);
  }

  /** @internal Problems the contract found in this check's answers. */
  get issues(): readonly string[] {
    return this.contractIssues;
  }

  /** @internal Remarks for the report line. */
  get remarks(): readonly string[] {
    return this.notes;
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
            leftovers.push(`${path} ${id} (${res.status})`);
        } catch (error) {
          leftovers.push(`${path} ${id} (${String(error)})`);
        }
      }
    }
    return leftovers;
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

function describeProblem(res: ApiResponse): string {
  const problem = res.body as ProblemBody | undefined;
  if (!problem || typeof problem !== 'object' || !problem.code) return '';
  const fields = problem.errors?.map((e) => `${e.field}:${e.code}`).join(', ');
  return ` (${problem.code}${fields ? `: ${fields}` : ''})`;
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

  /** Runs one check; a thrown error or a contract violation fails it. Returns whether it passed. */
  async check(name: string, body: (t: Check) => Promise<void>): Promise<boolean> {
    const t = new Check(this.api);
    const failures: string[] = [];
    try {
      await body(t);
    } catch (error) {
      failures.push(error instanceof CheckFailed ? error.message : `error: ${String(error)}`);
    }
    const issues = [...new Set(t.issues)];
    failures.push(...issues.slice(0, MAX_ISSUES).map((issue) => `contract: ${issue}`));
    if (issues.length > MAX_ISSUES) failures.push(`… and ${issues.length - MAX_ISSUES} more`);
    const leftovers = await t.cleanUp();
    if (leftovers.length) failures.push(`could not remove ${leftovers.join(', ')}`);
    const remarks = t.remarks.length ? ` (${t.remarks.join('; ')})` : '';
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
