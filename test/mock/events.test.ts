/** `GET /events` over real HTTP (a Node server on a free port). */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createMockServer } from '../../src/mock/index.js';
import type { MockServer } from '../../src/mock/index.js';
import { listen } from '../../src/mock/node-server.js';
import type { RunningMock } from '../../src/mock/node-server.js';

interface SseEvent {
  id: string;
  event: string;
  data: unknown;
}

/** Opens the stream and collects parsed events until `count` arrived (or the timeout passes). */
async function collect(
  url: string,
  token: string,
  count: number,
  headers: Record<string, string> = {},
  act?: () => Promise<void>,
): Promise<SseEvent[]> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 3000);
  const res = await fetch(`${url}/events`, {
    headers: { Authorization: `Bearer ${token}`, ...headers },
    signal: abort.signal,
  });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
  const events: SseEvent[] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let acted = false;
  try {
    while (events.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(
          block
            .split('\n')
            .filter((l) => !l.startsWith(':'))
            .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]),
        );
        if (fields['event'])
          events.push({
            id: fields['id'] ?? '',
            event: fields['event'],
            data: JSON.parse(fields['data'] ?? 'null'),
          });
      }
      if (!acted && act) {
        acted = true;
        await act();
      }
    }
  } catch (error) {
    if (!abort.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return events;
}

const invite = (url: string, email: string) =>
  fetch(`${url}/invitations`, {
    method: 'POST',
    headers: { Authorization: 'Bearer owner', 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, role: 'agent' }),
  });

describe('GET /events', () => {
  let mock: MockServer;
  let running: RunningMock;
  before(async () => {
    mock = createMockServer({ preset: 'all' });
    running = await listen(mock);
  });
  after(() => running.close());

  it('streams user.created and seats, with allowedActions for the listening actor', async () => {
    const events = await collect(running.url, 'manager', 2, {}, async () => {
      assert.equal((await invite(running.url, 'live@example.com')).status, 201);
    });
    assert.deepEqual(
      events.map((e) => e.event),
      ['user.created', 'seats'],
    );
    const user = (
      events[0]!.data as { user: { email: string; allowedActions: { revoke: boolean } } }
    ).user;
    assert.equal(user.email, 'live@example.com');
    assert.equal(user.allowedActions.revoke, true, 'a manager may revoke an invited agent');
    assert.ok(Number(events[1]!.id) > Number(events[0]!.id));
  });

  it('replays what was missed after Last-Event-ID, then resyncs on an unknown id', async () => {
    const first = await collect(running.url, 'owner', 2, {}, async () => {
      await invite(running.url, 'one@example.com');
    });
    const lastSeen = first[1]!.id;
    await invite(running.url, 'two@example.com');
    await invite(running.url, 'three@example.com');
    const replayed = await collect(running.url, 'owner', 4, { 'Last-Event-ID': lastSeen });
    assert.deepEqual(
      replayed.map((e) => e.event),
      ['user.created', 'seats', 'user.created', 'seats'],
    );
    assert.deepEqual(
      replayed.map((e) => (e.data as { user?: { email: string } }).user?.email).filter(Boolean),
      ['two@example.com', 'three@example.com'],
    );
    const resync = await collect(running.url, 'owner', 1, { 'Last-Event-ID': '12' });
    assert.equal(resync[0]!.event, 'resync');
    assert.deepEqual(resync[0]!.data, {});
  });

  it('ends streams when the client aborts and when the server closes', async () => {
    await collect(running.url, 'owner', 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(mock.openStreams, 0, 'an aborted stream unsubscribes');
    const other = createMockServer();
    const res = await other.fetch('http://m/api/v1/events', {
      headers: { Authorization: 'Bearer owner' },
    });
    const reading = res.text();
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(other.openStreams, 1);
    other.close();
    assert.match(await reading, /retry: 3000/);
    assert.equal(other.openStreams, 0);
  });

  it('simulates presence when asked', async () => {
    const simulated = createMockServer({ simulatePresence: { intervalMs: 20 } });
    const server = await listen(simulated);
    const events = await collect(server.url, 'owner', 3);
    assert.ok(events.length === 3 && events.every((e) => e.event === 'presence'));
    const { userId, online } = events[0]!.data as { userId: string; online: boolean };
    assert.equal(typeof userId, 'string');
    assert.equal(typeof online, 'boolean');
    await server.close();
  });

  it('holds 200 open streams without a listener warning, and lets every one go', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    // One controller per stream: a shared signal would warn on the client side.
    const aborts = Array.from({ length: 200 }, () => new AbortController());
    const abortAll = () => aborts.forEach((abort) => abort.abort());
    try {
      const responses = await Promise.all(
        aborts.map((abort) =>
          fetch(`${running.url}/events`, {
            headers: { Authorization: 'Bearer owner' },
            signal: abort.signal,
          }),
        ),
      );
      assert.ok(responses.every((res) => res.status === 200));
      await until(() => mock.openStreams === 200, 'every stream subscribed');
      assert.equal((await invite(running.url, 'many@example.com')).status, 201);
      abortAll();
      await until(() => mock.openStreams === 0, 'every stream unsubscribed');
      // Warnings are emitted on a later tick.
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(
        warnings.map((warning) => `${warning.name}: ${warning.message}`),
        [],
      );
    } finally {
      abortAll();
      process.off('warning', onWarning);
    }
  });
});

/** Waits (at most 5 s, polling every 10 ms) until `done()` holds. */
async function until(done: () => boolean, what: string): Promise<void> {
  for (let n = 0; n < 500 && !done(); n++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(done(), `timed out waiting: ${what}`);
}
