import { CallKitClient } from "../../src/callkit/client.js";
import type { CallRecord } from "../../src/callkit/schemas.js";
import { type Simulator, startSimulator } from "../../src/testbed/callkit-sim/server.js";

/** Shared by the archive's job and service tests: exact records behind a real simulator. */

export const APP = 1400000077;
export const SECRET = "archive-test-secret-key-0123456789";
/** The test clock: 2026-11-03 12:00 UTC. */
export const T0_MS = Date.UTC(2026, 10, 3, 12);
export const T0 = T0_MS / 1000;
export const DAY = 86_400;

const RESULTS = [
  "normal_end",
  "normal_end",
  "reject",
  "cancel",
  "not_answer",
  "interrupt",
  "offline",
];

/** One call of the test's world; `i` decides users, result, type and media. */
export function call(i: number, startTs: number, prefix = "c"): CallRecord {
  const group = i % 6 === 0;
  return {
    callId: `${prefix}-${String(i).padStart(6, "0")}`,
    sdkAppId: APP,
    mediaType: i % 3 === 0 ? "audio" : "video",
    roomId: `room-${i % 40}`,
    startCallTs: startTs,
    acceptTs: startTs + 4,
    endTs: startTs + 30 + (i % 50),
    caller: `user_${i % 13}`,
    totalUserNumber: group ? 3 : 2,
    callType: group ? "group" : "single",
    callResult: group ? "normal_end" : (RESULTS[i % RESULTS.length] as string),
    callees: group ? [`user_${(i + 1) % 13}`, `user_${(i + 5) % 13}`] : [`user_${(i + 1) % 13}`],
  };
}

/** `count` calls spread evenly over [fromTs, toTs). */
export function callsBetween(
  fromTs: number,
  toTs: number,
  count: number,
  prefix = "c",
): CallRecord[] {
  const step = (toTs - fromTs) / count;
  return Array.from({ length: count }, (_, i) => call(i, Math.floor(fromTs + i * step), prefix));
}

export interface Vendor {
  sim: Simulator;
  client: CallKitClient;
  stop(): Promise<void>;
}

/**
 * The vendor as it stands at `nowMs()` with exactly these records. The simulator's data set is
 * fixed once started, so "more records later" is a new simulator over the grown list.
 */
export async function startVendor(
  records: CallRecord[],
  nowMs: () => number,
  options: { rateLimit?: number } = {},
): Promise<Vendor> {
  const sim = await startSimulator({
    sdkAppId: APP,
    secretKey: SECRET,
    now: nowMs,
    dataset: records,
    rateLimit: options.rateLimit ?? 200,
  });
  const client = new CallKitClient({
    sdkAppId: APP,
    secretKey: SECRET,
    adminUser: "administrator",
    apiUrl: sim.url,
    rateLimit: options.rateLimit ?? 200,
    callIdRateLimit: 20,
    timeoutMs: 8000,
  });
  return { sim, client, stop: () => sim.stop() };
}
