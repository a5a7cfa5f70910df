/** `seat_limit_reached`: fill the free seats with invitations, try one more, then free them all. */
import { invite, seats, type Env } from '../env.js';
import { type Harness, expect } from '../harness.js';

/** The suite fills at most this many seats; a roomier workspace is not filled (skipped). */
const MAX_FILL = 30;

/** Runs the group. */
export async function checkSeatLimit(h: Harness, env: Env): Promise<void> {
  h.group('Seat limit');
  const name = 'inviting past the user limit → 409 seat_limit_reached, seats restored after';
  const { used, limit } = env.workspace.seats;
  if (limit === null) {
    h.skip(name, 'the workspace has no user limit');
    return;
  }
  if (limit - used > MAX_FILL) {
    h.skip(name, `${limit - used} free seats; the suite fills at most ${MAX_FILL}`);
    return;
  }
  await h.check(name, async (t) => {
    const before = await seats(t);
    const free = (before.limit ?? 0) - before.used;
    for (let i = 0; i < free; i++) await invite(t, env, { label: `seat${i}` });
    const full = await seats(t);
    expect(full.used === full.limit, `seats.used is ${full.used} of ${full.limit} after filling`);
    const res = await t.send('admin', {
      method: 'POST',
      path: '/invitations',
      body: { email: env.email('oneTooMany'), role: env.inviteRole.id },
    });
    t.expectProblem(res, 409, 'seat_limit_reached');
    t.note(`filled ${free} seat(s)`);
  });
  await h.check('seats are back to where they were', async (t) => {
    const after = await seats(t);
    expect(after.used <= used, `seats.used is ${after.used}, was ${used}`);
  });
}
