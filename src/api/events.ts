/**
 * The live event reader: `GET /events` over `fetch` (so the host's auth headers apply and no
 * token ever goes in a URL), Server-Sent Events parsed by `eventsource-parser`, reconnected
 * with exponential backoff and jitter, resumed with `Last-Event-ID`.
 */
import { createParser } from 'eventsource-parser';
import { sleep } from './http.js';
import type { RosterClient } from './client.js';
import { isAbortError } from './errors.js';
import type { RosterContractError } from './errors.js';
import { actionLabels } from './messages.js';
import { contractChecker } from './shape.js';
import { EVENT_NAMES } from './types.js';
import type { EventName, LiveEvent } from './types.js';

/** Connection state reported by the reader. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** Options of {@link openEventStream}. */
export interface EventStreamOptions {
  client: RosterClient;
  /** Called for every decoded event, `resync` included. */
  onEvent: (event: LiveEvent) => void;
  /**
   * Called after a reconnect that may have missed events and cannot replay them (no event
   * id had been received yet): the consumer should resync, as on a `resync` event.
   */
  onGap: () => void;
  /** Called when the connection state changes. */
  onState?: (state: ConnectionState) => void;
  /** Called with each connection failure (before the next attempt). */
  onError?: (error: unknown) => void;
  /**
   * Called once per broken field when an event's data breaks the contract; such an event is
   * skipped (never half-applied), and the stream goes on.
   */
  onContractError?: (error: RosterContractError) => void;
  /** First reconnect delay in ms, doubled per failed attempt. Default 1000. */
  backoff?: number;
  /** Longest reconnect delay in ms. Default 30 000. */
  maxBackoff?: number;
}

/** A running event stream. */
export interface EventStream {
  /** Stops reading and reconnecting; the request is aborted. */
  close(): void;
}

/** Opens the live event stream; it reconnects by itself until closed. */
export function openEventStream(options: EventStreamOptions): EventStream {
  const controller = new AbortController();
  const { signal } = controller;
  const backoff = options.backoff ?? 1000;
  const maxBackoff = options.maxBackoff ?? 30_000;
  let lastEventId: string | undefined;
  let serverRetry: number | undefined;
  const conform = contractChecker(options.onContractError);
  const info = {
    action: actionLabels.liveEvents(),
    method: 'GET',
    url: `${options.client.baseUrl}events`,
  };

  /** Decodes one message; unknown names (a newer server's) and broken payloads give null. */
  function decode(name: string | undefined, data: string, id = ''): LiveEvent | null {
    if (!EVENT_NAMES.includes(name as EventName)) return null;
    const type = name as EventName;
    if (type === 'resync') return { id, type, data: {} };
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      // Not JSON: reported below as a payload that is not an object.
    }
    const [checked, broken] = conform<LiveEvent['data']>(type, payload, info);
    return broken ? null : ({ id, type, data: checked } as LiveEvent);
  }

  const parser = createParser({
    onEvent: (message) => {
      if (message.id !== undefined) lastEventId = message.id;
      const event = decode(message.event, message.data, message.id);
      if (event) options.onEvent(event);
    },
    onRetry: (retry) => {
      serverRetry = retry;
    },
  });

  async function readOnce(): Promise<void> {
    const response = await options.client.openEvents({ signal, lastEventId });
    options.onState?.('open');
    const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
    if (!reader) return;
    // A custom fetch (an in-page mock) may not tie its body to the signal: cancel it here.
    const cancel = () => void reader.cancel().catch(() => undefined);
    signal.addEventListener('abort', cancel, { once: true });
    parser.reset();
    try {
      for (let step = await reader.read(); !step.done; step = await reader.read()) {
        parser.feed(step.value);
      }
    } finally {
      signal.removeEventListener('abort', cancel);
    }
  }

  async function run(): Promise<void> {
    let failures = 0;
    options.onState?.('connecting');
    for (let connected = false; !signal.aborted; connected = true) {
      if (connected) {
        options.onState?.('reconnecting');
        if (lastEventId === undefined) options.onGap();
      }
      try {
        await readOnce();
        failures = 0;
      } catch (error) {
        if (signal.aborted || isAbortError(error)) break;
        options.onError?.(error);
        failures += 1;
      }
      if (signal.aborted) break;
      const ceiling = Math.min(
        maxBackoff,
        (serverRetry ?? backoff) * 2 ** Math.max(0, failures - 1),
      );
      // Closing the stream ends the wait early (the loop then stops).
      await sleep(ceiling / 2 + (Math.random() * ceiling) / 2, signal).catch(() => undefined);
    }
    options.onState?.('closed');
  }

  void run();
  return { close: () => controller.abort() };
}
