/**
 * The live-event hub: numbered events in a bounded ring buffer (for `Last-Event-ID` replay) and
 * the open streams listening to it. Events about users keep the stored user; each stream renders
 * it for its own actor when sending. Template events carry the template with its `userCount` as
 * it was when published.
 */
import type { RoleTemplate, Seats } from '../api/types.js';
import type { StoredUser } from './model.js';

/** An event as the hub keeps it. */
export type HubEvent = { id: number } & (
  | { type: 'presence'; userId: string; online: boolean; lastActiveAt: string | null }
  | { type: 'user.created' | 'user.updated'; user: StoredUser }
  | { type: 'user.removed'; userId: string }
  | { type: 'seats'; seats: Seats }
  | { type: 'template.created' | 'template.updated'; template: RoleTemplate }
  | { type: 'template.removed'; templateId: string }
);

/** Distributes each event to one key of `HubEvent` minus the id. */
type Without<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
type NewHubEvent = Without<HubEvent, 'id'>;

/** An open stream. */
interface Listener {
  event(event: HubEvent): void;
  ping(): void;
  /** The hub closed (the server is closing): end the stream. */
  close(): void;
}

const HEARTBEAT_MS = 15_000;

/** Calls `unref()` on a Node timer, so it never keeps the process alive; a no-op in browsers. */
export function unref(timer: unknown): void {
  if (
    typeof timer === 'object' &&
    timer !== null &&
    'unref' in timer &&
    typeof timer.unref === 'function'
  )
    timer.unref();
}

export class EventHub {
  private readonly buffer: HubEvent[] = [];
  private readonly listeners = new Set<Listener>();
  private lastId: number;
  private heartbeat: ReturnType<typeof setInterval> | undefined;

  /**
   * Ids start from `startMs * 1000`, so they keep growing across restarts of a persisted mock and
   * an id from a previous run is never mistaken for a current one.
   */
  constructor(
    startMs: number,
    private readonly capacity = 1000,
  ) {
    this.lastId = Math.floor(startMs) * 1000;
  }

  /** Id of the newest event (or the starting point). */
  get currentId(): number {
    return this.lastId;
  }

  publish(event: NewHubEvent): void {
    const numbered = { ...event, id: ++this.lastId } as HubEvent;
    this.buffer.push(numbered);
    if (this.buffer.length > this.capacity) this.buffer.shift();
    for (const listener of this.listeners) listener.event(numbered);
  }

  /**
   * Events after `lastEventId`, or null when they cannot all be replayed (unknown, malformed,
   * from the future, or older than the buffer).
   */
  since(lastEventId: string): HubEvent[] | null {
    if (!/^\d{1,16}$/.test(lastEventId)) return null;
    const id = Number(lastEventId);
    if (id > this.lastId) return null;
    const oldest = this.buffer[0]?.id ?? this.lastId + 1;
    if (id < oldest - 1) return null;
    return this.buffer.filter((event) => event.id > id);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (!this.heartbeat) {
      this.heartbeat = setInterval(() => {
        for (const each of this.listeners) each.ping();
      }, HEARTBEAT_MS);
      unref(this.heartbeat);
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stopHeartbeat();
    };
  }

  /** Number of open streams. */
  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Ends every open stream and stops the heartbeat. */
  close(): void {
    this.stopHeartbeat();
    const open = [...this.listeners];
    this.listeners.clear();
    for (const listener of open) listener.close();
  }

  private stopHeartbeat(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }
}
