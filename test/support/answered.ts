import type { CallRecord } from "../../src/callkit/schemas.js";

/**
 * The tests' own statement of "answered" (issue 12): completed, or interrupted after being
 * answered, judged by the times. Written apart from src/ so the figures are checked, not copied.
 */
export function wasConnected(r: CallRecord): boolean {
  if (r.callResult === "normal_end") return true;
  return (
    r.callResult === "interrupt" &&
    r.acceptTs !== undefined &&
    r.endTs !== undefined &&
    r.acceptTs > r.startCallTs &&
    r.endTs >= r.acceptTs
  );
}
