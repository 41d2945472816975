import { describe, expect, it } from "vitest";
import { createLifecycle } from "../../src/runtime/lifecycle.js";
import {
  createUpstreamTracker,
  emptyTally,
  MAX_REQUEST_IDS,
} from "../../src/runtime/upstream-tracker.js";

describe("lifecycle", () => {
  it("lets in-flight work finish before running hooks, newest hook first", async () => {
    const lifecycle = createLifecycle();
    const order: string[] = [];
    lifecycle.onShutdown("store", () => {
      order.push("store closed");
    });
    lifecycle.onShutdown("scheduler", async () => {
      order.push("scheduler stopped");
    });
    let finish!: () => void;
    void lifecycle.track(
      new Promise<void>((resolve) => {
        finish = resolve;
      }).then(() => {
        order.push("answer sent");
      }),
    );
    expect(lifecycle.inFlight()).toBe(1);
    const done = lifecycle.shutdown({ graceMs: 5000 });
    expect(lifecycle.stopping).toBe(true);
    finish();
    expect(await done).toEqual({ unfinished: 0, hookFailures: [] });
    expect(order).toEqual(["answer sent", "scheduler stopped", "store closed"]);
  });

  it("stops waiting after the grace period and reports failing hooks", async () => {
    const lifecycle = createLifecycle();
    void lifecycle.track(new Promise(() => {}));
    lifecycle.onShutdown("broken", () => {
      throw new Error("nope");
    });
    expect(await lifecycle.shutdown({ graceMs: 10 })).toEqual({
      unfinished: 1,
      hookFailures: ["broken"],
    });
  });
});

describe("upstream tracker", () => {
  it("gives each interaction only its own upstream requests", async () => {
    const tracker = createUpstreamTracker();
    const fakeRequest = async (requestId: string) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      tracker.onRequest({
        endpoint: "get_records_by_filter",
        generation: "v1",
        waitedMs: 0,
        requestId,
        durationMs: 1,
        attempt: 1,
        outcome: "ok",
      });
    };
    const a = emptyTally();
    const b = emptyTally();
    await Promise.all([
      tracker.collect(a, async () => {
        await fakeRequest("a1");
        await fakeRequest("a2");
      }),
      tracker.collect(b, () => fakeRequest("b1")),
    ]);
    tracker.onRequest({
      endpoint: "get_records_by_filter",
      generation: "v1",
      waitedMs: 0,
      durationMs: 1,
      attempt: 1,
      outcome: "ok",
    });
    expect(a).toEqual({ requests: 2, retries: 0, requestIds: ["a1", "a2"] });
    expect(b).toEqual({ requests: 1, retries: 0, requestIds: ["b1"] });
  });

  it("keeps counters and a few requestIds however many requests a scan makes", async () => {
    const tracker = createUpstreamTracker();
    const tally = emptyTally();
    await tracker.collect(tally, async () => {
      for (let i = 0; i < 5000; i++) {
        tracker.onRequest({
          endpoint: "get_records_by_filter",
          generation: "v1",
          waitedMs: 0,
          requestId: `r${i}`,
          durationMs: 1,
          attempt: i % 2 === 0 ? 1 : 2,
          outcome: i % 2 === 0 ? "retry" : "ok",
        });
      }
    });
    expect(tally.requests).toBe(5000);
    expect(tally.retries).toBe(2500);
    expect(tally.requestIds).toHaveLength(MAX_REQUEST_IDS);
    expect(tally.requestIds[0]).toBe("r0");
  });
});
