import { describe, expect, it, vi } from "vitest";
import {
  DEFAULT_MARGINS,
  TokenBucket,
  WIDE_FOR_MS,
  WIDE_MARGINS,
} from "../../src/callkit/rate-limit.js";

/** Most timestamps in any window [t, t + windowMs). */
function maxInWindow(times: number[], windowMs: number): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] ?? 0) - (times[start] ?? 0) >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe("TokenBucket", () => {
  it("never lets more than `rate` starts into any sliding second, even from a standing start", async () => {
    const bucket = new TokenBucket(50);
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 70 }, () =>
        bucket.acquire().then((permit) => {
          permit.sent();
          starts.push(performance.now());
        }),
      ),
    );
    starts.sort((a, b) => a - b);
    expect(maxInWindow(starts, 1000)).toBeLessThanOrEqual(50);
  });

  /** Starts of `count` waiters queued at once on a fake clock, and their rate ÷ the limit. */
  async function paced(bucket: TokenBucket, count: number, limit: number) {
    const starts: number[] = [];
    const all = Promise.all(
      Array.from({ length: count }, () =>
        bucket.acquire().then((permit) => {
          permit.sent();
          starts.push(Date.now());
        }),
      ),
    );
    while (starts.length < count) await vi.advanceTimersByTimeAsync(1);
    await all;
    const span = (starts.at(-1) as number) - (starts[0] as number);
    return { starts, ofLimit: ((starts.length - 1) / span) * (1000 / limit) };
  }

  it("by default paces a long run at ≥ 0.965 of the limit (its margins cap it at 0.975) and never above it in any sliding second", async () => {
    vi.useFakeTimers();
    try {
      const { starts, ofLimit } = await paced(
        new TokenBucket(200, { now: () => Date.now() }),
        2000,
        200,
      );
      expect(maxInWindow(starts, 1000)).toBeLessThanOrEqual(200);
      expect(ofLimit).toBeGreaterThanOrEqual(0.965);
      expect(ofLimit).toBeLessThanOrEqual(0.976);
    } finally {
      vi.useRealTimers();
    }
  });

  it("after a refusal paces at the wide margins (≤ 0.95, 50 ms guard) for ten minutes, then goes back", async () => {
    vi.useFakeTimers();
    try {
      const bucket = new TokenBucket(200, { now: () => Date.now() });
      expect(bucket.currentMargins).toEqual(DEFAULT_MARGINS);
      bucket.refused();
      expect(bucket.currentMargins).toEqual(WIDE_MARGINS);
      const wide = await paced(bucket, 1000, 200);
      expect(wide.ofLimit).toBeGreaterThanOrEqual(0.94);
      expect(wide.ofLimit).toBeLessThanOrEqual(0.951);
      // Rule 2 counts over 1 s + 50 ms now: no 1,050 ms holds more than the limit.
      expect(maxInWindow(wide.starts, 1050)).toBeLessThanOrEqual(200);

      await vi.advanceTimersByTimeAsync(WIDE_FOR_MS);
      expect(bucket.currentMargins).toEqual(DEFAULT_MARGINS);
      const back = await paced(bucket, 1000, 200);
      expect(back.ofLimit).toBeGreaterThan(0.96);
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps margins given explicitly when they are wider than the wide ones", () => {
    const bucket = new TokenBucket(10, { headroom: 0.5, guardMs: 200 });
    bucket.refused();
    expect(bucket.currentMargins).toEqual({ headroom: 0.5, guardMs: 200 });
  });

  it("spaces starts one interval apart by its clock, banking no burst while idle", async () => {
    let now = 1000;
    const bucket = new TokenBucket(100, { headroom: 1, guardMs: 0, now: () => now });
    expect(bucket.intervalMs).toBe(10);
    (await bucket.acquire()).sent();
    now += 500; // idle time does not bank tokens beyond one
    const started: number[] = [];
    const waits = [1, 2, 3].map((n) =>
      bucket.acquire().then((permit) => {
        permit.sent();
        started.push(n);
      }),
    );
    const settle = () => new Promise((resolve) => setTimeout(resolve, 40));
    await settle();
    expect(started).toEqual([1]);
    now += 10;
    await settle();
    expect(started).toEqual([1, 2]);
    now += 10;
    await Promise.all(waits);
    expect(started).toEqual([1, 2, 3]);
  });

  it("rejects a waiting caller promptly when its signal aborts", async () => {
    const bucket = new TokenBucket(1);
    await bucket.acquire();
    const controller = new AbortController();
    const waiting = bucket.acquire(controller.signal);
    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
  });

  it("rejects at once when the signal is already aborted", async () => {
    const bucket = new TokenBucket(5);
    await expect(bucket.acquire(AbortSignal.abort(new Error("gone")))).rejects.toThrow("gone");
  });
});

