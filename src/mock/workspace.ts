/**
 * The mock's state and every operation that changes it. Each operation checks everything first
 * (input, policy, uniqueness, seats, versions), then makes the change durable through the storage,
 * then applies it in memory and publishes events: a refused request changes nothing, and an
 * answered one has been stored. Besides the contract, the mock-only side: the outbox of
 * invitation emails, accepting and expiring their links, and the workspace's plan and seat limit.
 */
import type {
  PermissionGrants,
  RoleTemplate,
  Seats,
  User,
  UserPatch,
  Workspace,
} from '../api/types.js';
import { EventHub } from './events.js';
import {
  type IfMatch,
  canonicalJson,
  parseAcceptance,
  parseInvitation,
  parseTemplate,
  parseUserPatch,
  parseWorkspacePatch,
} from './inputs.js';
import type {
  Change,
  Counters,
  IdempotencyEntry,
  PersistedState,
  StoredTemplate,
  StoredUser,
} from './model.js';
import {
  DEFAULT_ACCEPT_URL,
  type EmailContext,
  type InvitationDetails,
  type InvitationState,
  Outbox,
  type OutboxEmail,
  type StoredEmail,
  composeEmail,
  invitationEmail,
  spokenTime,
  stateAt,
} from './outbox.js';
import * as policy from './policy.js';
import type { PolicyContext } from './policy.js';
import type { PresetConfig } from './presets.js';
import { ProblemError, fieldError, invalid } from './problems.js';
import { INVITE_TTL_MS } from './seed.js';
import type { MockStorage } from './storage.js';
import { UserStore } from './user-store.js';

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const IDEMPOTENCY_MAX = 10_000;

/** The result of a write: what to answer. */
interface Outcome<T> {
  status: number;
  body: T;
}

const orThrow = (verdict: ProblemError | null): void => {
  if (verdict) throw verdict;
};

function unwrap<T>(value: T | ProblemError): T {
  if (value instanceof ProblemError) throw value;
  return value;
}

/** Options of the workspace beyond its state. */
export interface WorkspaceOptions {
  /** The link of invitation emails, `{token}` standing for the token. */
  acceptUrl: string;
}

export class MockWorkspace implements PolicyContext {
  readonly users: UserStore;
  readonly hub: EventHub;
  readonly outbox: Outbox;
  plan: string;
  private readonly templates = new Map<string, StoredTemplate>();
  private readonly personas: Map<string, string>;
  private readonly idempotency = new Map<string, IdempotencyEntry>();
  private counters: Counters;
  private seatLimit: number | null;

  constructor(
    readonly config: PresetConfig,
    state: PersistedState,
    private readonly now: () => number,
    private readonly storage: MockStorage | undefined,
    private readonly options: WorkspaceOptions = { acceptUrl: DEFAULT_ACCEPT_URL },
  ) {
    this.plan = state.plan ?? config.workspace.plan;
    this.outbox = new Outbox(state.outbox ?? []);
    this.users = new UserStore(config.roles.map((role) => role.id));
    for (const user of state.users) this.users.put(user);
    for (const template of state.templates) this.templates.set(template.id, template);
    this.personas = new Map(Object.entries(state.personas));
    const oldest = now() - IDEMPOTENCY_TTL_MS;
    for (const entry of state.idempotency)
      if (entry.at >= oldest) this.idempotency.set(`${entry.actorId}\n${entry.key}`, entry);
    this.counters = { ...state.counters };
    this.seatLimit = state.seatLimit;
    this.hub = new EventHub(now());
  }

  /** Applies journalled changes on top of the loaded snapshot (after a restart). */
  replay(changes: readonly Change[]): void {
    for (const change of changes) this.apply(change);
  }

  // ── PolicyContext ──────────────────────────────────────────────────────────
  activeCount(role: string): number {
    return this.users.activeCount(role);
  }

  templatePermissions(id: string): PermissionGrants | undefined {
    return this.templates.get(id)?.permissions;
  }

