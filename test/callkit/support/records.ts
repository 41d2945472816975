import type { CallRecord } from "../../../src/callkit/schemas.js";

/** `count` records, newest first, one every 10 s before `endTs` (epoch seconds). */
export function makeRecords(count: number, sdkAppId: number, endTs: number): CallRecord[] {
  const results = ["normal_end", "cancel", "reject", "not_answer", "call_busy", "interrupt"];
  return Array.from({ length: count }, (_, i) => {
    const start = endTs - 10 * (i + 1);
    return {
      callId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      sdkAppId,
      mediaType: i % 2 ? "audio" : "video",
      roomId: `room-${i}`,
      startCallTs: start,
      acceptTs: start + 3,
      endTs: start + 60,
      caller: `user_${i % 17}`,
      totalUserNumber: 2,
      callType: "single",
      callResult: results[i % results.length] ?? "normal_end",
      callees: [`user_${(i + 1) % 17}`],
    };
  });
}
