/**
 * Paces requests to one endpoint. The vendor (and the simulator) count requests in any sliding
 * 1-second window, so a classic bucket with a burst of `rate` could let 2×rate through across a
 * window edge. Two rules together keep every sliding second at or under `rate`:
 *
 * 1. Even spacing, a little slower than the limit (`headroom`): each caller reserves the next
 *    slot (burst 1), served in order; slots follow the schedule, not when timers fire, so timer
 *    lateness does not slow the pace down.
 * 2. A log of when requests actually left: a start may happen only once the request `rate`
 *    places back left at least 1 s + `guardMs` ago. When the event loop stalls, the slots that
 *    fell inside the stall fire together; without this rule they could squeeze rate+1 starts into
 *    a second. A request is logged when it is written to the socket (`Permit.sent()`), not when
 *    its slot came: a request that waited for a new connection (a TLS handshake to the vendor can
 *    take hundreds of ms) would otherwise arrive together with requests started a second later
 *    on warm connections. Until then it counts as leaving now. `guardMs` absorbs the remaining
 *    jitter between our clock and the vendor's arrival times.
 */

/** A granted start. Call `sent()` when the request is on the wire (or will never be): at once. */
export interface Permit {
  sent(): void;
}
export interface TokenBucketOptions {
  /** Fraction of `rate` used for spacing; default 0.95 (at 200/s: one start every 5.26 ms). */
  headroom?: number;
  /** Extra margin on the 1-second window of rule 2; default 50 ms. */
  guardMs?: number;
  now?: () => number;
}

const WINDOW_MS = 1000;
const PENDING = Number.POSITIVE_INFINITY;
/** How often a start blocked by a request not yet on the wire looks again. */
const PENDING_RECHECK_MS = 20;

export class TokenBucket {
  readonly intervalMs: number;
  private readonly now: () => number;
  private readonly guardMs: number;
  private nextSlot = Number.NEGATIVE_INFINITY;
  /** Ring of the last `starts.length` send times, oldest at `head` once full; PENDING until sent. */
  private readonly starts: number[];
  private head = 0;
  private filled = 0;

  constructor(
    readonly rate: number,
    options: TokenBucketOptions = {},
  ) {
    if (!(rate > 0)) throw new RangeError("rate must be a positive number of requests per second");
    const headroom = options.headroom ?? 0.95;
    if (!(headroom > 0 && headroom <= 1)) throw new RangeError("headroom must be in (0, 1]");
    this.intervalMs = WINDOW_MS / (rate * headroom);
    this.guardMs = Math.max(0, options.guardMs ?? 50);
    this.now = options.now ?? (() => performance.now());
    this.starts = new Array<number>(Math.max(1, Math.floor(rate))).fill(0);
  }

  /** Resolves when this caller may start; rejects with the signal's reason if aborted first. */
  acquire(signal?: AbortSignal): Promise<Permit> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const now = this.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.intervalMs;
    const granted = slot <= now ? this.tryStart(now) : undefined;
    if (granted) return Promise.resolve(granted);
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout>;
      const onAbort = () => {
        clearTimeout(timer);
        // The slot stays spent: giving it back could let a later caller start too close to one
        // that already started. Wasting one slot is the safe side.
        reject(signal?.reason);
      };
      const attempt = () => {
        const at = this.now();
        const wait = Math.max(slot - at, this.windowWait(at));
        const permit = wait <= 0 ? this.tryStart(at) : undefined;
        if (permit) {
          signal?.removeEventListener("abort", onAbort);
          resolve(permit);
        } else {
          timer = setTimeout(attempt, Math.max(1, wait));
        }
      };
      timer = setTimeout(attempt, Math.max(0, slot - now));
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /**
   * How long until rule 2 allows a start at `at`. A request not yet on the wire counts as leaving
   * now, so the wait is at least a second; look again soon, as it is usually sent within ms.
   */
  private windowWait(at: number): number {
    if (this.filled < this.starts.length) return 0;
    const oldest = this.starts[this.head] ?? 0;
    if (oldest === PENDING) return PENDING_RECHECK_MS;
    return oldest + WINDOW_MS + this.guardMs - at;
  }

  private tryStart(at: number): Permit | undefined {
    if (this.windowWait(at) > 0) return undefined;
    const index = this.head;
    this.starts[index] = PENDING;
    this.head = (this.head + 1) % this.starts.length;
    this.filled = Math.min(this.filled + 1, this.starts.length);
    let done = false;
    return {
      sent: () => {
        if (done) return;
        done = true;
        // The ring cannot have come round to this entry: that needs it to be a second old.
        this.starts[index] = this.now();
      },
    };
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
