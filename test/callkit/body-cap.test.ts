import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CallKitClient, type CallKitClientOptions } from "../../src/callkit/client.js";
import { CallKitError } from "../../src/callkit/errors.js";
import { type Simulator, startSimulator } from "../../src/testbed/callkit-sim/server.js";

const sdkAppId = 1400000009;
const secretKey = "body-cap-test-secret-key-0123456789";
const nowSec = Math.floor(Date.now() / 1000);
const window = { startTimestamp: nowSec - 3600, endTimestamp: nowSec };

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ sdkAppId, secretKey, dataset: [] });
});
afterAll(() => sim.stop());
afterEach(() => sim.faults.clear());

const client = (extra: Partial<CallKitClientOptions> = {}) =>
  new CallKitClient({
    sdkAppId,
    secretKey,
    adminUser: "administrator",
    apiUrl: sim.url,
    rateLimit: 50,
    callIdRateLimit: 5,
    timeoutMs: 8000,
    ...extra,
  });

async function failure(promise: Promise<unknown>): Promise<CallKitError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CallKitError);
  return error as CallKitError;
}

describe("answers over the size cap", () => {
  it.each([false, true])(
    "a 17 MB answer is refused as malformed at the default 16 MB cap, not retried (chunked: %s)",
    async (chunked) => {
      sim.faults.inject({ kind: "oversized", bytes: 17 * 1024 * 1024, chunked });
      const before = sim.stats.requests("filter");
      const error = await failure(client().getRecordsPage(window));
      expect(error).toMatchObject({ kind: "malformed", retryable: false });
      expect(error.explanation).toContain("16 MB");
      expect(sim.stats.requests("filter") - before).toBe(1);
    },
  );

  it("takes an answer of exactly the cap and refuses one byte more", async () => {
    const capped = client({ maxResponseBytes: 200_000 });
    sim.faults.inject({ kind: "oversized", bytes: 200_000, chunked: true, times: 1 });
    expect((await capped.getRecordsPage(window)).records).toEqual([]);
    sim.faults.inject({ kind: "oversized", bytes: 200_001, chunked: true, times: 1 });
    expect(await failure(capped.getRecordsPage(window))).toMatchObject({ kind: "malformed" });
    // The connection pool is still usable afterwards.
    expect((await capped.getRecordsPage(window)).records).toEqual([]);
  });
});
