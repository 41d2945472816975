/**
 * Paces requests to one endpoint. The vendor (and the simulator) count requests in any sliding
 * 1-second window, so a classic bucket with a burst of `rate` could let 2×rate through across a
 * window edge. Two rules together keep every sliding second at or under `rate`:
 *
 * 1. Even spacing, a little slower than the limit (`headroom`): callers get the next slot
 *    (burst 1), served in order; slots follow the schedule, not when timers fire, so timer
 *    lateness does not slow the pace down.
 * 2. A log of when requests actually left: a start may happen only while fewer than `rate`
 *    left in the last 1 s + `guardMs`. When the event loop stalls, the slots that
 *    fell inside the stall fire together; without this rule they could squeeze rate+1 starts into
 *    a second. A request is logged when it is written to the socket (`Permit.sent()`), not when
 *    its slot came: a request that waited for a new connection (a TLS handshake to the vendor can
 *    take hundreds of ms) would otherwise arrive together with requests started a second later
 *    on warm connections. Until then it counts as leaving now. `guardMs` absorbs the remaining
 *    jitter between our clock and the vendor's arrival times.
 *
 * Each rule caps a long run: spacing at `headroom` × rate, rule 2 at rate per (1 s + guard). The
 * margins trade pace for the arrival jitter they absorb: a run at r per second, bunched by J ms on
 * the vendor's side, puts r × (1 + J/1000) into one of its seconds. The default (0.975, 25 ms)
 * paces at ~0.97 of the limit and absorbs ~25 ms; should the vendor refuse anyway (70005: more
 * jitter than that, e.g. a loaded host or a long network path), `refused()` widens the margins
 * to (0.95, 50 ms) for ten minutes, so a deployment that needs more room gets it after one refusal
 * instead of a configuration change (docs/benchmarks.md, "Scan pacing").
 */

/** A granted start. Call `sent()` when the request is on the wire (or will never be): at once. */
export interface Permit {
  sent(): void;
}
export interface TokenBucketOptions {
  /** Fraction of `rate` used for spacing; default 0.975 (at 200/s: one start every 5.13 ms). */
  headroom?: number;
  /** Extra margin on the 1-second window of rule 2; default 25 ms. */
  guardMs?: number;
  now?: () => number;
}

/** The margins a bucket starts with. */
export const DEFAULT_MARGINS = { headroom: 0.975, guardMs: 25 } as const;
/** The margins after the vendor refused a paced request (at least these, never tighter). */
export const WIDE_MARGINS = { headroom: 0.95, guardMs: 50 } as const;
/** How long the wide margins hold after the last refusal. */
export const WIDE_FOR_MS = 10 * 60_000;

const WINDOW_MS = 1000;
const PENDING = Number.POSITIVE_INFINITY;
/** How often a start blocked by a request not yet on the wire looks again. */
const PENDING_RECHECK_MS = 20;

/**
 * Who is asking: a person's question (the default) or background work (the archive sync). A
 * background waiter gets a slot only while no interactive one waits, so the sync may keep many
 * pages waiting without a person's request ever queueing behind them.
 */
export type Priority = "interactive" | "background";

