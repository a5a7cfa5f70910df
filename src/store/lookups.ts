/**
 * Look-ups for the dialogs, answered without touching the view: which addresses already
 * belong to users ({@link lookUpEmails}, for the invite dialog's address chips), and whether a
 * user out of the view changed since it was read ({@link checkFresh}, before a save).
 */
import { isValidEmail } from '../api/rules.js';
import type { User } from '../api/types.js';
import type { RosterStore } from './store.js';
import { findUsers } from './users.js';

/** What an address is to the workspace: a user's, a pending invitation's, or nobody's. */
export type Lookup = 'member' | 'invited' | 'free';

/** Options of {@link lookUpEmails}. */
export interface LookupOptions {
  /** Stops the searches (what was settled so far stays settled). */
  signal?: AbortSignal;
  /** Called with the answers of each search as it comes back (to show them at once). */
  onAnswers?: (answers: ReadonlyMap<string, Lookup>) => void;
}

/** Most user searches per call (beyond, the server still checks when sending). */
const MAX_LOOKUPS = 100;
const LOOKUP_CONCURRENCY = 3;
/** Users asked for per domain search; a domain with more is searched address by address. */
const DOMAIN_LOOKUP_LIMIT = 200;
/** Users asked for when searching one address (a few, as the search also matches names). */
const EMAIL_LOOKUP_LIMIT = 5;

/** What an address is, given the user holding it (if any). */
export const lookupOf = (user: User | undefined): Lookup =>
  !user ? 'free' : user.status === 'invited' ? 'invited' : 'member';

/**
 * Asks the server which of `emails` already belong to users: one search per domain settles
 * many addresses at once (a crowded domain, and a lone address, is searched exactly), at
 * most {@link MAX_LOOKUPS} searches per call, {@link LOOKUP_CONCURRENCY} at a time. Resolves
 * to the answers by lower-cased address. Not asked: invalid addresses, the users already in
 * the view (the view answers for them), and everything when the actor may not view users.
 * A failed search leaves its addresses unanswered (the server checks them when sending).
 */
export async function lookUpEmails(
  store: RosterStore,
  emails: Iterable<string>,
  options: LookupOptions = {},
): Promise<Map<string, Lookup>> {
  const { signal, onAnswers } = options;
  const answers = new Map<string, Lookup>();
  if (!store.$me.get()?.capabilities.viewUsers) return answers;
  const known = new Set(Object.values(store.$users.get()).map((u) => u.email.toLowerCase()));
  const byDomain = new Map<string, Set<string>>();
  for (const given of emails) {
    const email = given.toLowerCase();
    if (!isValidEmail(email) || known.has(email)) continue;
    const domain = email.slice(email.lastIndexOf('@'));
    byDomain.set(domain, (byDomain.get(domain) ?? new Set()).add(email));
  }
  const tasks = [...byDomain].map(([domain, set]) => (set.size > 1 ? domain : [...set][0]!));
  let budget = MAX_LOOKUPS;
  tasks.splice(budget);
  const worker = async () => {
    for (let q = tasks.shift(); q !== undefined && !signal?.aborted; q = tasks.shift()) {
      budget--;
      const domain = q.startsWith('@');
      const asked = domain ? [...byDomain.get(q)!] : [q];
      const limit = domain ? DOMAIN_LOOKUP_LIMIT : EMAIL_LOOKUP_LIMIT;
      try {
        const users = await findUsers(store, q, { limit, signal });
        if (domain && users.length >= limit) {
          // Too many users to tell from one page: ask for each address, within the budget.
          tasks.push(...asked.slice(0, Math.max(0, budget - tasks.length)));
          continue;
        }
        const found = new Map(users.map((user) => [user.email.toLowerCase(), user]));
        const settled = new Map(asked.map((email) => [email, lookupOf(found.get(email))]));
        for (const [email, lookup] of settled) answers.set(email, lookup);
        onAnswers?.(settled);
      } catch {
        // Aborted or failed (the store has shown the failure): unanswered for now.
      }
    }
  };
  await Promise.all(Array.from({ length: LOOKUP_CONCURRENCY }, worker));
  return answers;
}

/**
 * The server's copy of `user` when someone changed it since it was read (a higher
 * `version`), else null. Only for a user out of the view: one in the view is kept current by
 * the store, so it needs no request and resolves to null.
 */
export async function checkFresh(
  store: RosterStore,
  user: User,
  signal?: AbortSignal,
): Promise<User | null> {
  if (store.$users.get()[user.id]) return null;
  const found = await findUsers(store, user.email, { limit: EMAIL_LOOKUP_LIMIT, signal });
  const fresh = found.find((candidate) => candidate.id === user.id);
  return fresh && fresh.version > user.version ? fresh : null;
}
