/**
 * Paces requests to one endpoint. The vendor (and the simulator) count requests in any sliding
 * 1-second window, so a classic bucket with a burst of `rate` could let 2×rate through across a
 * window edge. This bucket has a burst of 1: starts are spaced evenly, and a little slower than
 * the limit (`headroom`), so the jitter of timers and of the network cannot squeeze more than
 * `rate` starts into any second on the vendor's side.
 *
 * Each caller reserves the next free slot, so waiting callers are served in order and a late
 * timer does not push later slots back (slots are computed from the schedule, not from when
 * timers fire).
 */
export interface TokenBucketOptions {
  /** Fraction of `rate` actually used; default 0.95 (at 200/s: one start every 5.26 ms). */
  headroom?: number;
  now?: () => number;
}

export class TokenBucket {
  readonly intervalMs: number;
  private readonly now: () => number;
  private nextSlot = Number.NEGATIVE_INFINITY;

  constructor(
    readonly rate: number,
    options: TokenBucketOptions = {},
  ) {
    if (!(rate > 0)) throw new RangeError("rate must be a positive number of requests per second");
    const headroom = options.headroom ?? 0.95;
    if (!(headroom > 0 && headroom <= 1)) throw new RangeError("headroom must be in (0, 1]");
    this.intervalMs = 1000 / (rate * headroom);
    this.now = options.now ?? (() => performance.now());
  }

  /** Resolves when this caller may start; rejects with the signal's reason if aborted first. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const now = this.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.intervalMs;
    const waitMs = slot - now;
    if (waitMs <= 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(timer);
        // The slot stays spent: giving it back could let a later caller start too close to one
        // that already started. Wasting one slot is the safe side.
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, waitMs);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }
}

const shared = new Map<string, TokenBucket>();

/**
 * One bucket per endpoint per app per process: every client built for the same SDKAppID and host
 * shares it, so the Slack app, digests and the archive together stay under the vendor's limit.
 */
export function sharedBucket(key: string, rate: number): TokenBucket {
  const id = `${key}|${rate}`;
  let bucket = shared.get(id);
  if (!bucket) {
    bucket = new TokenBucket(rate);
    shared.set(id, bucket);
  }
  return bucket;
}
