/**
 * The rules the contract sets on input, in one place for the elements (checking before
 * sending) and the mock server (enforcing them): the email rule, the length limits, how a user
 * is named and which role is the top one.
 * A backend applies the same; `openapi.yaml` states them.
 */
import type { Role, User } from './types.js';

/** The HTML standard's rule for `<input type=email>` (a "valid email address"). */
const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** Longest email address accepted (RFC 5321's path limit less its brackets). */
export const MAX_EMAIL_LENGTH = 254;
/** Longest display name of a user. */
export const MAX_NAME_LENGTH = 200;
/** Longest role template name. */
export const MAX_TEMPLATE_NAME_LENGTH = 100;
/** Longest role template description. */
export const MAX_DESCRIPTION_LENGTH = 1000;

/** True for an email address the contract accepts (already trimmed). */
export function isValidEmail(email: string): boolean {
  return email.length <= MAX_EMAIL_LENGTH && EMAIL.test(email);
}

/**
 * How a user is named to people: their name, else (none, or only white space) their email. A
 * name is shown as sent, not trimmed (a row shows exactly what the server holds). One holding
 * a bidi embedding, override or isolate control (U+202A–E, U+2066–9) comes between FIRST STRONG ISOLATE and POP
 * DIRECTIONAL ISOLATE, so inside a sentence it cannot reorder the words around it.
 */
export function displayName(user: Pick<User, 'name' | 'email'>): string {
  const name = user.name.trim() ? user.name : user.email;
  return /[\u202A-\u202E\u2066-\u2069]/.test(name) ? `\u2068${name}\u2069` : name;
}

/** The most powerful of `roles`: the highest rank (the first of equals); undefined when none. */
export function topRole<R extends Pick<Role, 'rank'>>(roles: readonly R[]): R | undefined {
  return roles.reduce<R | undefined>((a, b) => (a && a.rank >= b.rank ? a : b), undefined);
}
