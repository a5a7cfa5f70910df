/**
 * `seat_limit_reached`: fill the free seats with invitations (none when the seats in use are at
 * or over the limit, as after a lowered limit), try one more, then free them all.
 */
import { invite, need, seats, type Env } from '../env.js';
import { type Harness, expect, skip } from '../harness.js';

/** The suite fills at most this many seats; a roomier workspace is not filled (skipped). */
const MAX_FILL = 30;

/** Runs the group. */
export async function checkSeatLimit(h: Harness, env: Env): Promise<void> {
  h.group('Seat limit');
  const name = 'inviting past the user limit → 409 seat_limit_reached, seats restored after';
  let start: number | undefined;
  await h.check(name, async (t) => {
    const { inviteRole } = need(env, 'inviteRole');
    const before = await seats(t);
    if (before.limit === null) skip('the workspace has no user limit');
    const free = Math.max(0, before.limit - before.used);
    if (free > MAX_FILL) skip(`${free} free seats; the suite fills at most ${MAX_FILL}`);
    start = before.used;
    t.step(`fill ${free} free seat(s)`);
    for (let i = 0; i < free; i++) await invite(t, env, { label: `seat${i}` });
    const full = await seats(t);
    expect(
      full.used >= (full.limit ?? 0),
      `expected seats.used at least ${full.limit} (the limit) after filling ${free}, got ${full.used}`,
    );
    t.step('invite one more');
    const res = await t.send('admin', {
      method: 'POST',
      path: '/invitations',
      body: { email: env.email('oneTooMany'), role: inviteRole.id },
    });
    t.expectProblem(res, 409, 'seat_limit_reached');
    t.note(`filled ${free} seat(s)`);
  });
  await h.check('seats are back to where they were', async (t) => {
    if (start === undefined) skip('the check above filled no seats');
    const after = await seats(t);
    expect(after.used <= start, `expected seats.used at most ${start} (before), got ${after.used}`);
  });
}
