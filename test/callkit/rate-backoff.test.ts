import { afterEach, describe, expect, it } from "vitest";
import {
  CallKitClient,
  type CallKitClientOptions,
  type UpstreamRequestEvent,
} from "../../src/callkit/client.js";
import { DEFAULT_MARGINS, WIDE_MARGINS } from "../../src/callkit/rate-limit.js";
import { type Simulator, startSimulator } from "../../src/testbed/callkit-sim/server.js";
import { makeRecords } from "./support/records.js";

const sdkAppId = 1400000011;
const secretKey = "rate-backoff-test-secret-key-0123456789";
const nowSec = Math.floor(Date.now() / 1000);
const filter = { startTimestamp: nowSec - 86_400, endTimestamp: nowSec + 60 };

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

/** A client of the simulator at 100/s, as the tests below ask it. */
function clientOf(vendor: Simulator, options: Partial<CallKitClientOptions> = {}) {
  return new CallKitClient({
    sdkAppId,
    secretKey,
    adminUser: "administrator",
    apiUrl: vendor.url,
    rateLimit: 100,
    callIdRateLimit: 10,
    timeoutMs: 8000,
    ...options,
  });
}

describe("a 70005 answer", () => {
  it("pauses every request of the endpoint, then the scan resumes and finishes", async () => {
    const records = makeRecords(400, sdkAppId, nowSec);
    sim = await startSimulator({ sdkAppId, secretKey, dataset: records });
    const refusals: number[] = [];
    /** When each attempt started (its permit came), as the client reports it. */
    const starts: number[] = [];
    const client = new CallKitClient({
      sdkAppId,
      secretKey,
      adminUser: "administrator",
      apiUrl: sim.url,
      rateLimit: 100,
      callIdRateLimit: 10,
      timeoutMs: 8000,
      pageSize: 10,
      onRequest: (event: UpstreamRequestEvent) => {
        const at = performance.now();
        starts.push(at - event.durationMs);
        if (event.errorCode === 70005) refusals.push(at);
      },
    });
    // Mid-scan, with pages in flight, the vendor refuses a few (another app on the SDKAppID?).
    const vendor = sim;
    const onProgress = (p: { pages: number }) => {
      if (p.pages === 2) vendor.faults.inject({ kind: "error", code: 70005, times: 3 });
    };
    const ids: string[] = [];
    for await (const record of client.scan(filter, { pageSize: 10, concurrency: 8, onProgress }))
      ids.push(record.callId);
    expect(ids).toEqual(records.map((r) => r.callId));
    expect(refusals.length).toBe(3);
    // Each refusal held every page, not just its own: no attempt started in the pause after it
    // (requests already on their way may still be refused, and are then retried in turn).
    for (const refusal of refusals) {
      expect(starts.filter((t) => t > refusal + 1 && t < refusal + 375)).toEqual([]);
    }
    expect(starts.filter((t) => t >= (refusals.at(-1) as number) + 375).length).toBeGreaterThan(10);
  });

  it("widens that endpoint's pacing margins, and only that endpoint's", async () => {
    sim = await startSimulator({ sdkAppId, secretKey, dataset: makeRecords(5, sdkAppId, nowSec) });
    const client = clientOf(sim);
    expect(client.rateMargins).toEqual({ filter: DEFAULT_MARGINS, callId: DEFAULT_MARGINS });
    sim.faults.inject({ kind: "error", code: 70005, times: 1 });
    const page = await client.getRecordsPage(filter);
    expect(page.records).toHaveLength(5);
    expect(client.rateMargins).toEqual({ filter: WIDE_MARGINS, callId: DEFAULT_MARGINS });
  });

  it("fails the request only when the vendor keeps refusing", async () => {
    sim = await startSimulator({ sdkAppId, secretKey, dataset: makeRecords(5, sdkAppId, nowSec) });
    const client = clientOf(sim, { retries: 2 });
    sim.faults.inject({ kind: "error", code: 70005 });
    const started = performance.now();
    const error = await client.getRecordsPage(filter).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "rate_limited", code: 70005 });
    expect(sim.stats.requests("filter")).toBe(3);
    // Two pauses, 500 ms and 1 s (±25 %), before giving up.
    expect(performance.now() - started).toBeGreaterThanOrEqual(0.75 * 1500 - 20);
  });
});
