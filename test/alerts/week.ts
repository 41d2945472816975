import type { CallRecord } from "../../src/callkit/schemas.js";
import { mulberry32 } from "../../src/testbed/callkit-sim/prng.js";
import { rhythmAt } from "../../src/testbed/callkit-sim/rhythm.js";

/**
 * A normal week of calls for the simulator (explicit records, so the test knows every call):
 * the simulator's daily rhythm (busy days, a deep nightly dip), ~2 % interrupted, and one planted
 * spike of interrupted calls. Calls last a minute.
 */

export const SDK_APP_ID = 1400000016;
export const SECRET_KEY = "alerts-test-secret-key-0123456789";
/** The spike starts at 14:00 Beijing time (06:00 UTC) on a Thursday. */
export const SPIKE_START_MS = Date.UTC(2026, 2, 5, 6, 0);
export const SPIKE_MINUTES = 60;
/** Extra interrupted calls per minute during the spike. */
export const SPIKE_PER_MINUTE = 3;

export function normalWeek(options: {
  endMs: number;
  days?: number;
  callsPerDay?: number;
  spike?: boolean;
}): CallRecord[] {
  const random = mulberry32(16);
  const days = options.days ?? 8;
  const perMinute = (options.callsPerDay ?? 2000) / 1440 / 0.82;
  const first = Math.floor(options.endMs / 1000) - days * 86_400;
  const records: CallRecord[] = [];
  let carry = 0;
  let n = 0;
  const add = (start: number, result: string) => {
    const i = n++;
    const answered = result === "normal_end" || result === "interrupt";
    records.push({
      callId: `a1e27000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      sdkAppId: SDK_APP_ID,
      mediaType: i % 3 === 0 ? "audio" : "video",
      roomId: `room-${i % 50}`,
      startCallTs: start,
      acceptTs: answered ? start + 3 : 0,
      endTs: start + 60,
      caller: `user_${i % 23}`,
      totalUserNumber: 2,
      callType: "single",
      callResult: result,
      callees: [`user_${(i * 7 + 3) % 23}`],
    });
  };
  for (let minute = first; minute < first + days * 86_400; minute += 60) {
    carry += perMinute * rhythmAt(minute);
    while (carry >= 1) {
      carry -= 1;
      const r = random();
      add(
        minute + Math.floor(random() * 60),
        r < 0.02 ? "interrupt" : r < 0.1 ? "cancel" : r < 0.15 ? "reject" : "normal_end",
      );
    }
  }
  if (options.spike !== false) {
    const spike = Math.floor(SPIKE_START_MS / 1000);
    for (let m = 0; m < SPIKE_MINUTES; m++)
      for (let k = 0; k < SPIKE_PER_MINUTE; k++) add(spike + m * 60 + k * 17, "interrupt");
  }
  return records;
}