  // ── reads ──────────────────────────────────────────────────────────────────
  /** The active user a bearer token signs in as (invited, suspended or removed users cannot). */
  authenticate(token: string): StoredUser | undefined {
    const id = this.personas.get(token);
    const user = id === undefined ? undefined : this.users.get(id);
    return user?.status === 'active' ? user : undefined;
  }

  /** The user id behind a persona token (whatever its status). */
  personaId(token: string): string | undefined {
    return this.personas.get(token);
  }

  /** Persona tokens, in preset order. */
  get tokens(): string[] {
    return [...this.personas.keys()];
  }

  seats(): Seats {
    return { used: this.users.size, limit: this.seatLimit };
  }

  workspace(): Workspace {
    const { id, name } = this.config.workspace;
    return {
      id,
      name,
      plan: this.plan,
      seats: this.seats(),
      features: structuredClone(this.config.features),
    };
  }

  /** What `GET /users` and the export check their query against (the clock read now). */
  listContext(): { roles: string[]; inactiveFilter: boolean; now: number } {
    return {
      roles: this.config.roles.map((role) => role.id),
      inactiveFilter: this.config.features.inactiveFilter === true,
      now: this.now(),
    };
  }

  /** A user as the actor sees it. */
  view(actor: StoredUser, user: StoredUser): User {
    return { ...user, allowedActions: policy.allowedActions(this, actor, user) };
  }

  /** The user with this id, or `not_found`. */
  getUser(id: string): StoredUser {
    const user = this.users.get(id);
    if (!user) throw new ProblemError('not_found', `There is no user "${id}".`);
    return user;
  }

  /** `GET /users/{id}`: anyone may read themselves; others need the right to view users. */
  getUserFor(actor: StoredUser, id: string): StoredUser {
    if (id === actor.id) return actor;
    orThrow(policy.checkViewUsers(this, actor));
    return this.getUser(id);
  }

  /** Every template, each with how many users hold it. */
  listTemplates(): RoleTemplate[] {
    return [...this.templates.values()].map((template) => this.templateView(template));
  }

  /** A template as the contract serves it: with its `userCount` (kept by the user store). */
  private templateView(template: StoredTemplate): RoleTemplate {
    return { ...template, userCount: this.users.templateCount(template.id) };
  }

  /** A template's name, or undefined when there is no such template. */
  templateName(id: string): string | undefined {
    return this.templates.get(id)?.name;
  }

  getTemplate(id: string): StoredTemplate {
    const template = this.templates.get(id);
    if (!template) throw new ProblemError('not_found', `There is no role template "${id}".`);
    return template;
  }

  /** The whole state, as persisted. */
  snapshot(): PersistedState {
    return {
      format: 'roster-mock',
      version: 1,
      preset: this.config.name,
      seatLimit: this.seatLimit,
      plan: this.plan,
      personas: Object.fromEntries(this.personas),
      users: [...this.users.all()],
      templates: [...this.templates.values()],
      idempotency: [...this.idempotency.values()],
      counters: { ...this.counters },
      outbox: this.outbox.all(),
    };
  }

