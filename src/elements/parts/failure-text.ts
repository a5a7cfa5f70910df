/**
 * One place that puts a failed request into words for people: {@link failureText} maps an
 * error of the client (an HTTP problem by its code, no answer, a timeout, anything else) to
 * the sentence a dialog shows. Each dialog's wording is data here ({@link FailureWords}): a
 * short form for an invite chip, full sentences for the edit dialog, "Removing Ana failed: …"
 * for the revoke dialog. What a failure does besides being said (a field marked, a draft
 * reset) stays in the dialog.
 *
 * The code set is open: for a code the elements do not know (a backend may send, e.g.,
 * `trial_restriction`), the person reads the server's own `detail` ("Invitations are disabled
 * while the trial lasts"), as only the server knows what it means. Known codes keep the
 * dialog's words, which say what to do next.
 */
import { msg, str } from '@lit/localize';
import {
  isRosterError,
  isRosterHttpError,
  isRosterNetworkError,
  isRosterTimeoutError,
} from '../../api/errors.js';
import type { RosterHttpError } from '../../api/errors.js';
import {
  actionLabels,
  failureSentence,
  reasonForCode,
  reasonForNetwork,
  reasonForTimeout,
} from '../../api/messages.js';
import { ERROR_STATUS } from '../../api/types.js';
import type { ErrorCode } from '../../api/types.js';
import { formatNumber, getLocale, plural } from '../../i18n/localization.js';

/** How one dialog words failures. */
export interface FailureWords {
  /** The dialog's own words for some codes. */
  codes: Partial<Record<ErrorCode, (error: RosterHttpError) => string>>;
  /**
   * Any other code, from the client's reason ("seat limit reached"; for a code of the
   * backend's own that came without a detail, what its status says).
   */
  reason: (reason: string, error: RosterHttpError) => string;
  /** No answer came back. */
  network: string;
  /** The answer took too long. */
  timeout: string;
  /** Not a failure of the client at all (a bug): what is said instead. */
  unexpected: string;
}

/** Longest server detail shown (a detail is free text from the server). */
const MAX_DETAIL = 500;

/** The sentence for `error`, in a dialog's `words`. */
export function failureText(error: unknown, words: FailureWords): string {
  if (isRosterNetworkError(error)) return words.network;
  if (isRosterTimeoutError(error)) return words.timeout;
  if (isRosterHttpError(error)) {
    const { code } = error;
    const detail = error.detail.trim();
    if (!isContractCode(code) && detail)
      return detail.length > MAX_DETAIL ? `${detail.slice(0, MAX_DETAIL - 1)}…` : detail;
    const own = isContractCode(code) ? words.codes[code] : undefined;
    return own ? own(error) : words.reason(reasonForCode(code, error.status), error);
  }
  return isRosterError(error) ? error.userMessage : words.unexpected;
}

/** True for a code the contract defines (the elements have words for it). */
function isContractCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_STATUS, code);
}

/** True for a `validation_failed` answer naming `field` (e.g. `reassignTo`). */
export function refusesField(error: unknown, field: string): boolean {
  return (
    isRosterHttpError(error, 'validation_failed') &&
    error.fieldErrors.some((refused) => refused.field === field)
  );
}

/** `<invite-dialog>`: the short form on an address chip ("No seat left"). */
export function chipWords(): FailureWords {
  return {
    codes: {
      email_taken: () => msg('Already a member'),
      seat_limit_reached: () => msg('No seat left'),
      role_not_assignable: () => msg('Not allowed: you may not give this role'),
      forbidden: () => msg('Not allowed: you may not invite people'),
      validation_failed: () => msg('Not accepted: check the access settings'),
      rate_limited: (error) =>
        error.retryAfter
          ? msg(str`Too many requests; send again in ${formatNumber(error.retryAfter)} s`)
          : msg('Too many requests; send again in a moment'),
      internal: () => msg('The server had a problem; send again'),
    },
    reason: (reason) => reason.charAt(0).toLocaleUpperCase(getLocale()) + reason.slice(1),
    network: msg('The server could not be reached; send again'),
    timeout: msg('The server took too long; send again'),
    unexpected: msg('Something went wrong; send again'),
  };
}

/**
 * `<edit-user-dialog>`: full sentences naming `who` is edited, the `role` asked for, and what
 * a `last_owner` refusal means for them.
 */
export function editWords(names: { who: string; role: string; lastOwner: string }): FailureWords {
  const { who, role, lastOwner } = names;
  const kept = msg('Your changes are kept; try again.');
  return {
    codes: {
      last_owner: () => lastOwner,
      cannot_modify_self: () =>
        msg("You can't change your own access. Ask someone else who manages users."),
      forbidden: () =>
        msg(
          'You are not allowed to make this change (your access or theirs may have changed). Close this dialog and reload the list to see what you can do.',
        ),
      role_not_assignable: () => msg(str`You may not give the ${role} role.`),
      email_taken: () => msg('This email already belongs to another user.'),
      validation_failed: () => msg('Some values were not accepted; see the marked fields.'),
      not_found: () => msg(str`${who} no longer exists: someone removed them. Nothing was saved.`),
      not_invited: () => msg(str`${who} is no longer waiting for an invitation, so none was sent.`),
      unauthenticated: () =>
        msg(
          'Your session has expired. Sign in again in another tab, then retry; your changes are kept while this dialog stays open.',
        ),
      rate_limited: (error) =>
        error.retryAfter !== null
          ? plural(error.retryAfter, (c) => ({
              one: msg(str`Too many requests. Wait ${c} second, then try again.`),
              other: msg(str`Too many requests. Wait ${c} seconds, then try again.`),
            }))
          : msg('Too many requests. Wait a moment, then try again.'),
      payload_too_large: () =>
        msg('The change is too large for the server. Shorten the long values.'),
    },
    reason: (_, error) => msg(str`The server had a problem (HTTP ${error.status}). ${kept}`),
    network: msg(str`The server could not be reached. Check your connection. ${kept}`),
    timeout: msg(str`The server took too long to answer. ${kept}`),
    unexpected: msg(str`Something went wrong. ${kept}`),
  };
}

/**
 * `<revoke-dialog>`: sentences about removing `name` (holding `role`); `self` is what
 * refusing to remove oneself means here (revoke or delete).
 */
export function removalWords(names: { name: string; role: string; self: string }): FailureWords {
  const { name, role, self } = names;
  // Named as the dialog shows the user (the client names them only when the store knows them).
  const action = actionLabels.revoke(name);
  const sentence = (reason: string) => `${failureSentence(action, reason)}.`;
  const unanswered = (reason: string) =>
    `${sentence(reason)} ${msg('Nothing is lost: check your connection and try again.')}`;
  return {
    codes: {
      last_owner: () =>
        msg(
          str`${name} is the only ${role} left, and there must always be one. Give another user that role first.`,
        ),
      cannot_modify_self: () => self,
      forbidden: () => msg(str`You're not allowed to remove ${name}.`),
      validation_failed: (error) =>
        refusesField(error, 'reassignTo')
          ? msg('Choose another active user to receive the contacts.')
          : sentence(
              error.fieldErrors.map((field) => field.message.replace(/\.$/, '')).join('; ') ||
                reasonForCode(error.code, error.status),
            ),
    },
    reason: sentence,
    network: unanswered(reasonForNetwork()),
    timeout: unanswered(reasonForTimeout()),
    unexpected: msg(str`Removing ${name} failed.`),
  };
}
