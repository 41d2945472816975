import { describe, expect, it } from "vitest";
import { createLimiter } from "../../src/digest/limit.js";

describe("createLimiter", () => {
  it("runs at most `max` tasks at once, the rest in order, and frees slots on failure", async () => {
    const limiter = createLimiter(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const task = (n: number) => async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 10));
      running--;
      order.push(n);
      if (n === 1) throw new Error("one fails");
      return n;
    };
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((n) => limiter.run(task(n))));
    expect(peak).toBe(2);
    expect(results.map((r) => r.status)).toEqual([
      "rejected",
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "fulfilled",
    ]);
    expect(order.slice(2)).toEqual([3, 4, 5]);
    expect(limiter.active).toBe(0);
  });
});