  // ── writes ─────────────────────────────────────────────────────────────────
  /** `POST /invitations`. */
  invite(actor: StoredUser, body: unknown, idempotencyKey: string | undefined): Outcome<User> {
    const input = parseInvitation(this.config, body);
    const canonical = canonicalJson(body);
    const slot = idempotencyKey === undefined ? undefined : `${actor.id}\n${idempotencyKey}`;
    const earlier = slot === undefined ? undefined : this.idempotency.get(slot);
    if (earlier) {
      if (earlier.body !== canonical) {
        throw invalid([
          fieldError(
            'Idempotency-Key',
            'idempotency_key_reused',
            'This key was already used with a different body.',
          ),
        ]);
      }
      return { status: earlier.status, body: earlier.response as User };
    }
    orThrow(policy.checkInvite(this, actor, input.role));
    const templateId = this.resolveTemplateId(input.roleTemplateId);
    const flags = unwrap(policy.resolveFlags(this, input.role, input.flags));
    orThrow(
      policy.checkFlags(this, actor, unwrap(policy.resolveFlags(this, input.role, {})), flags),
    );
    const restrictions = unwrap(policy.resolveRestrictions(this, input.role, input.restrictions));
    const permissions = this.resolvePermissions(actor, input.permissions, templateId);
    if (this.users.getByEmail(input.email.toLowerCase())) {
      throw new ProblemError(
        'email_taken',
        `${input.email} already belongs to a user of this workspace.`,
        [fieldError('email', 'email_taken', 'This email already belongs to a user.')],
      );
    }
    if (this.seatLimit !== null && this.users.size >= this.seatLimit) {
      throw new ProblemError(
        'seat_limit_reached',
        `All ${this.seatLimit} seats are taken: remove a user or raise the limit.`,
      );
    }
    const at = this.now();
    const iso = new Date(at).toISOString();
    const counters = { ...this.counters, user: this.counters.user + 1 };
    const user: StoredUser = {
      id: `u_${counters.user}`,
      email: input.email,
      name: input.name ?? '',
      avatarUrl: null,
      role: input.role,
      roleTemplateId: templateId,
      status: 'invited',
      flags,
      restrictions,
      permissions,
      team: null,
      assignedContacts: 0,
      online: false,
      lastActiveAt: null,
      lastLoginAt: null,
      invitedAt: iso,
      inviteExpiresAt: new Date(at + INVITE_TTL_MS).toISOString(),
      createdAt: iso,
      updatedAt: iso,
      version: 1,
    };
    const response = this.view(actor, user);
    const changes: Change[] = [
      { kind: 'user', user },
      { kind: 'counters', counters },
      { kind: 'email', email: invitationEmail('invitation', user, actor.name || actor.email) },
    ];
    if (slot !== undefined && idempotencyKey !== undefined) {
      changes.push({
        kind: 'idempotency',
        entry: {
          actorId: actor.id,
          key: idempotencyKey,
          body: canonical,
          status: 201,
          response,
          at,
        },
      });
    }
    this.commit(changes);
    this.hub.publish({ type: 'user.created', user });
    this.hub.publish({ type: 'seats', seats: this.seats() });
    this.publishCounts([templateId]);
    return { status: 201, body: response };
  }

  /** `PATCH /users/{id}`. */
  patchUser(actor: StoredUser, id: string, body: unknown, ifMatch: IfMatch): StoredUser {
    orThrow(policy.checkViewUsers(this, actor));
    const target = this.getUser(id);
    const patch = parseUserPatch(this.config, body);
    this.checkVersion(target.version, ifMatch);
    orThrow(policy.checkEdit(this, actor, target));
    const next = this.planPatch(actor, target, patch);
    if (canonicalJson(next) === canonicalJson(target)) return target;
    const user: StoredUser = {
      ...next,
      version: target.version + 1,
      updatedAt: new Date(this.now()).toISOString(),
    };
    this.commit([{ kind: 'user', user }]);
    this.hub.publish({ type: 'user.updated', user });
    if (user.roleTemplateId !== target.roleTemplateId)
      this.publishCounts([target.roleTemplateId, user.roleTemplateId]);
    return user;
  }

