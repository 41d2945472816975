import type { TimeWindow } from "./types.js";

/** The API answers only for calls created within the last 7 days. */
export const API_REACH_SECONDS = 7 * 24 * 3600;

export type WindowProblem =
  | { problem: "too-old"; startTs: number; endTs: number; earliestTs: number }
  | { problem: "empty"; startTs: number; endTs: number };

/**
 * Whole seconds, never past now, never before the API's reach: a start older than 7 days is moved
 * up and remembered in `requestedStartTs`, so the reply can say so. A window wholly older than
 * that, or empty, is a problem to explain, not an empty answer.
 */
export function clampWindow(
  startMs: number,
  endMs: number,
  nowMs: number,
): TimeWindow | WindowProblem {
  const nowTs = Math.floor(nowMs / 1000);
  const earliestTs = nowTs - API_REACH_SECONDS;
  const startTs = Math.floor(startMs / 1000);
  const endTs = Math.min(Math.ceil(endMs / 1000), nowTs);
  if (endTs <= earliestTs) return { problem: "too-old", startTs, endTs, earliestTs };
  if (endTs <= startTs) return { problem: "empty", startTs, endTs };
  if (startTs < earliestTs) return { startTs: earliestTs, endTs, requestedStartTs: startTs };
  return { startTs, endTs };
}

export function isWindowProblem(value: TimeWindow | WindowProblem): value is WindowProblem {
  return "problem" in value;
}
