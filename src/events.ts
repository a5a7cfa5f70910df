import type {
  InvitationInput,
  PermissionGrants,
  RoleTemplate,
  RoleTemplateInput,
  User,
  UserPatch,
} from './api/types.js';

/**
 * Roster's DOM events. Every event bubbles and is composed, so a host hears it on any ancestor,
 * across shadow roots. Each state-changing action fires a cancelable `roster-before-<action>`
 * first (call `preventDefault()` to veto it) and a plain `roster-<action>` after it succeeded.
 * A failure fires `roster-error`.
 */

/** Details of the cancelable event fired before each action. */
export interface BeforeActionDetails {
  invite: { invitations: InvitationInput[] };
  update: { user: User; patch: UserPatch };
  suspend: { user: User };
  reactivate: { user: User };
  'resend-invitation': { user: User };
  revoke: { user: User; reassignTo: string | null };
  export: { query: Record<string, string> };
  /** `<permission-matrix>` saving a user's own grants (`user`) or a role template's (`templateId`). */
  'update-permissions': {
    user: User | null;
    templateId: string | null;
    permissions: PermissionGrants;
  };
  /** `<role-templates>`: creating, renaming or describing, copying and deleting a template. */
  'create-template': { input: RoleTemplateInput };
  'update-template': { template: RoleTemplate; patch: Partial<RoleTemplateInput> };
  'duplicate-template': { template: RoleTemplate };
  'delete-template': { template: RoleTemplate };
}

/** Details of the event fired after each action succeeded. */
export interface ActionDetails {
  invite: { users: User[] };
  update: { user: User };
  suspend: { user: User };
  reactivate: { user: User };
  'resend-invitation': { user: User };
  revoke: { userId: string; reassignTo: string | null };
  export: { rows: number | null };
  'update-permissions': { user: User | null; template: RoleTemplate | null };
  'create-template': { template: RoleTemplate };
  'update-template': { template: RoleTemplate };
  /** `source` was copied into the new `template`. */
  'duplicate-template': { source: RoleTemplate; template: RoleTemplate };
  'delete-template': { templateId: string };
}

export type RosterAction = keyof BeforeActionDetails;

const init = { bubbles: true, composed: true } as const;

/** Fired before an action; cancelable: `preventDefault()` stops the action. */
export class RosterBeforeActionEvent<A extends RosterAction = RosterAction> extends Event {
  constructor(
    readonly action: A,
    readonly detail: Readonly<BeforeActionDetails[A]>,
  ) {
    super(`roster-before-${action}`, { ...init, cancelable: true });
  }
}

/** Fired after an action succeeded. */
export class RosterActionEvent<A extends RosterAction = RosterAction> extends Event {
  constructor(
    readonly action: A,
    readonly detail: Readonly<ActionDetails[A]>,
  ) {
    super(`roster-${action}`, init);
  }
}

/** Fired when an action or a load fails; `message` is the sentence shown to the person. */
export class RosterErrorEvent extends Event {
  constructor(
    readonly message: string,
    readonly error: unknown,
    readonly action: RosterAction | 'load' | null = null,
  ) {
    super('roster-error', init);
  }
}

/**
 * Fired by `<users-table>` when a person opens a user (row activation or the Edit action).
 * Cancelable: `preventDefault()` keeps the table from opening its own edit dialog, so the host
 * can show the user its own way.
 */
export class RosterOpenUserEvent extends Event {
  constructor(readonly user: User) {
    super('roster-open-user', { ...init, cancelable: true });
  }
}

/** Fired by `<users-table>` when the selected rows change. */
export class RosterSelectionChangeEvent extends Event {
  constructor(readonly userIds: readonly string[]) {
    super('roster-selection-change', init);
  }
}

/**
 * Fired by an embedded `<permission-matrix>` (no Save of its own) when the grants being edited
 * change: `grants` are the new own grants, normalised (implied actions included).
 */
export class RosterGrantsChangeEvent extends Event {
  constructor(readonly grants: PermissionGrants) {
    super('roster-grants-change', init);
  }
}

/**
 * Fires the cancelable before-event on `target`, then runs `action` unless a listener vetoed it.
 * Resolves to `undefined` when vetoed; on success fires the after-event with `after(result)`
 * (an `after` returning null says the result was no success, e.g. a version conflict: no
 * after-event then).
 */
export async function withActionEvents<A extends RosterAction, R>(
  target: EventTarget,
  action: A,
  before: BeforeActionDetails[A],
  run: () => Promise<R>,
  after: (result: R) => ActionDetails[A] | null,
): Promise<R | undefined> {
  if (!target.dispatchEvent(new RosterBeforeActionEvent(action, before))) return undefined;
  const result = await run();
  const details = after(result);
  if (details) target.dispatchEvent(new RosterActionEvent(action, details));
  return result;
}

type BeforeEventMap = {
  [A in RosterAction as `roster-before-${A}`]: RosterBeforeActionEvent<A>;
};
type AfterEventMap = {
  [A in RosterAction as `roster-${A}`]: RosterActionEvent<A>;
};

declare global {
  interface HTMLElementEventMap extends BeforeEventMap, AfterEventMap {
    'roster-error': RosterErrorEvent;
    'roster-open-user': RosterOpenUserEvent;
    'roster-selection-change': RosterSelectionChangeEvent;
    'roster-grants-change': RosterGrantsChangeEvent;
  }
}
