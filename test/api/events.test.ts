import { expect, waitUntil } from '@open-wc/testing';
import { createClient } from '../../src/api/client.js';
import { openEventStream } from '../../src/api/events.js';
import type { ConnectionState } from '../../src/api/events.js';
import type { LiveEvent } from '../../src/api/types.js';
import { fakeFetch } from './fake-fetch.js';
import type { Step } from './fake-fetch.js';

/** An SSE response whose body is the given frames, then closes. */
function sse(...frames: string[]): Response {
  return new Response(frames.join(''), { headers: { 'Content-Type': 'text/event-stream' } });
}

/** An SSE response that stays open after its frames, like a live connection. */
function openSse(...frames: string[]): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const frame of frames) controller.enqueue(new TextEncoder().encode(frame));
    },
  });
  return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
}

const presence = (id: number, userId: string) =>
  `id: ${id}\nevent: presence\ndata: ${JSON.stringify({ userId, online: true, lastActiveAt: null })}\n\n`;

function streamOver(steps: Step[]) {
  const fake = fakeFetch(steps);
  const client = createClient({
    baseUrl: 'https://api.example.test/api/v1',
    fetch: fake.fetch,
    getHeaders: () => ({ Authorization: 'Bearer owner' }),
  });
  const events: LiveEvent[] = [];
  const states: ConnectionState[] = [];
  let gaps = 0;
  const stream = openEventStream({
    client,
    backoff: 5,
    maxBackoff: 20,
    onEvent: (event) => events.push(event),
    onGap: () => gaps++,
    onState: (state) => states.push(state),
  });
  return { stream, events, states, calls: fake.calls, gaps: () => gaps };
}

describe('openEventStream', () => {
  it('parses events, reconnects after the stream ends and resumes with Last-Event-ID', async () => {
    const run = streamOver([
      sse(presence(1, 'u1'), ': keep-alive\n\n', presence(2, 'u2')),
      openSse(presence(3, 'u3')),
    ]);
    await waitUntil(() => run.events.length === 3, 'three events');
    expect(run.events.map((event) => event.id)).to.deep.equal(['1', '2', '3']);
    expect(run.events[0]).to.deep.equal({
      id: '1',
      type: 'presence',
      data: { userId: 'u1', online: true, lastActiveAt: null },
    });
    expect(run.calls[0]!.headers.get('Last-Event-ID')).to.equal(null);
    expect(run.calls[1]!.headers.get('Last-Event-ID')).to.equal('2');
    expect(run.calls[1]!.headers.get('Authorization')).to.equal('Bearer owner');
    expect(run.gaps()).to.equal(0);
    run.stream.close();
    await waitUntil(() => run.states.at(-1) === 'closed', 'closed');
    expect(run.states).to.deep.equal(['connecting', 'open', 'reconnecting', 'open', 'closed']);
  });

  it('backs off after failures and reports a gap when it cannot resume', async () => {
    const run = streamOver([
      { networkError: true },
      { networkError: true },
      openSse(presence(7, 'u1')),
    ]);
    await waitUntil(() => run.events.length === 1, 'event after reconnect');
    expect(run.calls.length).to.be.greaterThanOrEqual(3);
    expect(run.gaps()).to.be.greaterThanOrEqual(1);
    run.stream.close();
  });

  it('ignores unknown event names and malformed data', async () => {
    const run = streamOver([
      openSse(
        'id: 1\nevent: mystery\ndata: {}\n\n',
        'id: 2\nevent: seats\ndata: {oops\n\n',
        'id: 3\nevent: seats\ndata: {"used":3,"limit":5}\n\n',
      ),
    ]);
    await waitUntil(() => run.events.length === 1, 'seats event');
    expect(run.events[0]).to.deep.equal({ id: '3', type: 'seats', data: { used: 3, limit: 5 } });
    run.stream.close();
  });

  it('stops cleanly: the request is aborted and no reconnect follows', async () => {
    const run = streamOver([openSse(presence(1, 'u1'))]);
    await waitUntil(() => run.events.length === 1);
    run.stream.close();
    await waitUntil(() => run.states.at(-1) === 'closed');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(run.calls).to.have.length(1);
  });
});
