/** `GET /events`: live user and seat events, event payloads, and resuming with Last-Event-ID. */
import { invite, type Env } from '../env.js';
import { type Check, type Harness, expect } from '../harness.js';
import type { Sender } from '../http.js';
import type { EventStream, RawEvent } from '../sse.js';

const WAIT_MS = 5_000;

/** Decodes (and so validates) every event a stream has received. */
function checkAll(t: Check, stream: EventStream): void {
  for (const raw of stream.received) t.decodeEvent(raw);
}

function about(type: string, userId: string) {
  return (e: RawEvent) => e.event === type && e.data.includes(`"${userId}"`);
}

/** Runs the group. */
export async function checkEvents(h: Harness, env: Env): Promise<void> {
  h.group('Live events');
  const listener: Sender = env.api.has('secondAdmin') ? 'secondAdmin' : 'admin';
  let resumeFrom: { eventId: string; userId: string } | undefined;

  await h.check(`as ${listener}: user.created, seats and user.removed arrive`, async (t) => {
    const stream = await t.openEvents(listener);
    const user = await invite(t, env, { label: 'live' });
    const created = await stream.waitFor(about('user.created', user.id), WAIT_MS);
    expect(created, `no user.created for ${user.id} within ${WAIT_MS} ms`);
    const decoded = t.decodeEvent(created);
    expect(
      (decoded.data as { user: { id: string } }).user.id === user.id,
      'user.created carries another user',
    );
    const at = stream.received.indexOf(created);
    const seatsEvent = await stream.waitFor(
      (e) => e.event === 'seats',
      WAIT_MS,
      Math.max(0, at - 2),
    );
    expect(seatsEvent, 'no seats event around the invitation');
    t.expectStatus(
      await t.send('admin', { method: 'DELETE', path: '/users/{id}', params: { id: user.id } }),
      204,
    );
    const removed = await stream.waitFor(about('user.removed', user.id), WAIT_MS, at);
    expect(removed, `no user.removed for ${user.id} within ${WAIT_MS} ms`);
    checkAll(t, stream);
    expect(created.id, 'user.created has no id');
    resumeFrom = { eventId: created.id, userId: user.id };
  });

  if (resumeFrom) {
    const { eventId, userId } = resumeFrom;
    let resynced = false;
    await h.check('reconnecting with Last-Event-ID replays what followed', async (t) => {
      const stream = await t.openEvents(listener, eventId);
      const replayed = await stream.waitFor(
        (e) => e.event === 'resync' || about('user.removed', userId)(e),
        WAIT_MS,
      );
      expect(replayed, `nothing replayed after event ${eventId} within ${WAIT_MS} ms`);
      checkAll(t, stream);
      resynced = replayed.event === 'resync';
      if (resynced) t.note('the server sent resync instead of replaying');
      else
        expect(
          !stream.received.some((e) => e.id === eventId),
          'the last seen event was sent again',
        );
    });
    if (resynced) h.skip('replay content', 'the server chose resync for a recent id');
  } else {
    h.skip('Last-Event-ID replay', 'no user.created event to resume from');
  }

  await h.check('an unknown Last-Event-ID gets resync', async (t) => {
    const stream = await t.openEvents(listener, 'conformance-unknown-event-id');
    const resync = await stream.waitFor((e) => e.event === 'resync', WAIT_MS);
    expect(resync, `no resync within ${WAIT_MS} ms`);
    checkAll(t, stream);
  });
}
