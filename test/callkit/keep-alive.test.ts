import { expect, it } from "vitest";
import { CallKitClient } from "../../src/callkit/client.js";
import { startSimulator } from "../../src/testbed/callkit-sim/server.js";
import { makeRecords } from "./support/records.js";

it("reuses connections for consecutive requests (Node's fetch keeps alive)", async () => {
  const sdkAppId = 1400000004;
  const nowSec = Math.floor(Date.now() / 1000);
  const secretKey = "keep-alive-secret-0123456789";
  const sim = await startSimulator({
    sdkAppId,
    secretKey,
    dataset: makeRecords(5, sdkAppId, nowSec),
  });
  try {
    const client = new CallKitClient({
      sdkAppId,
      secretKey,
      adminUser: "administrator",
      apiUrl: sim.url,
      rateLimit: 200,
      callIdRateLimit: 20,
      timeoutMs: 3500,
    });
    for (let i = 0; i < 10; i++) {
      await client.getRecordsPage({ startTimestamp: nowSec - 3600, endTimestamp: nowSec + 60 });
    }
    expect(sim.stats.requests()).toBe(10);
    // undici may keep two sockets warm and alternate, but never opens one per request.
    expect(sim.connections()).toBeLessThanOrEqual(3);
  } finally {
    await sim.stop();
  }
});
