/**
 * The users of the mock with the indexes that keep `GET /users` fast on 100,000 rows:
 * a precomputed search string per user, sorted orders per sort key (built on first use, then kept
 * up to date on every write by binary-search insert/remove), active counts per role, holder
 * counts per role template and a cache of match counts per filter. The inactivity filter reads
 * a prefix of an order by last activity (or by last sign-in), so its count needs no full scan.
 */
import { USER_STATUSES } from '../api/types.js';
import type { SortKey, UserStatus } from '../api/types.js';
import type { StoredUser } from './model.js';

/** A sort position: the values compared, last one the user id (unique, so the order is total). */
export type SortTuple = (string | number)[];

/**
 * `inactive=N`: no activity (`lastActiveAt`, else `lastLoginAt`) since `before` (now − N days,
 * in milliseconds), or none at all; `never`: never signed in (`lastLoginAt` null).
 */
export type InactiveFilter = { days: number; before: number } | 'never';

/** The filters of a list query (already validated). */
export interface UserFilter {
  /** Folded search text (see `foldText`); empty for none. */
  q: string;
  role?: string;
  status?: UserStatus;
  inactive?: InactiveFilter;
}

interface Entry {
  user: StoredUser;
  search: string;
  nameKey: string;
  /** Milliseconds of `lastActiveAt`, -1 for none (sorts first: never is the oldest). */
  lastActive: number;
  /** Milliseconds of `lastLoginAt`, -1 for none. */
  lastLogin: number;
  /** The last sign of activity: `lastActive`, else `lastLogin` (what `inactive=N` compares). */
  activity: number;
}

/** The orders the store keeps: the sort keys, and the last activity for the inactivity filter. */
type OrderKey = SortKey | 'activity';