  /** `DELETE /users/{id}`. */
  removeUser(
    actor: StoredUser,
    id: string,
    reassignTo: string | undefined,
    ifMatch: IfMatch | undefined,
  ): void {
    orThrow(policy.checkViewUsers(this, actor));
    const target = this.getUser(id);
    if (ifMatch !== undefined) this.checkVersion(target.version, ifMatch);
    orThrow(policy.checkRevoke(this, actor, target));
    const changes: Change[] = [
      { kind: 'userRemoved', id },
      // Their links stop working: each email still waiting on them says why.
      ...this.settleEmails(id, ['pending', 'expired'], 'revoked'),
    ];
    let receiver: StoredUser | undefined;
    if (reassignTo !== undefined) {
      if (!this.config.features.reassignOnRevoke) {
        throw invalid([
          fieldError('reassignTo', 'not_supported', 'This workspace does not reassign contacts.'),
        ]);
      }
      const candidate = this.users.get(reassignTo);
      if (!candidate || candidate.id === id || candidate.status !== 'active') {
        throw invalid([
          fieldError(
            'reassignTo',
            'invalid_reassignment',
            'Choose another active user to receive the contacts.',
          ),
        ]);
      }
      receiver = {
        ...candidate,
        assignedContacts: candidate.assignedContacts + target.assignedContacts,
        version: candidate.version + 1,
        updatedAt: new Date(this.now()).toISOString(),
      };
      changes.push({ kind: 'user', user: receiver });
    }
    this.commit(changes);
    this.hub.publish({ type: 'user.removed', userId: id });
    if (receiver) this.hub.publish({ type: 'user.updated', user: receiver });
    this.hub.publish({ type: 'seats', seats: this.seats() });
    this.publishCounts([target.roleTemplateId]);
  }

  /** `POST /users/{id}/resend-invitation`. */
  resendInvitation(actor: StoredUser, id: string): StoredUser {
    orThrow(policy.checkViewUsers(this, actor));
    const target = this.getUser(id);
    orThrow(policy.checkResend(this, actor, target));
    const at = this.now();
    const user: StoredUser = {
      ...target,
      invitedAt: new Date(at).toISOString(),
      inviteExpiresAt: new Date(at + INVITE_TTL_MS).toISOString(),
      updatedAt: new Date(at).toISOString(),
      version: target.version + 1,
    };
    // The new email's link replaces every earlier one.
    this.commit([
      { kind: 'user', user },
      ...this.settleEmails(id, ['pending', 'expired'], 'superseded'),
      { kind: 'email', email: invitationEmail('resent', user, actor.name || actor.email) },
    ]);
    this.hub.publish({ type: 'user.updated', user });
    return user;
  }

  /** `POST /role-templates`. */
  createTemplate(actor: StoredUser, body: unknown): RoleTemplate {
    this.requireTemplates();
    orThrow(policy.checkManageTemplates(this, actor));
    const input = parseTemplate(this.config, body, false);
    const name = input.name ?? '';
    this.checkTemplateName(name, undefined);
    const permissions = policy.normalizeGrants(this, input.permissions ?? {});
    orThrow(policy.checkGrants(this, actor, permissions, 'permissions'));
    const iso = new Date(this.now()).toISOString();
    const counters = { ...this.counters, template: this.counters.template + 1 };
    const template: StoredTemplate = {
      id: `tpl_${counters.template}`,
      name,
      description: input.description ?? '',
      permissions,
      createdAt: iso,
      updatedAt: iso,
      version: 1,
    };
    this.commit([
      { kind: 'template', template },
      { kind: 'counters', counters },
    ]);
    const view = this.templateView(template);
    this.hub.publish({ type: 'template.created', template: view });
    return view;
  }

  /** `PATCH /role-templates/{id}`. */
  patchTemplate(actor: StoredUser, id: string, body: unknown, ifMatch: IfMatch): RoleTemplate {
    this.requireTemplates();
    orThrow(policy.checkManageTemplates(this, actor));
    const current = this.getTemplate(id);
    const input = parseTemplate(this.config, body, true);
    this.checkVersion(current.version, ifMatch);
    if (input.name !== undefined) this.checkTemplateName(input.name, id);
    const permissions = input.permissions
      ? policy.normalizeGrants(this, input.permissions)
      : current.permissions;
    orThrow(policy.checkGrants(this, actor, permissions, 'permissions', current.permissions));
    const template: StoredTemplate = {
      ...current,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      permissions,
      updatedAt: new Date(this.now()).toISOString(),
      version: current.version + 1,
    };
    this.commit([{ kind: 'template', template }]);
    const view = this.templateView(template);
    this.hub.publish({ type: 'template.updated', template: view });
    return view;
  }

