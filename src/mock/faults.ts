/**
 * Fault injection: added latency, a share of failing requests (half a 500 `internal`, half a hang
 * until the caller gives up, i.e. a timeout) and a per-token rate limit (429 with `Retry-After`).
 * Preflight requests are never delayed or failed.
 */
import { ProblemError } from './problems.js';
import type { Random } from './prng.js';

interface FaultOptions {
  latency: number;
  failRate: number;
  rateLimit: { requests: number; perMs: number } | undefined;
}

/** Resolves after `ms`, or as soon as any signal aborts. */
function pause(ms: number, signals: AbortSignal[]): Promise<void> {
  return new Promise((resolve) => {
    if (signals.some((signal) => signal.aborted)) return resolve();
    const done = () => {
      clearTimeout(timer);
      for (const signal of signals) signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
    for (const signal of signals) signal.addEventListener('abort', done, { once: true });
  });
}

export class Faults {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly options: FaultOptions,
    private readonly random: Random,
    private readonly now: () => number,
    private readonly closed: AbortSignal,
  ) {}

  /** Delays, refuses or fails a request as configured; returns normally to let it through. */
  async apply(request: Request): Promise<void> {
    if (request.method === 'OPTIONS') return;
    if (this.options.latency > 0) await pause(this.options.latency, [request.signal, this.closed]);
    this.checkRateLimit(request);
    if (this.options.failRate > 0 && this.random.next() < this.options.failRate) {
      if (this.random.chance(0.5)) {
        await pause(Infinity, [request.signal, this.closed]);
        throw new ProblemError(
          'internal',
          'Simulated timeout: the request hung until it was aborted.',
        );
      }
      throw new ProblemError('internal', 'Simulated failure (fail rate).');
    }
  }

  private checkRateLimit(request: Request): void {
    const limit = this.options.rateLimit;
    if (!limit) return;
    const key = request.headers.get('Authorization') ?? 'anonymous';
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.start >= limit.perMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    if (window.count > limit.requests) {
      const seconds = Math.max(1, Math.ceil((window.start + limit.perMs - now) / 1000));
      throw new ProblemError(
        'rate_limited',
        `Too many requests: try again in ${seconds} s.`,
        undefined,
        {
          'Retry-After': String(seconds),
        },
      );
    }
  }
}