/** Lowercases and strips accents, so `jose` finds `José` and `ÖZ` finds `öz`. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function compareTuples(a: SortTuple, b: SortTuple): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

const STATUS_ORDER = new Map(USER_STATUSES.map((status, index) => [status, index]));

export class UserStore {
  private readonly byId = new Map<string, Entry>();
  private readonly byEmail = new Map<string, string>();
  private readonly orders = new Map<OrderKey, Entry[]>();
  private readonly byStatus = new Map<UserStatus, number>();
  private readonly activeByRole = new Map<string, number>();
  private readonly byTemplate = new Map<string, number>();
  private readonly totals = new Map<string, number>();
  private generation = 0;
  private totalsGeneration = 0;

  /** `roleOrder`: role ids in their sort order (as `GET /roles` lists them). */
  constructor(private readonly roleOrder: readonly string[]) {}

  get size(): number {
    return this.byId.size;
  }

  get(id: string): StoredUser | undefined {
    return this.byId.get(id)?.user;
  }

  /** The user holding this email (give it lowercased). */
  getByEmail(email: string): StoredUser | undefined {
    const id = this.byEmail.get(email);
    return id === undefined ? undefined : this.get(id);
  }

  /** Active users holding a role. */
  activeCount(role: string): number {
    return this.activeByRole.get(role) ?? 0;
  }

  /** Users of a status. */
  statusCount(status: UserStatus): number {
    return this.byStatus.get(status) ?? 0;
  }

  /** Users (of any status) holding a role template. */
  templateCount(templateId: string): number {
    return this.byTemplate.get(templateId) ?? 0;
  }

  *all(): IterableIterator<StoredUser> {
    for (const entry of this.byId.values()) yield entry.user;
  }

  /** Inserts or replaces a user (records are replaced, never mutated). */
  put(user: StoredUser): void {
    const previous = this.byId.get(user.id);
    const lastActive = user.lastActiveAt ? Date.parse(user.lastActiveAt) : -1;
    const lastLogin = user.lastLoginAt ? Date.parse(user.lastLoginAt) : -1;
    const entry: Entry = {
      user,
      search: `${foldText(user.name)}\n${user.email.toLowerCase()}`,
      nameKey: foldText(user.name),
      lastActive,
      lastLogin,
      activity: lastActive >= 0 ? lastActive : lastLogin,
    };
    if (previous) this.unindex(previous);
    this.byId.set(user.id, entry);
    this.byEmail.set(user.email.toLowerCase(), user.id);
    if (user.status === 'active') this.activeByRole.set(user.role, this.activeCount(user.role) + 1);
    this.byStatus.set(user.status, this.statusCount(user.status) + 1);
    if (user.roleTemplateId !== null)
      this.byTemplate.set(user.roleTemplateId, this.templateCount(user.roleTemplateId) + 1);
    for (const [key, order] of this.orders)
      order.splice(this.seek(key, order, this.tuple(key, entry), 'lower'), 0, entry);
    const u = previous?.user;
    if (
      !u ||
      u.name !== user.name ||
      u.email !== user.email ||
      u.role !== user.role ||
      u.status !== user.status
    ) {
      this.generation++;
    }
  }

  remove(id: string): void {
    const entry = this.byId.get(id);
    if (!entry) return;
    this.unindex(entry);
    this.byId.delete(id);
    this.generation++;
  }

  /** The sort tuple of a user for a key (what cursors carry). */
  tupleOf(key: SortKey, user: StoredUser): SortTuple {
    const entry = this.byId.get(user.id);
    if (!entry) throw new Error(`unknown user ${user.id}`);
    return this.tuple(key, entry);
  }

  /** The shape a cursor tuple must have for a sort key: the type of each element. */
  static tupleTypes(key: SortKey): ('string' | 'number')[] {
    switch (key) {
      case 'name':
      case 'email':
        return ['string', 'string'];
      case 'lastActiveAt':
      case 'lastLoginAt':
        return ['number', 'string'];
      case 'role':
      case 'status':
        return ['number', 'string', 'string'];
    }
  }

  /**
   * One page in sort order after `after` (exclusive; null = from the start), plus whether more
   * follow. `descending` walks the order backwards.
   */
  page(
    filter: UserFilter,
    key: SortKey,
    descending: boolean,
    after: SortTuple | null,
    limit: number,
  ): { items: StoredUser[]; more: boolean } {
    const order = this.sorted(key);
    const items: StoredUser[] = [];
    const step = descending ? -1 : 1;
    let i = descending
      ? (after ? this.seek(key, order, after, 'lower') : order.length) - 1
      : after
        ? this.seek(key, order, after, 'upper')
        : 0;
    for (; i >= 0 && i < order.length; i += step) {
      const entry = order[i]!;
      if (!this.matches(entry, filter)) continue;
      if (items.length === limit) return { items, more: true };
      items.push(entry.user);
    }
    // A first page that reached the end saw every match: that is the total, so `count` need
    // not walk all users again (a rare search would otherwise scan them twice). Inactivity
    // totals are not cached: they move with the clock and with every presence change.
    if (after === null && !filter.inactive) this.totalsFor().set(totalsKey(filter), items.length);
    return { items, more: false };
  }

  /**
   * How many users match a filter (cached until the next change that could alter it). With the
   * inactivity filter, only the users it lets through are looked at: a prefix of the order by
   * last activity (or by last sign-in, for `never`).
   */
  count(filter: UserFilter): number {
    if (filter.inactive) {
      const { key, bound } = inactivePrefix(filter.inactive);
      const order = this.sorted(key);
      const end = this.seek(key, order, [bound], 'lower');
      let total = 0;
      for (let i = 0; i < end; i++) if (this.matches(order[i]!, filter)) total++;
      return total;
    }
    const totals = this.totalsFor();
    const cacheKey = totalsKey(filter);
    const cached = totals.get(cacheKey);
    if (cached !== undefined) return cached;
    let total = 0;
    for (const entry of this.byId.values()) if (this.matches(entry, filter)) total++;
    totals.set(cacheKey, total);
    return total;
  }

  /** The cache of totals by filter, emptied by every change that could alter one. */
  private totalsFor(): Map<string, number> {
    if (this.totalsGeneration !== this.generation || this.totals.size > 64) {
      this.totals.clear();
      this.totalsGeneration = this.generation;
    }
    return this.totals;
  }

  /** Every matching user in sort order (for CSV export). */
  *walk(filter: UserFilter, key: SortKey, descending: boolean): IterableIterator<StoredUser> {
    const order = this.sorted(key);
    for (let n = 0; n < order.length; n++) {
      const entry = order[descending ? order.length - 1 - n : n]!;
      if (this.matches(entry, filter)) yield entry.user;
    }
  }

  private matches(entry: Entry, filter: UserFilter): boolean {
    const { inactive } = filter;
    return (
      (filter.role === undefined || entry.user.role === filter.role) &&
      (filter.status === undefined || entry.user.status === filter.status) &&
      (inactive === undefined ||
        (inactive === 'never' ? entry.lastLogin < 0 : entry.activity < inactive.before)) &&
      (filter.q === '' || entry.search.includes(filter.q))
    );
  }

  private unindex(entry: Entry): void {
    const { user } = entry;
    if (this.byEmail.get(user.email.toLowerCase()) === user.id)
      this.byEmail.delete(user.email.toLowerCase());
    if (user.status === 'active') this.activeByRole.set(user.role, this.activeCount(user.role) - 1);
    this.byStatus.set(user.status, this.statusCount(user.status) - 1);
    if (user.roleTemplateId !== null)
      this.byTemplate.set(user.roleTemplateId, this.templateCount(user.roleTemplateId) - 1);
    for (const [key, order] of this.orders) {
      const index = this.seek(key, order, this.tuple(key, entry), 'lower');
      if (order[index] === entry) order.splice(index, 1);
      else throw new Error(`index for ${key} out of sync at ${user.id}`);
    }
  }

  private sorted(key: OrderKey): Entry[] {
    let order = this.orders.get(key);
    if (!order) {
      const keyed = [...this.byId.values()].map((entry) => ({
        entry,
        tuple: this.tuple(key, entry),
      }));
      keyed.sort((a, b) => compareTuples(a.tuple, b.tuple));
      order = keyed.map(({ entry }) => entry);
      this.orders.set(key, order);
    }
    return order;
  }

  /** First index whose tuple is ≥ (`lower`) or > (`upper`) the given one. */
  private seek(key: OrderKey, order: Entry[], tuple: SortTuple, bound: 'lower' | 'upper'): number {
    let low = 0;
    let high = order.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const c = compareTuples(this.tuple(key, order[mid]!), tuple);
      if (c < 0 || (bound === 'upper' && c === 0)) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private tuple(key: OrderKey, entry: Entry): SortTuple {
    const { user } = entry;
    switch (key) {
      case 'name':
        return [entry.nameKey, user.id];
      case 'email':
        return [user.email.toLowerCase(), user.id];
      case 'lastActiveAt':
        return [entry.lastActive, user.id];
      case 'lastLoginAt':
        return [entry.lastLogin, user.id];
      case 'activity':
        return [entry.activity, user.id];
      case 'role':
        return [this.roleRank(user.role), entry.nameKey, user.id];
      case 'status':
        return [STATUS_ORDER.get(user.status) ?? 0, entry.nameKey, user.id];
    }
  }

  private roleRank(role: string): number {
    const index = this.roleOrder.indexOf(role);
    return index === -1 ? this.roleOrder.length : index;
  }
}

/**
 * The users an inactivity filter lets through, as the start of an order: those whose first
 * tuple value is below `bound` (a one-value tuple sorts before every tuple starting with it).
 */
function inactivePrefix(inactive: InactiveFilter): { key: OrderKey; bound: number } {
  return inactive === 'never'
    ? { key: 'lastLoginAt', bound: 0 }
    : { key: 'activity', bound: inactive.before };
}

/** The totals cache key of a filter. */
function totalsKey(filter: UserFilter): string {
  return JSON.stringify([filter.q, filter.role ?? null, filter.status ?? null]);
}