  /**
   * `DELETE /role-templates/{id}`: holders keep their base role and their own grants; their
   * template becomes null (a new version each, published as `user.updated`).
   */
  deleteTemplate(actor: StoredUser, id: string): void {
    this.requireTemplates();
    orThrow(policy.checkManageTemplates(this, actor));
    this.getTemplate(id);
    const iso = new Date(this.now()).toISOString();
    const holders = [...this.users.all()]
      .filter((user) => user.roleTemplateId === id)
      .map((user) => ({
        ...user,
        roleTemplateId: null,
        version: user.version + 1,
        updatedAt: iso,
      }));
    this.commit([
      { kind: 'templateRemoved', id },
      ...holders.map((user) => ({ kind: 'user' as const, user })),
    ]);
    this.hub.publish({ type: 'template.removed', templateId: id });
    for (const user of holders) this.hub.publish({ type: 'user.updated', user });
  }

  /** Changes the seat limit (an operator setting, e.g. `--seat-limit` on a restart). */
  setSeatLimit(seatLimit: number | null): void {
    this.commit([{ kind: 'seatLimit', seatLimit }]);
    this.hub.publish({ type: 'seats', seats: this.seats() });
  }

  /** Presence (simulated or real): not versioned and not persisted, only broadcast. */
  setPresence(id: string, online: boolean): void {
    const user = this.users.get(id);
    if (!user || user.status !== 'active') return;
    const lastActiveAt = new Date(this.now()).toISOString();
    this.users.put({ ...user, online, lastActiveAt });
    this.hub.publish({ type: 'presence', userId: id, online, lastActiveAt });
  }

  // ── mock-only: the outbox, invitation links, the workspace's plan ─────────
  /** `GET /mock/outbox`: every email newest first, or one user's. */
  listOutbox(userId?: string): OutboxEmail[] {
    const emails =
      userId === undefined ? this.outbox.newestFirst() : this.outbox.ofUser(userId).reverse();
    const now = this.now();
    const context = this.emailContext();
    return emails.map((email) => composeEmail(email, context, now));
  }

  /** `GET /mock/invitations/{token}`: what an acceptance page shows. */
  invitation(token: string): InvitationDetails {
    const email = this.emailOf(token);
    const user = this.users.get(email.userId);
    const state = stateAt(email, this.now());
    // While it is open, the invitation is for the role the user holds now (it may have changed).
    const role = state === 'pending' && user ? user.role : email.role;
    const { id, name } = this.config.workspace;
    return {
      token,
      state,
      email: state === 'pending' && user ? user.email : email.to,
      name: (state === 'pending' && user ? user.name : email.name) || null,
      workspace: { id, name },
      role,
      roleName: this.emailContext().roleName(role),
      invitedBy: email.invitedBy,
      expiresAt: email.expiresAt,
    };
  }

