/**
 * The change feed behind `GET /events`: every change is kept (the last {@link KEEP}) under an
 * opaque id, so that a client reconnecting with `Last-Event-ID` gets what it missed, or
 * `resync` when the id is not one of ours any more (too old, or from before a restart).
 * There is no presence here: only `user.*` and `seats`.
 */
import { randomBytes } from 'node:crypto';
import type { Seats } from '../../src/api/types.js';
import type { Account } from './model.js';

/** One change, as kept: user events keep the account as it was then. */
export type Change =
  | { name: 'user.created' | 'user.updated'; user: Account }
  | { name: 'user.removed'; userId: string }
  | { name: 'seats'; seats: Seats };

/** A kept change and its position. */
export interface Logged {
  id: string;
  change: Change;
}

const KEEP = 500;

/** The feed of one server run. */
export class ChangeFeed {
  private readonly run = randomBytes(6).toString('base64url');
  private readonly kept: Logged[] = [];
  private readonly listeners = new Set<(entry: Logged) => void>();
  private count = 0;

  /** Keeps a change and hands it to every listener. */
  publish(change: Change): void {
    const entry = { id: this.idOf(++this.count), change };
    this.kept.push(entry);
    if (this.kept.length > KEEP) this.kept.shift();
    for (const listener of this.listeners) listener(entry);
  }

  /** The id standing for "everything so far": what a `resync` carries. */
  get head(): string {
    return this.idOf(this.count);
  }

  /** What followed the change `lastId`, or undefined when it cannot be told. */
  since(lastId: string): Logged[] | undefined {
    const [run, position] = Buffer.from(lastId, 'base64url').toString().split(':');
    const seen = Number(position);
    const oldest = this.count - this.kept.length;
    if (run !== this.run || !Number.isInteger(seen) || seen < oldest || seen > this.count)
      return undefined;
    return this.kept.slice(seen - oldest);
  }

  /** Calls `listener` with every later change, until the returned function is called. */
  listen(listener: (entry: Logged) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private idOf(position: number): string {
    return Buffer.from(`${this.run}:${position}`).toString('base64url');
  }
}