describe("TokenBucket and requests that leave late", () => {
  it("logs a request when it is sent: one held back by a slow connection delays the one a second later", async () => {
    let now = 0;
    const bucket = new TokenBucket(2, { headroom: 1, guardMs: 0, now: () => now });
    const first = await bucket.acquire();
    now = 500;
    (await bucket.acquire()).sent();
    // The first request sat waiting for a connection and only leaves at 800 ms.
    now = 800;
    first.sent();
    now = 1_000;
    let third = false;
    const waiting = bucket.acquire().then((permit) => {
      third = true;
      permit.sent();
    });
    await new Promise((resolve) => setTimeout(resolve, 60));
    // By slot times a start at 1000 ms would be allowed; by send times it must wait for 1800 ms.
    expect(third).toBe(false);
    now = 1_800;
    await waiting;
    expect(third).toBe(true);
  });

  it("holds a start while the request `rate` places back has not left yet", async () => {
    let now = 0;
    const bucket = new TokenBucket(1, { headroom: 1, guardMs: 0, now: () => now });
    const pending = await bucket.acquire();
    now = 5_000;
    let second = false;
    const waiting = bucket.acquire().then(() => {
      second = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(second).toBe(false);
    pending.sent();
    now = 6_000;
    await waiting;
    expect(second).toBe(true);
  });
});

describe("TokenBucket after a stalled event loop", () => {
  it("does not let the slots that fell inside the stall squeeze rate+1 starts into a second", async () => {
    const bucket = new TokenBucket(20, { guardMs: 0 });
    const starts: number[] = [];
    const take = () =>
      bucket.acquire().then((permit) => {
        permit.sent();
        starts.push(performance.now());
      });
    const all = Array.from({ length: 45 }, take);
    // Block the loop for 300 ms while slots come due, as a busy process would.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const until = performance.now() + 300;
    while (performance.now() < until) {}
    await Promise.all(all);
    starts.sort((a, b) => a - b);
    expect(maxInWindow(starts, 1000)).toBeLessThanOrEqual(20);
  });
});

describe("TokenBucket.setRate and pause", () => {
  // The clock is the test's; the bucket's timers still wait real (fake-clock) milliseconds.
  const settle = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

  it("a lower rate applies to a caller already waiting, rule 2 included", async () => {
    let now = 0;
    const bucket = new TokenBucket(4, { headroom: 1, guardMs: 0, now: () => now });
    for (now = 0; now <= 750; now += 250) (await bucket.acquire()).sent();
    now = 800;
    let fifth: number | undefined;
    const waiting = bucket.acquire().then((permit) => {
      permit.sent();
      fifth = now;
    });
    // Halved while it waits: at 2/s it may leave only once two of the four have left the second.
    bucket.setRate(2);
    expect(bucket.intervalMs).toBe(500);
    now = 1250;
    await settle();
    expect(fifth).toBeUndefined();
    now = 1500;
    await waiting;
    expect(fifth).toBe(1500);
  });

  it("a higher rate wakes a waiting caller early", async () => {
    let now = 0;
    const bucket = new TokenBucket(1, { headroom: 1, guardMs: 0, now: () => now });
    (await bucket.acquire()).sent();
    let second = false;
    const waiting = bucket.acquire().then(() => {
      second = true;
    });
    now = 200;
    await settle();
    expect(second).toBe(false);
    bucket.setRate(5);
    await waiting;
    expect(second).toBe(true);
  });

  it("a pause holds every waiter, then they resume one interval apart, not in a burst", async () => {
    let now = 0;
    const bucket = new TokenBucket(100, { headroom: 1, guardMs: 0, now: () => now });
    (await bucket.acquire()).sent();
    bucket.pause(100);
    const started: number[] = [];
    const waiting = [1, 2, 3].map(() =>
      bucket.acquire().then((permit) => {
        permit.sent();
        started.push(now);
      }),
    );
    now = 90;
    await settle();
    expect(started).toEqual([]);
    bucket.pause(5); // shorter than what is left: no effect
    now = 100;
    await settle(130);
    expect(started).toEqual([100]);
    now = 105;
    await settle();
    expect(started).toEqual([100]);
    now = 110;
    await settle();
    expect(started).toEqual([100, 110]);
    now = 120;
    await Promise.all(waiting);
    expect(started).toEqual([100, 110, 120]);
  });

  it("an aborted waiter gives its place to the next one", async () => {
    let now = 0;
    const bucket = new TokenBucket(10, { headroom: 1, guardMs: 0, now: () => now });
    (await bucket.acquire()).sent();
    const controller = new AbortController();
    const gone = bucket.acquire(controller.signal).catch(() => "aborted");
    const next = bucket.acquire();
    controller.abort();
    expect(await gone).toBe("aborted");
    now = 100;
    await next;
  });

  it("refuses a rate that is not positive", () => {
    expect(() => new TokenBucket(10).setRate(0)).toThrow(RangeError);
  });
});