  /**
   * `POST /mock/invitations/{token}/accept`: the invitee signs up. Refused, in words the
   * invitee understands, when the link no longer works or the workspace has no seat left for
   * another member (invited users hold a seat from their invitation, so that happens once the
   * limit was lowered).
   */
  acceptInvitation(token: string, body: unknown): StoredUser {
    const email = this.emailOf(token);
    const { name: workspace } = this.config.workspace;
    const asker = email.invitedBy ?? `an administrator of ${workspace}`;
    const user = this.users.get(email.userId);
    const refusals: Record<Exclude<InvitationState, 'pending'>, () => ProblemError> = {
      accepted: () =>
        new ProblemError(
          'not_invited',
          `This invitation was already accepted: sign in to ${workspace} instead.`,
        ),
      revoked: () =>
        new ProblemError(
          'not_invited',
          `This invitation was withdrawn: ${email.to} is no longer invited to ${workspace}. Ask ${asker} if that is a mistake.`,
        ),
      superseded: () =>
        new ProblemError(
          'invitation_superseded',
          `A newer invitation was sent to ${email.to}, so this link no longer works. Open the link in the most recent invitation email.`,
        ),
      expired: () =>
        new ProblemError(
          'invitation_expired',
          `This invitation expired on ${spokenTime(email.expiresAt)}. Ask ${asker} to send a new one.`,
        ),
    };
    const state = stateAt(email, this.now());
    if (state !== 'pending') throw refusals[state]();
    if (!user) throw refusals.revoked();
    if (user.status !== 'invited') {
      throw new ProblemError(
        'not_invited',
        `${user.email} is already a member of ${workspace}: sign in instead.`,
      );
    }
    const input = parseAcceptance(body);
    if (input.name === undefined && user.name === '') {
      throw new ProblemError('validation_failed', 'Enter your name to join.', [
        fieldError('name', 'required', 'Enter your name to join.'),
      ]);
    }
    const members = this.users.size - this.users.statusCount('invited');
    if (this.seatLimit !== null && members + 1 > this.seatLimit) {
      throw new ProblemError(
        'seat_limit_reached',
        `All ${this.seatLimit} seats of ${workspace} are taken. Ask ${asker} to free a seat or raise the limit, then open this link again.`,
      );
    }
    const iso = new Date(this.now()).toISOString();
    const online = this.config.features.presence;
    const joined: StoredUser = {
      ...user,
      name: input.name ?? user.name,
      status: 'active',
      online,
      lastActiveAt: iso,
      lastLoginAt: iso,
      inviteExpiresAt: null,
      updatedAt: iso,
      version: user.version + 1,
    };
    this.commit([
      { kind: 'user', user: joined },
      { kind: 'email', email: { ...email, state: 'accepted' } },
    ]);
    this.hub.publish({ type: 'user.updated', user: joined });
    if (online)
      this.hub.publish({ type: 'presence', userId: joined.id, online, lastActiveAt: iso });
    this.hub.publish({ type: 'seats', seats: this.seats() });
    return joined;
  }

  /**
   * `POST /mock/invitations/{token}/expire`: the link expires now (for demos and tests), and
   * so does the user's invitation. A link already expired stays so; one that was accepted,
   * superseded or revoked has nothing left to expire (`not_invited`).
   */
  expireInvitation(token: string): void {
    const email = this.emailOf(token);
    const state = stateAt(email, this.now());
    if (state === 'expired') return;
    if (state !== 'pending') {
      throw new ProblemError(
        'not_invited',
        `This invitation was ${state} already: its link has nothing left to expire.`,
      );
    }
    const iso = new Date(this.now()).toISOString();
    const changes: Change[] = [
      { kind: 'email', email: { ...email, state: 'expired', expiresAt: iso } },
    ];
    const user = this.users.get(email.userId);
    let expired: StoredUser | undefined;
    if (user?.status === 'invited') {
      expired = { ...user, inviteExpiresAt: iso, updatedAt: iso, version: user.version + 1 };
      changes.push({ kind: 'user', user: expired });
    }
    this.commit(changes);
    if (expired) this.hub.publish({ type: 'user.updated', user: expired });
  }

  /**
   * `PATCH /mock/workspace`: the plan (one of the preset's) and the seat limit (null for none;
   * below the seats in use is allowed: nobody is removed, new invitations and acceptances are
   * refused). Publishes `seats`.
   */
  patchWorkspace(body: unknown): Workspace {
    const input = parseWorkspacePatch(this.config, body);
    const changes: Change[] = [];
    if (input.plan !== undefined && input.plan !== this.plan)
      changes.push({ kind: 'plan', plan: input.plan });
    if (input.seatLimit !== undefined && input.seatLimit !== this.seatLimit)
      changes.push({ kind: 'seatLimit', seatLimit: input.seatLimit });
    if (changes.length > 0) this.commit(changes);
    this.hub.publish({ type: 'seats', seats: this.seats() });
    return this.workspace();
  }

