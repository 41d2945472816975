import type { TimeWindow } from "./types.js";

/** The API answers only for calls created within the last 7 days. */
export const API_REACH_SECONDS = 7 * 24 * 3600;

/**
 * The vendor measures its 7 days when the request arrives, a moment after we parsed, on its own
 * clock: a start exactly 7 days back would be refused (70001). Staying this far inside costs two
 * minutes of a week and is not worth a note to the user.
 */
export const REACH_MARGIN_SECONDS = 120;

/** The oldest start we send for a query made at `nowTs`. */
export function earliestQueryableTs(nowTs: number): number {
  return nowTs - API_REACH_SECONDS + REACH_MARGIN_SECONDS;
}

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
  const reachTs = nowTs - API_REACH_SECONDS;
  const earliestTs = earliestQueryableTs(nowTs);
  const startTs = Math.floor(startMs / 1000);
  const endTs = Math.min(Math.ceil(endMs / 1000), nowTs);
  if (endTs <= earliestTs) return { problem: "too-old", startTs, endTs, earliestTs: reachTs };
  if (endTs <= startTs) return { problem: "empty", startTs, endTs };
  if (startTs < reachTs) return { startTs: earliestTs, endTs, requestedStartTs: startTs };
  if (startTs < earliestTs) return { startTs: earliestTs, endTs };
  return { startTs, endTs };
}

export function isWindowProblem(value: TimeWindow | WindowProblem): value is WindowProblem {
  return "problem" in value;
}
