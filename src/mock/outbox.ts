/**
 * The mock's outbox: every invitation email it "sent" (on `POST /invitations` and on each
 * resend), with the link's token, what the invitee reads, and what became of the link. A real
 * backend sends real emails; these shapes belong to the mock-only endpoints (`/mock/…`).
 *
 * An email is kept as the facts of its sending; its subject, text and link are composed when
 * read, from those facts and the workspace (so a changed `acceptUrl` option reaches old emails
 * too). A pending email past its expiry reads as `expired`.
 */

import type { StoredUser } from './model.js';

/** What became of an invitation link. */
export type InvitationState = 'pending' | 'accepted' | 'superseded' | 'expired' | 'revoked';

/** An email as the outbox keeps it. */
export interface StoredEmail {
  id: string;
  /** The first invitation, or one sent again (which supersedes the earlier ones). */
  kind: 'invitation' | 'resent';
  userId: string;
  /** The address it went to. */
  to: string;
  /** The invitee's name, when the inviter gave one. */
  name: string | null;
  /** The role it invited to (its id), as when sent. */
  role: string;
  /** Who sent it (their name), or null when unknown. */
  invitedBy: string | null;
  /** The link's secret: whoever holds it may accept. */
  token: string;
  sentAt: string;
  expiresAt: string;
  /** As stored: `pending` reads as `expired` once `expiresAt` has passed. */
  state: InvitationState;
}

/** `GET /mock/outbox`: one email as sent. */
export interface OutboxEmail extends StoredEmail {
  subject: string;
  /** The plain-text body. */
  text: string;
  /** The link in the email (it contains the token). */
  acceptUrl: string;
}

/** `GET /mock/invitations/{token}`: what an acceptance page shows. */
export interface InvitationDetails {
  token: string;
  state: InvitationState;
  email: string;
  name: string | null;
  workspace: { id: string; name: string };
  /** The role the invitee joins as (its id; `roleName` says it in words). */
  role: string;
  roleName: string;
  invitedBy: string | null;
  expiresAt: string;
}

/** The default link of an invitation email; `{token}` stands for the token. */
export const DEFAULT_ACCEPT_URL = 'https://roster.example/accept-invitation?token={token}';

/** Settled emails (not pending) kept besides every pending one; older ones are dropped. */
const MAX_SETTLED = 1000;

/** 32 random bytes, base64url: an unguessable link secret (or, shorter, an id). */
export function randomToken(bytes = 32): string {
  const random = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...random))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/**
 * A new pending email inviting `user`, an invited user: the link is valid from its invitation
 * (`invitedAt`) until the invitation expires (`inviteExpiresAt`).
 */
export function invitationEmail(
  kind: StoredEmail['kind'],
  user: StoredUser,
  invitedBy: string | null,
): StoredEmail {
  return {
    id: `mail_${randomToken(9)}`,
    kind,
    userId: user.id,
    to: user.email,
    name: user.name || null,
    role: user.role,
    invitedBy,
    token: randomToken(),
    sentAt: user.invitedAt!,
    expiresAt: user.inviteExpiresAt!,
    state: 'pending',
  };
}

/** The state an email's link is in at `now`. */
export function stateAt(email: StoredEmail, now: number): InvitationState {
  return email.state === 'pending' && Date.parse(email.expiresAt) <= now ? 'expired' : email.state;
}

/** A time as the emails and refusals say it: "Sunday 8 June 2025 at 12:00 UTC". */
export function spokenTime(iso: string): string {
  const words = new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(new Date(iso));
  return `${words} UTC`;
}

/** What composing an email needs to know about the workspace. */
export interface EmailContext {
  workspaceName: string;
  roleName(id: string): string;
  /** The link template, `{token}` standing for the token. */
  acceptUrl: string;
}

/** The email as the invitee reads it. */
export function composeEmail(email: StoredEmail, context: EmailContext, now: number): OutboxEmail {
  const acceptUrl = context.acceptUrl.replaceAll('{token}', encodeURIComponent(email.token));
  const workspace = context.workspaceName;
  const role = context.roleName(email.role);
  const inviter = email.invitedBy ?? `Someone at ${workspace}`;
  const asker = email.invitedBy ?? `an administrator of ${workspace}`;
  const resent = email.kind === 'resent';
  const subject = resent
    ? `New invitation: join ${workspace}`
    : `${inviter} invited you to join ${workspace}`;
  const text = [
    email.name ? `Hello ${email.name},` : 'Hello,',
    resent
      ? `${inviter} sent you a new invitation to join ${workspace} with the ${role} role. The link in any earlier invitation no longer works.`
      : `${inviter} invited you to join ${workspace} with the ${role} role.`,
    `To accept, open this link and set up your account:\n${acceptUrl}`,
    `The link works until ${spokenTime(email.expiresAt)}. After that, ask ${asker} to send you a new invitation.`,
    `If you did not expect this invitation, you can ignore this email: nothing happens until you accept.`,
    `— ${workspace}`,
  ].join('\n\n');
  return { ...email, state: stateAt(email, now), subject, text, acceptUrl };
}

/** The emails, by token in the order they were sent, and by user. */
export class Outbox {
  private readonly byToken = new Map<string, StoredEmail>();
  private readonly byUser = new Map<string, Set<string>>();
  private settled = 0;

  constructor(emails: Iterable<StoredEmail> = []) {
    for (const email of emails) this.put(email);
  }

  get(token: string): StoredEmail | undefined {
    return this.byToken.get(token);
  }

  /** A user's emails, oldest first. */
  ofUser(userId: string): StoredEmail[] {
    const tokens = this.byUser.get(userId) ?? [];
    return [...tokens].map((token) => this.byToken.get(token)!);
  }

  /** Every email, oldest first (as persisted). */
  all(): StoredEmail[] {
    return [...this.byToken.values()];
  }

  /** Every email, newest first. */
  newestFirst(): StoredEmail[] {
    return this.all().reverse();
  }

  /**
   * Inserts or replaces an email (records are replaced, never mutated); then drops the oldest
   * settled emails past `MAX_SETTLED` (a pending email is a live link, and is always kept).
   */
  put(email: StoredEmail): void {
    const previous = this.byToken.get(email.token);
    if (previous && previous.state !== 'pending') this.settled--;
    if (email.state !== 'pending') this.settled++;
    this.byToken.set(email.token, email);
    let tokens = this.byUser.get(email.userId);
    if (!tokens) this.byUser.set(email.userId, (tokens = new Set()));
    tokens.add(email.token);
    if (this.settled <= MAX_SETTLED) return;
    for (const [token, kept] of this.byToken) {
      if (kept.state === 'pending') continue;
      this.byToken.delete(token);
      this.byUser.get(kept.userId)?.delete(token);
      if (this.byUser.get(kept.userId)?.size === 0) this.byUser.delete(kept.userId);
      if (--this.settled <= MAX_SETTLED) return;
    }
  }
}
