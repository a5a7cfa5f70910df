/** The mock's stored shapes: what it keeps per user and what it persists. */
import type { RoleTemplate, User } from '../api/types.js';
import type { StoredEmail } from './outbox.js';
import type { PresetName } from './presets.js';

/** A user as stored: everything but `allowedActions`, which depends on who looks. */
export type StoredUser = Omit<User, 'allowedActions'>;

/** A role template as stored: everything but `userCount`, which is counted when read. */
export type StoredTemplate = Omit<RoleTemplate, 'userCount'>;

/** A remembered `POST /invitations` answer, replayed for the same actor, key and body. */
export interface IdempotencyEntry {
  actorId: string;
  key: string;
  /** Canonical JSON of the request body. */
  body: string;
  status: number;
  response: unknown;
  /** Milliseconds since the epoch; entries are kept for at least 24 hours. */
  at: number;
}

export interface Counters {
  user: number;
  template: number;
}

/** Everything the mock needs to come back after a restart. */
export interface PersistedState {
  format: 'roster-mock';
  version: 1;
  preset: PresetName;
  seatLimit: number | null;
  /** The workspace's plan, when changed from the preset's (`PATCH /mock/workspace`). */
  plan?: string;
  /** Token → user id. */
  personas: Record<string, string>;
  users: StoredUser[];
  templates: StoredTemplate[];
  idempotency: IdempotencyEntry[];
  counters: Counters;
  /** The invitation emails sent, oldest first (absent in data files from before the outbox). */
  outbox?: StoredEmail[];
}

/** One durable change; every change carries whole records, so replaying one twice is harmless. */
export type Change =
  | { kind: 'user'; user: StoredUser }
  | { kind: 'userRemoved'; id: string }
  | { kind: 'template'; template: StoredTemplate }
  | { kind: 'templateRemoved'; id: string }
  | { kind: 'idempotency'; entry: IdempotencyEntry }
  | { kind: 'counters'; counters: Counters }
  | { kind: 'seatLimit'; seatLimit: number | null }
  | { kind: 'plan'; plan: string }
  | { kind: 'email'; email: StoredEmail };
