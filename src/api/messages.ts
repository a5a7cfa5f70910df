/**
 * Every sentence the shared layer shows people, in one module so elements reuse it and
 * translators find it: what an action is called, and why it failed (error code → reason).
 * All go through `@lit/localize` (runtime mode), so they follow the page's locale.
 */
import { msg, str } from '@lit/localize';
import { plural } from '../i18n/localization.js';
import type { ProblemCode } from './types.js';

/** "<action> failed: <reason>", e.g. "Inviting ana@example.com failed: seat limit reached". */
export function failureSentence(action: string, reason: string): string {
  return msg(str`${action} failed: ${reason}`);
}

/** "Revoke 3 users" (or "Delete 3 users" when `deleting`): the confirm of a bulk removal. */
export function removeUsers(count: number, deleting: boolean): string {
  return plural(count, (c) =>
    deleting
      ? { one: msg(str`Delete ${c} user`), other: msg(str`Delete ${c} users`) }
      : { one: msg(str`Revoke ${c} user`), other: msg(str`Revoke ${c} users`) },
  );
}

/**
 * What a person is told when the host page vetoed an action (a `roster-before-…` event was
 * prevented), shown where the action was started: "Removing Ana Lima was not allowed by this
 * page." `action` is one of {@link actionLabels}.
 */
export function vetoSentence(action: string): string {
  return msg(str`${action} was not allowed by this page.`);
}

/**
 * Why a request failed: our sentence for a code the contract defines; for a code of the
 * backend's own, the server's `detail` (its explanation must reach the person), else what
 * the status says.
 */
export function reasonForCode(code: ProblemCode, status: number, detail?: string): string {
  switch (code) {
    case 'unauthenticated':
      return msg('you are not signed in, or your session has expired');
    case 'forbidden':
      return msg('you are not allowed to do this');
    case 'cannot_modify_self':
      return msg('you cannot change or remove your own access');
    case 'role_not_assignable':
      return msg('you may not give that role');
    case 'not_found':
      return msg('it no longer exists');
    case 'email_taken':
      return msg('that email already belongs to a user');
    case 'seat_limit_reached':
      return msg('seat limit reached');
    case 'last_owner':
      return msg('at least one user must keep the highest role');
    case 'not_invited':
      return msg('this user is no longer waiting for an invitation');
    case 'version_conflict':
      return msg('someone else changed this user in the meantime');
    case 'validation_failed':
      return msg('some values are not valid');
    case 'payload_too_large':
      return msg('too much data was sent at once');
    case 'rate_limited':
      return msg('too many requests; try again in a moment');
    case 'internal':
      return msg(str`the server had a problem (HTTP ${status})`);
    default:
      return (
        detail?.trim() ||
        (status >= 500
          ? msg(str`the server had a problem (HTTP ${status})`)
          : msg(str`the server refused it (HTTP ${status})`))
      );
  }
}

/** Why an answer could not be used in full: `field` is not of the JSON type `expected`. */
export function reasonForContract(field: string, expected: string): string {
  return msg(
    str`the answer breaks the contract: ${field} should be ${expected}`,
  );
}

/** Why a request failed when no answer came back. */
export function reasonForNetwork(): string {
  return msg('the server could not be reached');
}

/** Why a request failed when the answer took too long. */
export function reasonForTimeout(): string {
  return msg('the server took too long to answer');
}

/** Names of the requests the client makes, as the first half of a failure sentence. */
export const actionLabels = {
  loadWorkspace: () => msg('Loading the plan and seats'),
  loadMe: () => msg('Loading your account'),
  loadRoles: () => msg('Loading roles'),
  loadCatalog: () => msg('Loading permissions'),
  loadTemplates: () => msg('Loading role templates'),
  createTemplate: (name: string) => msg(str`Creating the template ${name}`),
  updateTemplate: (name: string) => msg(str`Saving the template ${name}`),
  deleteTemplate: (name: string) => msg(str`Deleting the template ${name}`),
  duplicateTemplate: (name: string) => msg(str`Copying the template ${name}`),
  loadUsers: () => msg('Loading users'),
  loadUser: (who: string) => msg(str`Loading ${who}`),
  invite: (email: string) => msg(str`Inviting ${email}`),
  inviteAll: () => msg('Sending the invitations'),
  resend: (who: string) => msg(str`Resending the invitation to ${who}`),
  updateUser: (who: string) => msg(str`Saving changes to ${who}`),
  revoke: (who: string) => msg(str`Removing ${who}`),
  exportUsers: () => msg('Exporting users'),
  liveEvents: () => msg('Receiving live updates'),
};
