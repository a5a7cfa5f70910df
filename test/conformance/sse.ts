/**
 * Reads `GET /events` with fetch (so the bearer token is sent) and eventsource-parser, and
 * hands out the decoded events in order.
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
    private readonly abort: AbortController,
  ) {}

  /** Connects; resolves once the response headers are in. */
  static async open(url: URL, headers: Record<string, string>): Promise<EventStream> {
    const abort = new AbortController();
    const res = await fetch(url, {
      headers: { Accept: 'text/event-stream', ...headers },
      signal: abort.signal,
    });
    const stream = new EventStream(res.status, res.headers, abort);
    if (res.ok && res.body) void stream.pump(res.body);
    else await res.body?.cancel();
    return stream;
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