  /** The email with this token, or `not_found`. */
  private emailOf(token: string): StoredEmail {
    const email = this.outbox.get(token);
    if (!email) {
      throw new ProblemError(
        'not_found',
        'This invitation link is not known: check that the whole link was opened, or ask for a new invitation.',
      );
    }
    return email;
  }

  /** Changes moving a user's emails in one of the `from` states (as stored) to `to`. */
  private settleEmails(
    userId: string,
    from: readonly InvitationState[],
    to: InvitationState,
  ): Change[] {
    return this.outbox
      .ofUser(userId)
      .filter((email) => from.includes(email.state))
      .map((email) => ({ kind: 'email', email: { ...email, state: to } }));
  }

  private emailContext(): EmailContext {
    const roles = this.config.roles;
    return {
      workspaceName: this.config.workspace.name,
      roleName: (id) => roles.find((role) => role.id === id)?.name ?? id,
      acceptUrl: this.options.acceptUrl,
    };
  }

  // ── helpers ────────────────────────────────────────────────────────────────
  /** Publishes `template.updated` (its new `userCount`) for each of these templates that exists. */
  private publishCounts(ids: readonly (string | null)[]): void {
    for (const id of new Set(ids)) {
      const template = id === null ? undefined : this.templates.get(id);
      if (template)
        this.hub.publish({ type: 'template.updated', template: this.templateView(template) });
    }
  }

  /** Works out the user a patch leads to, checking each changed part against the policy. */
  private planPatch(actor: StoredUser, target: StoredUser, patch: UserPatch): StoredUser {
    const next: StoredUser = { ...target };
    if (patch.name !== undefined) next.name = patch.name;
    if (patch.email !== undefined && patch.email !== target.email) {
      orThrow(policy.checkEditEmail(this, actor, target));
      const holder = this.users.getByEmail(patch.email.toLowerCase());
      if (holder && holder.id !== target.id) {
        throw new ProblemError(
          'email_taken',
          `${patch.email} already belongs to a user of this workspace.`,
          [fieldError('email', 'email_taken', 'This email already belongs to a user.')],
        );
      }
      next.email = patch.email;
    }
    if (patch.role !== undefined && patch.role !== target.role) {
      orThrow(policy.checkChangeRole(this, actor, target, patch.role));
      next.role = patch.role;
    }
    if (patch.status !== undefined && patch.status !== target.status) {
      orThrow(
        patch.status === 'suspended'
          ? policy.checkSuspend(this, actor, target)
          : policy.checkReactivate(this, actor, target),
      );
      next.status = patch.status;
    }
    if (patch.roleTemplateId !== undefined)
      next.roleTemplateId = this.resolveTemplateId(patch.roleTemplateId);
    const roleChanged = next.role !== target.role;
    // What the role change alone brings (forced flags on, the old role's forced ones dropped),
    // then what the write sets beyond it: only the latter must be flags the actor holds.
    const brought = unwrap(policy.resolveFlags(this, next.role, {}, target.flags, target.role));
    next.flags = unwrap(
      policy.resolveFlags(this, next.role, patch.flags, target.flags, target.role),
    );
    orThrow(policy.checkFlags(this, actor, brought, next.flags));
    next.restrictions = unwrap(
      policy.resolveRestrictions(
        this,
        next.role,
        patch.restrictions,
        roleChanged ? {} : target.restrictions,
      ),
    );
    if (patch.permissions !== undefined) {
      orThrow(policy.checkEditPermissions(this, actor, target, next.role));
      next.permissions = this.resolvePermissions(
        actor,
        patch.permissions,
        null,
        target.permissions,
      );
    }
    if (next.roleTemplateId !== null && next.roleTemplateId !== target.roleTemplateId) {
      orThrow(
        policy.checkGrants(
          this,
          actor,
          this.templatePermissions(next.roleTemplateId) ?? {},
          'roleTemplateId',
        ),
      );
    }
    return next;
  }