interface Waiter {
  /** When it asked: an idle bucket banks no burst, so a slot is never earlier than this. */
  arrivedAt: number;
  resolve(permit: Permit): void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/**
 * Waiters are served in order by one timer, and each slot is decided when it is granted (not
 * when it was asked for), so a new rate (`setRate`: this replica's share of the app's limit
 * changed) or a pause (`pause`: the vendor said 70005) applies to everyone already waiting,
 * and the starts after a pause are spaced as usual instead of all leaving at its end.
 */
export class TokenBucket {
  private currentRate = 0;
  private interval = 0;
  private readonly margins: { headroom: number; guardMs: number };
  private readonly wideMargins: { headroom: number; guardMs: number };
  /** Until when the wide margins apply (the last refusal + WIDE_FOR_MS). */
  private wideUntil = Number.NEGATIVE_INFINITY;
  private readonly now: () => number;
  private lastSlot = Number.NEGATIVE_INFINITY;
  private pausedUntil = Number.NEGATIVE_INFINITY;
  /** A hold set by the app-wide share (replaced, not extended, by the next one). */
  private heldUntil = Number.NEGATIVE_INFINITY;
  /** Interactive waiters, in order; background ones wait in `background`, served after them. */
  private readonly queue: Waiter[] = [];
  private readonly background: Waiter[] = [];
  /** Starts in the order granted, each with the time it was sent (PENDING until then). */
  private readonly log: { at: number }[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(rate: number, options: TokenBucketOptions = {}) {
    const headroom = options.headroom ?? DEFAULT_MARGINS.headroom;
    if (!(headroom > 0 && headroom <= 1)) throw new RangeError("headroom must be in (0, 1]");
    this.margins = { headroom, guardMs: Math.max(0, options.guardMs ?? DEFAULT_MARGINS.guardMs) };
    this.wideMargins = {
      headroom: Math.min(this.margins.headroom, WIDE_MARGINS.headroom),
      guardMs: Math.max(this.margins.guardMs, WIDE_MARGINS.guardMs),
    };
    this.now = options.now ?? (() => performance.now());
    this.setRate(rate);
  }

  get rate(): number {
    return this.currentRate;
  }

  get intervalMs(): number {
    return this.interval;
  }

  /** The margins in force: the wide ones for WIDE_FOR_MS after a refusal. */
  get currentMargins(): { headroom: number; guardMs: number } {
    return this.now() < this.wideUntil ? this.wideMargins : this.margins;
  }

  /** Paces at `rate` from now on, waiters included; a lower rate also waits out rule 2. */
  setRate(rate: number): void {
    if (!(rate > 0)) throw new RangeError("rate must be a positive number of requests per second");
    if (rate === this.currentRate) return;
    this.currentRate = rate;
    this.respace();
  }

  /**
   * The vendor refused a request this bucket paced (70005): its arrivals bunch more than the
   * margins absorb, so the wide margins apply to everyone waiting and for WIDE_FOR_MS from now.
   */
  refused(): void {
    this.wideUntil = this.now() + WIDE_FOR_MS;
    this.respace();
  }

  private respace(): void {
    this.interval = this.spacing();
    this.reschedule();
  }

  /** The interval between slots at the current rate and margins. */
  private spacing(): number {
    return WINDOW_MS / (this.currentRate * this.currentMargins.headroom);
  }

  /** No start for `ms` from now; extends a pause already running, never shortens it. */
  pause(ms: number): void {
    const until = this.now() + Math.max(0, ms);
    if (until <= this.pausedUntil) return;
    this.pausedUntil = until;
    this.reschedule();
  }

  /**
   * No start until `ms` from now, replacing the previous hold (a share that was waiting for the
   * other replicas can end its wait once they have heard of it); a 70005 pause still holds.
   */
  hold(ms: number): void {
    this.heldUntil = this.now() + Math.max(0, ms);
    this.reschedule();
  }

  /**
   * Resolves when this caller may start; rejects with the signal's reason if aborted first.
   * Background callers are served only while no interactive caller waits (see `Priority`).
   */
  acquire(signal?: AbortSignal, priority: Priority = "interactive"): Promise<Permit> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const queue = priority === "background" ? this.background : this.queue;
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { arrivedAt: this.now(), resolve };
      if (signal) {
        waiter.signal = signal;
        waiter.onAbort = () => {
          // Slots are handed out at grant time, so leaving the queue costs nobody a slot.
          const index = queue.indexOf(waiter);
          if (index >= 0) queue.splice(index, 1);
          reject(signal.reason);
        };
        signal.addEventListener("abort", waiter.onAbort, { once: true });
      }
      queue.push(waiter);
      if (this.timer === undefined) this.serve();
    });
  }

  private reschedule(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.serve();
  }

  private serve(): void {
    this.timer = undefined;
    // The wide margins run out by the clock: the spacing goes back when they do.
    if (this.wideUntil !== Number.NEGATIVE_INFINITY && this.now() >= this.wideUntil) {
      this.wideUntil = Number.NEGATIVE_INFINITY;
      this.interval = this.spacing();
    }
    for (;;) {
      // Decided at each slot: an interactive waiter that arrived meanwhile goes first.
      const queue = this.queue.length > 0 ? this.queue : this.background;
      const head = queue[0];
      if (!head) return;
      const at = this.now();
      // Slots follow the schedule, not when timers fire, so timer lateness does not slow the pace.
      const slot = Math.max(
        head.arrivedAt,
        this.lastSlot + this.interval,
        this.pausedUntil,
        this.heldUntil,
      );
      const wait = Math.max(slot - at, this.windowWait(at));
      if (wait > 0) {
        this.timer = setTimeout(() => this.serve(), Math.max(1, wait));
        return;
      }
      queue.shift();
      this.lastSlot = slot;
      if (head.onAbort) head.signal?.removeEventListener("abort", head.onAbort);
      head.resolve(this.start());
    }
  }

  /**
   * How long until rule 2 allows a start at `at`: fewer than `rate` requests may have left in
   * the last second (+ guard). A request not yet on the wire counts as leaving now, so the wait
   * is at least a second; look again soon, as it is usually sent within ms.
   */
  private windowWait(at: number): number {
    const limit = Math.max(1, Math.floor(this.currentRate));
    const horizon = at - WINDOW_MS - this.currentMargins.guardMs;
    while (this.log.length > 0 && (this.log[0] as { at: number }).at <= horizon) this.log.shift();
    const recent: number[] = [];
    for (const entry of this.log) if (entry.at > horizon) recent.push(entry.at);
    if (recent.length < limit) return 0;
    recent.sort((a, b) => a - b);
    const blocking = recent[recent.length - limit] as number;
    if (blocking === PENDING) return PENDING_RECHECK_MS;
    return blocking - horizon;
  }

  private start(): Permit {
    const entry = { at: PENDING };
    this.log.push(entry);
    return {
      sent: () => {
        if (entry.at === PENDING) entry.at = this.now();
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
