import { describe, expect, it } from "vitest";
import { TokenBucket } from "../../src/callkit/rate-limit.js";

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
      Array.from({ length: 70 }, () => bucket.acquire().then(() => starts.push(performance.now()))),
    );
    starts.sort((a, b) => a - b);
    expect(maxInWindow(starts, 1000)).toBeLessThanOrEqual(50);
  });

  it("computes slots from the schedule with a fake clock: evenly spaced, burst of one", async () => {
    let now = 1000;
    const bucket = new TokenBucket(100, { headroom: 1, now: () => now });
    await bucket.acquire();
    now += 500; // idle time does not bank tokens beyond one
    const waits: Promise<void>[] = [bucket.acquire(), bucket.acquire()];
    let second = false;
    waits[1]?.then(() => {
      second = true;
    });
    await waits[0];
    await Promise.resolve();
    expect(second).toBe(false);
    await waits[1];
    expect(bucket.intervalMs).toBe(10);
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
