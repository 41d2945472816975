import type { CallRecord } from "../../src/callkit/schemas.js";

let counter = 0;

/** A record with sensible defaults; times relative to `start` (epoch s). */
export function record(overrides: Partial<CallRecord> & { talk?: number } = {}): CallRecord {
  counter++;
  const { talk, ...rest } = overrides;
  const start = rest.startCallTs ?? 1_700_000_000 + counter;
  const result = rest.callResult ?? "normal_end";
  const answered = result === "normal_end";
  const acceptTs = rest.acceptTs ?? (answered ? start + 3 : 0);
  return {
    callId: `00000000-0000-4000-8000-${String(counter).padStart(12, "0")}`,
    sdkAppId: 1400000001,
    mediaType: "video",
    roomId: `room-${counter}`,
    caller: "alice",
    callees: ["bob"],
    totalUserNumber: 2,
    callType: "single",
    ...rest,
    startCallTs: start,
    acceptTs,
    callResult: result,
    endTs: rest.endTs ?? (answered ? acceptTs + (talk ?? 60) : start + 20),
  };
}
