import { CallKitClient } from "../../src/callkit/client.js";
import { type Simulator, startSimulator } from "../../src/testbed/callkit-sim/server.js";

/** A simulator whose clock stands on 2026-11-03 12:00 UTC, with the days around the 2026-11-01 DST change. */
export const SIM_NOW_MS = Date.UTC(2026, 10, 3, 12);
export const SDK_APP_ID = 1400000001;
export const SECRET_KEY = "digest-test-secret-key-0123456789";

export async function startDigestSimulator(callsPerDay = 400): Promise<Simulator> {
  return startSimulator({
    sdkAppId: SDK_APP_ID,
    secretKey: SECRET_KEY,
    now: () => SIM_NOW_MS,
    dataset: { seed: 7, endMs: SIM_NOW_MS, days: 5, callsPerDay },
  });
}

export function clientFor(sim: Simulator): CallKitClient {
  return new CallKitClient({
    sdkAppId: SDK_APP_ID,
    secretKey: SECRET_KEY,
    adminUser: "administrator",
    apiUrl: sim.url,
    rateLimit: 200,
    callIdRateLimit: 20,
    timeoutMs: 8000,
  });
}
