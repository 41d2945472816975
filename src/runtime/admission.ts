/**
 * Admission for heavy work (record scans): at most `maxTotal` at once and `maxPerUser` per user,
 * the rest queued in arrival order. Every admitted piece of work gets one AbortSignal that fires
 * on its deadline (counted from when it asked, so the queue counts too) or on shutdown, so the
 * scan itself stops rather than an answer being dropped while upstream requests go on.
 * No I/O here: the caller says what to tell a waiting person and what to do with a refusal.
 */

export interface AdmissionLimits {
  maxTotal: number;
  maxPerUser: number;
  /** From asking to releasing; the signal aborts with AdmissionRefused("deadline") after it. */
  deadlineMs: number;
}

/** A person may page through one search while another runs; four scans share the vendor's rate. */
export const DEFAULT_ADMISSION: AdmissionLimits = {
  maxTotal: 4,
  maxPerUser: 2,
  deadlineMs: 120_000,
};

export class AdmissionRefused extends Error {
  constructor(readonly reason: "deadline" | "shutdown") {
    super(reason === "deadline" ? "the answer passed its deadline" : "callscope is shutting down");
    this.name = "AdmissionRefused";
  }
}

export interface Permit {
  /** Aborts (reason: AdmissionRefused) on the deadline or on shutdown: hand it to the scan. */
  signal: AbortSignal;
  /** Frees the slot; safe to call twice. */
  release(): void;
}

export interface AdmitOptions {
  /** Called once when the work has to wait, with how many scans are ahead of it. */
  onQueued?: (ahead: number) => void;
}

export interface Admission {
  admit(key: string, options?: AdmitOptions): Promise<Permit>;
  /** Refuses new and queued work (shutdown has begun); what runs keeps running. */
  closeQueue(): void;
  /** Also aborts the work in flight (the grace period is over). */
  abortAll(): void;
  counts(): { running: number; queued: number };
}

interface Entry {
  key: string;
  controller: AbortController;
  timer: NodeJS.Timeout;
  admitted: boolean;
  resolve: (permit: Permit) => void;
  reject: (error: AdmissionRefused) => void;
}

export function createAdmission(limits: AdmissionLimits = DEFAULT_ADMISSION): Admission {
  if (limits.maxTotal < 1 || limits.maxPerUser < 1) throw new RangeError("limits must be ≥ 1");
  const queue: Entry[] = [];
  const running = new Set<Entry>();
  const perKey = new Map<string, number>();
  let closed = false;

  const runningFor = (key: string) => perKey.get(key) ?? 0;
  const fits = (key: string) =>
    running.size < limits.maxTotal && runningFor(key) < limits.maxPerUser;

  const finish = (entry: Entry) => {
    clearTimeout(entry.timer);
    if (!running.delete(entry)) return;
    const left = runningFor(entry.key) - 1;
    if (left > 0) perKey.set(entry.key, left);
    else perKey.delete(entry.key);
    pump();
  };

  const start = (entry: Entry) => {
    entry.admitted = true;
    running.add(entry);
    perKey.set(entry.key, runningFor(entry.key) + 1);
    entry.resolve({ signal: entry.controller.signal, release: () => finish(entry) });
  };

  // Arrival order, but a user held by their own limit does not hold up everyone else.
  function pump() {
    for (let i = 0; i < queue.length && running.size < limits.maxTotal; ) {
      const entry = queue[i]!;
      if (fits(entry.key)) {
        queue.splice(i, 1);
        start(entry);
      } else {
        i++;
      }
    }
  }

  const refuse = (entry: Entry, reason: "deadline" | "shutdown") => {
    const error = new AdmissionRefused(reason);
    entry.controller.abort(error);
    const index = queue.indexOf(entry);
    if (index !== -1) {
      queue.splice(index, 1);
      clearTimeout(entry.timer);
      entry.reject(error);
    }
  };

  return {
    admit(key, options = {}) {
      if (closed) return Promise.reject(new AdmissionRefused("shutdown"));
      return new Promise<Permit>((resolve, reject) => {
        const entry: Entry = {
          key,
          controller: new AbortController(),
          admitted: false,
          resolve,
          reject,
          timer: setTimeout(() => refuse(entry, "deadline"), limits.deadlineMs),
        };
        const waitingBefore = queue.length;
        queue.push(entry);
        pump();
        if (entry.admitted) return;
        const heldByOwnLimit = runningFor(key) >= limits.maxPerUser;
        options.onQueued?.(waitingBefore + (heldByOwnLimit ? runningFor(key) : running.size));
      });
    },
    closeQueue() {
      closed = true;
      for (const entry of [...queue]) refuse(entry, "shutdown");
    },
    abortAll() {
      this.closeQueue();
      for (const entry of running) entry.controller.abort(new AdmissionRefused("shutdown"));
    },
    counts: () => ({ running: running.size, queued: queue.length }),
  };
}
