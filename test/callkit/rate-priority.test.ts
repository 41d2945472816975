import { afterEach, describe, expect, it } from "vitest";
import { CallKitClient, type UpstreamRequestEvent } from "../../src/callkit/client.js";
import { TokenBucket } from "../../src/callkit/rate-limit.js";
import { type Simulator, startSimulator } from "../../src/testbed/callkit-sim/server.js";

/**
 * The archive sync's scans are background work: a person's request waiting for the rate limit
 * is served before every background request waiting with it, whatever the order they arrived in.
 */

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("TokenBucket priorities", () => {
  it("serves an interactive waiter before the background waiters that were there first", async () => {
    let now = 0;
    const bucket = new TokenBucket(100, { headroom: 1, guardMs: 0, now: () => now });
    (await bucket.acquire()).sent();
    const order: string[] = [];
    const take = (name: string, priority: "interactive" | "background") =>
      bucket.acquire(undefined, priority).then((permit) => {
        permit.sent();
        order.push(name);
      });
    const waits = [1, 2, 3, 4, 5].map((n) => take(`sync ${n}`, "background"));
    await tick();
    const person = take("person", "interactive");
    for (let slot = 1; slot <= 6; slot++) {
      now += 10;
      await tick();
    }
    await Promise.all([...waits, person]);
    // One slot apiece, the person's the first that came after it asked.
    expect(order).toEqual(["person", "sync 1", "sync 2", "sync 3", "sync 4", "sync 5"]);
  });

  it("background waiters take every slot people leave, in order, and leave the queue when aborted", async () => {
    let now = 0;
    const bucket = new TokenBucket(100, { headroom: 1, guardMs: 0, now: () => now });
    const order: number[] = [];
    const controller = new AbortController();
    const first = bucket.acquire(undefined, "background").then((p) => {
      p.sent();
      order.push(1);
    });
    const gone = bucket.acquire(controller.signal, "background").catch(() => "aborted");
    const third = bucket.acquire(undefined, "background").then((p) => {
      p.sent();
      order.push(3);
    });
    controller.abort();
    expect(await gone).toBe("aborted");
    await first;
    now += 10;
    await third;
    expect(order).toEqual([1, 3]);
  });
});

describe("a person's request while a background scan fills the rate", () => {
  let sim: Simulator | undefined;
  afterEach(async () => {
    await sim?.stop();
    sim = undefined;
  });

  it("waits about one slot, not behind the background scan's waiting pages", async () => {
    const sdkAppId = 1400000311;
    const secretKey = "rate-priority-secret-0123456789ab";
    const rate = 20;
    sim = await startSimulator({
      sdkAppId,
      secretKey,
      rateLimit: rate,
      dataset: { seed: 3, days: 1, callsPerDay: 4000, endMs: Date.now() },
    });
    const events: UpstreamRequestEvent[] = [];
    // Two clients of one app share its bucket, as the sync and the Slack app do in one process.
    const options = {
      sdkAppId,
      secretKey,
      adminUser: "administrator",
      apiUrl: sim.url,
      rateLimit: rate,
      callIdRateLimit: 20,
      timeoutMs: 8000,
      pageSize: 100,
    };
    const sync = new CallKitClient(options);
    const person = new CallKitClient({ ...options, onRequest: (event) => events.push(event) });
    const nowSec = Math.floor(Date.now() / 1000);
    const window = { startTimestamp: nowSec - 86_400, endTimestamp: nowSec };
    const controller = new AbortController();
    let synced = 0;
    const background = (async () => {
      for await (const _ of sync.scan(window, {
        pageSize: 100,
        concurrency: 16,
        priority: "background",
        signal: controller.signal,
      }))
        synced++;
    })().catch(() => undefined);
    // The scan has its 16 pages waiting on the bucket (20/s: ~0.8 s of slots).
    while (synced < 200) await tick();
    const asked = performance.now();
    const page = await person.getRecordsPage({ ...window, page: 1, numberPerPage: 10 });
    const tookMs = performance.now() - asked;
    controller.abort();
    await background;
    expect(page.records.length).toBe(10);
    const waited = events.find((event) => event.outcome === "ok")?.waitedMs ?? Number.NaN;
    // One slot at 20/s is ~53 ms; behind 15 waiting pages it would be ~800 ms.
    expect(waited).toBeLessThan(200);
    expect(tookMs).toBeLessThan(400);
  });
});
