/** Simulated presence: every tick a few random active users come online or go away. */
import { unref } from './events.js';
import type { Random } from './prng.js';
import type { MockWorkspace } from './workspace.js';

export const DEFAULT_PRESENCE_INTERVAL_MS = 4000;

/** Starts the simulation; returns the function that stops it. */
export function simulatePresence(
  ws: MockWorkspace,
  random: Random,
  intervalMs: number,
): () => void {
  let ids: string[] = [];
  let idsFor = '';
  const timer = setInterval(() => {
    // Read again when users come or go, or change status (an accepted invitation, a suspension).
    const users = `${ws.users.size}/${ws.users.statusCount('active')}`;
    if (idsFor !== users) {
      ids = [...ws.users.all()].filter((user) => user.status === 'active').map((user) => user.id);
      idsFor = users;
    }
    if (ids.length === 0) return;
    for (let n = random.int(1, 3); n > 0; n--) {
      const user = ws.users.get(random.pick(ids));
      if (user?.status === 'active') ws.setPresence(user.id, !user.online);
    }
  }, intervalMs);
  unref(timer);
  return () => clearInterval(timer);
}