  private resolveTemplateId(id: string | null | undefined): string | null {
    if (id === undefined || id === null) return null;
    if (!this.config.features.roleTemplates) {
      throw invalid([
        fieldError('roleTemplateId', 'not_supported', 'This workspace has no role templates.'),
      ]);
    }
    if (!this.templates.has(id))
      throw invalid([
        fieldError('roleTemplateId', 'unknown_template', `There is no role template "${id}".`),
      ]);
    return id;
  }

  /** Checks and normalises grants given to a user of a role (with its template's checked too). */
  private resolvePermissions(
    actor: StoredUser,
    grants: PermissionGrants | undefined,
    templateId: string | null,
    held: PermissionGrants = {},
  ): PermissionGrants {
    if (
      grants !== undefined &&
      Object.keys(grants).length > 0 &&
      !this.config.features.permissions
    ) {
      throw invalid([
        fieldError(
          'permissions',
          'not_supported',
          'This workspace has no fine-grained permissions.',
        ),
      ]);
    }
    const normalized = policy.normalizeGrants(this, grants ?? {});
    orThrow(policy.checkGrants(this, actor, normalized, 'permissions', held));
    if (templateId !== null)
      orThrow(
        policy.checkGrants(
          this,
          actor,
          this.templatePermissions(templateId) ?? {},
          'roleTemplateId',
        ),
      );
    return normalized;
  }

  private checkVersion(current: number, ifMatch: IfMatch): void {
    if (ifMatch !== '*' && !ifMatch.includes(current)) {
      throw new ProblemError(
        'version_conflict',
        `This was changed meanwhile (now version ${current}); reload and try again.`,
      );
    }
  }

  private requireTemplates(): void {
    if (!this.config.features.roleTemplates)
      throw new ProblemError('not_found', 'This workspace has no role templates.');
  }

  private checkTemplateName(name: string, exceptId: string | undefined): void {
    const folded = name.toLowerCase();
    for (const template of this.templates.values()) {
      if (template.id !== exceptId && template.name.toLowerCase() === folded) {
        throw invalid([fieldError('name', 'taken', `A template named "${name}" exists already.`)]);
      }
    }
  }

  /** Stores changes durably (throws, changing nothing, if the storage fails), then applies them. */
  private commit(changes: Change[]): void {
    this.storage?.append(changes, () => this.snapshotAfter(changes));
    for (const change of changes) this.apply(change);
  }

  /** The snapshot as it will be once `changes` are applied (for storages that compact). */
  private snapshotAfter(changes: Change[]): PersistedState {
    for (const change of changes) this.apply(change);
    return this.snapshot();
  }

  private apply(change: Change): void {
    switch (change.kind) {
      case 'user':
        this.users.put(change.user);
        break;
      case 'userRemoved':
        this.users.remove(change.id);
        break;
      case 'template':
        this.templates.set(change.template.id, change.template);
        break;
      case 'templateRemoved':
        this.templates.delete(change.id);
        break;
      case 'idempotency':
        this.rememberIdempotent(change.entry);
        break;
      case 'counters':
        this.counters = { ...change.counters };
        break;
      case 'seatLimit':
        this.seatLimit = change.seatLimit;
        break;
      case 'plan':
        this.plan = change.plan;
        break;
      case 'email':
        this.outbox.put(change.email);
        break;
    }
  }

  private rememberIdempotent(entry: IdempotencyEntry): void {
    const oldest = this.now() - IDEMPOTENCY_TTL_MS;
    for (const [slot, kept] of this.idempotency) {
      if (kept.at >= oldest && this.idempotency.size < IDEMPOTENCY_MAX) break;
      this.idempotency.delete(slot);
    }
    this.idempotency.set(`${entry.actorId}\n${entry.key}`, entry);
  }
}
