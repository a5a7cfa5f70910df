/**
 * Reads `GET /events` with fetch (so the persona's headers and cookie are sent) and
 * eventsource-parser, and hands out the decoded events in order.
 */
import { createParser } from 'eventsource-parser';

/** One event as received: its data is still the raw text. */
export interface RawEvent {
  id: string | undefined;
  event: string | undefined;
  data: string;
}

/** An open event stream. Always {@link close} it. */
export class EventStream {
  readonly received: RawEvent[] = [];
  private wake: (() => void) | undefined;
  private ended = false;

  private constructor(
    readonly status: number,
    readonly headers: Headers,
    /** The body of an answer that is not a stream (a refusal's problem), else empty. */
    readonly text: string,
    private readonly abort: AbortController,
  ) {}

  /** Connects; resolves once the response headers are in (or a refusal's whole body). */
  static async open(url: URL, headers: Record<string, string>): Promise<EventStream> {
    const abort = new AbortController();
    const res = await fetch(url, {
      headers: { Accept: 'text/event-stream', ...headers },
      signal: abort.signal,
    });
    if (res.ok && res.body) {
      const stream = new EventStream(res.status, res.headers, '', abort);
      void stream.pump(res.body);
      return stream;
    }
    return new EventStream(res.status, res.headers, await res.text(), abort);
  }

  /** Waits for the first event, from `from` on, that satisfies `match`; undefined on timeout. */
  async waitFor(
    match: (e: RawEvent) => boolean,
    timeoutMs: number,
    from = 0,
  ): Promise<RawEvent | undefined> {
    const deadline = Date.now() + timeoutMs;
    let seen = from;
    for (;;) {
      for (; seen < this.received.length; seen++) {
        const event = this.received[seen]!;
        if (match(event)) return event;
      }
      const left = deadline - Date.now();
      if (left <= 0 || this.ended) return undefined;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Disconnects. */
  close(): void {
    this.abort.abort();
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const parser = createParser({
      onEvent: (e) => {
        this.received.push({ id: e.id, event: e.event, data: e.data });
        this.wake?.();
      },
    });
    const decoder = new TextDecoder();
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } catch {
      // Aborted by close(), or the server dropped the connection: either way the stream is over.
    }
    this.ended = true;
    this.wake?.();
  }
}

/**
 * Matches an event by name and parsed data: `eventOf('user.removed', (d) => d.userId === id)`.
 * Data that is not JSON, or lacks what `test` reads, does not match.
 */
export function eventOf<T = Record<string, unknown>>(
  name: string,
  test: (data: T) => boolean,
): (e: RawEvent) => boolean {
  return (e) => {
    if (e.event !== name) return false;
    try {
      return test(JSON.parse(e.data) as T);
    } catch {
      return false;
    }
  };
}

/** The id of the user a `user.*` or `presence` event is about, or undefined for other events. */
export function userOfEvent(e: RawEvent): string | undefined {
  if (e.event !== 'presence' && !e.event?.startsWith('user.')) return undefined;
  try {
    const data = JSON.parse(e.data) as { user?: { id?: unknown }; userId?: unknown };
    const id = data.user?.id ?? data.userId;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}
