/**
 * Actions that change users: invite, resend, update (suspend, reactivate, role…), revoke.
 *
 * Optimistic where safe: an update shows at once and a revoke removes the row at once;
 * on failure the change is rolled back exactly (unless something newer replaced it), and
 * when the server may have applied it anyway (no answer, timeout, 5xx) the user is re-read
 * so the store ends equal to the server. Every failure is set on `$error` and rejected
 * (or, for invitations and conflicts, returned).
 */
import { isAbortError, isOutcomeUnknown, isRosterHttpError } from '../api/errors.js';
import type { RosterError } from '../api/errors.js';
import { displayName } from '../api/rules.js';
import type { InvitationInput, User, UserPatch } from '../api/types.js';
import type { RosterStore } from './store.js';
import {
  adjustSeats,
  insertUser,
  removeUser,
  replaceUser,
  restoreUser,
  surface,
  whileBusy,
} from './view.js';

/** The outcome of one invitation of a batch. */
export type InviteResult =
  | { input: InvitationInput; ok: true; user: User }
  | { input: InvitationInput; ok: false; error: RosterError };

/** The outcome of {@link updateUser}: saved, or refused because someone changed the user first. */
export type UpdateResult =
  | { status: 'ok'; user: User }
  | {
      status: 'conflict';
      /** The change that was not saved, to re-apply on top of `theirs`. */
      mine: UserPatch;
      /** The user as the server has it now (also now in the store). */
      theirs: User;
    };

/** How many requests of a batch (invitations, a bulk action's writes) are in flight at once. */
export const BATCH_CONCURRENCY = 4;

/**
 * Runs `work` on every item, {@link BATCH_CONCURRENCY} at a time (a bulk action on 1,000
 * users keeps four requests open, not 1,000), given each item and its index; resolves to the
 * results in item order.
 */
export async function inBatches<T, R>(
  items: readonly T[],
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(BATCH_CONCURRENCY, items.length) }, worker));
  return results;
}

/**
 * Invites one or many people; each input gets its own result, in input order. Successes
 * join the view (when they match its query; see `insertUser`) and take a seat. Failures are
 * returned, not thrown; the last one is also set on `$error`. Sending the same unchanged
 * invitation again after an unknown outcome reuses its idempotency key, so nobody is
 * invited twice.
 */
export function invite(store: RosterStore, inputs: InvitationInput[]): Promise<InviteResult[]> {
  return inBatches(inputs, async (input): Promise<InviteResult> => {
    try {
      const user = await store.client.invite(input);
      insertUser(store, user);
      adjustSeats(store, +1);
      return { input, ok: true, user };
    } catch (error) {
      return { input, ok: false, error: surface(store, error as RosterError) };
    }
  });
}

/** Sends a new invitation to an invited user; resolves to the user with its new expiry. */
export async function resendInvitation(store: RosterStore, id: string): Promise<User> {
  return whileBusy(store, id, async () => {
    try {
      const user = await store.client.resendInvitation(id, about(store, id));
      replaceUser(store, user);
      return user;
    } catch (error) {
      await reconcile(store, id, error);
      throw surface(store, error);
    }
  });
}

/**
 * Changes a user (sent with `If-Match`), showing the change at once. On a version conflict
 * (412) it fetches the server's copy, puts it in the store and returns both sides
 * (`mine`, `theirs`) so nothing is lost. Other failures roll back and reject.
 */
export async function updateUser(
  store: RosterStore,
  id: string,
  patch: UserPatch,
): Promise<UpdateResult> {
  return whileBusy(store, id, async () => {
    const before = store.$users.get()[id] ?? (await readUser(store, id));
    const optimistic = applyPatch(before, patch);
    replaceUser(store, optimistic);
    try {
      const user = await store.client.updateUser(
        id,
        patch,
        before.version,
        about(store, id, before),
      );
      replaceUser(store, user);
      return { status: 'ok', user };
    } catch (error) {
      if (store.$users.get()[id] === optimistic) replaceUser(store, before);
      if (isRosterHttpError(error, 'version_conflict')) {
        const theirs = await readUser(store, id);
        replaceUser(store, theirs);
        return { status: 'conflict', mine: patch, theirs };
      }
      await reconcile(store, id, error);
      throw surface(store, error);
    }
  });
}

/** Suspends a user (they keep their seat and records, but cannot sign in). */
export function suspend(store: RosterStore, id: string): Promise<UpdateResult> {
  return updateUser(store, id, { status: 'suspended' });
}

/** Lets a suspended user sign in again. */
export function reactivate(store: RosterStore, id: string): Promise<UpdateResult> {
  return updateUser(store, id, { status: 'active' });
}

/**
 * Revokes (or deletes, as the server's `features.removal` says) a user, removing the row at
 * once and freeing their seat on success; their assigned contacts go to `reassignTo` when
 * given, else become unassigned. On failure the row comes back where it was.
 */
export async function revoke(
  store: RosterStore,
  id: string,
  options: { reassignTo?: string } = {},
): Promise<void> {
  return whileBusy(store, id, async () => {
    const removed = removeUser(store, id);
    try {
      await store.client.revokeUser(id, { ...options, ...about(store, id, removed?.user) });
      adjustSeats(store, -1);
      // The heir's assigned contacts changed: re-read them if shown (best effort; live
      // updates would bring the change too).
      if (options.reassignTo && store.$users.get()[options.reassignTo]) {
        await store.client.getUser(options.reassignTo).then(
          (heir) => replaceUser(store, heir),
          (error: unknown) => surface(store, error),
        );
      }
    } catch (error) {
      if (removed && !isRosterHttpError(error, 'not_found')) restoreUser(store, removed);
      await reconcile(store, id, error);
      throw surface(store, error);
    }
  });
}

/**
 * Names the user a call is about, so its failure sentence can be shown as it is ("Removing
 * Ana Lima failed: …"): their name, else their email, else (not in the view) their id.
 */
function about(store: RosterStore, id: string, known?: User): { subject: string } {
  const user = known ?? store.$users.get()[id];
  return { subject: user ? displayName(user) : id };
}

/** Reads one user for an action on a user the view does not show (not stored). */
async function readUser(store: RosterStore, id: string): Promise<User> {
  try {
    return await store.client.getUser(id, about(store, id));
  } catch (error) {
    throw surface(store, error);
  }
}

/**
 * After a failed write, makes the store agree with the server again: a user the server no
 * longer has leaves the view; when the outcome is unknown, the user is re-read (the write
 * may have been applied). A failing re-read keeps the rollback, the best knowledge we have.
 */
async function reconcile(store: RosterStore, id: string, error: unknown): Promise<void> {
  if (isRosterHttpError(error, 'not_found')) {
    removeUser(store, id);
    return;
  }
  if (!isOutcomeUnknown(error) || isAbortError(error)) return;
  try {
    replaceUser(store, await store.client.getUser(id));
  } catch (readError) {
    if (isRosterHttpError(readError, 'not_found')) {
      if (removeUser(store, id)) adjustSeats(store, -1);
    }
  }
}

/** The user as it will look once `patch` is saved (maps such as flags are merged). */
function applyPatch(user: User, patch: UserPatch): User {
  return {
    ...user,
    ...patch,
    flags: { ...user.flags, ...patch.flags },
    restrictions: { ...user.restrictions, ...patch.restrictions },
    permissions: patch.permissions ?? user.permissions,
  };
}
