/**
 * The cloud API's window rules, applied by construction (shared/trtc-quality-api.md): a request's
 * window never reaches the limit (whether the limits are inclusive is not stated, so stay strictly
 * below), user lists are cut to the per-request maximum, and nothing starts before the data's
 * reach. Pure functions of seconds.
 */

export const HOUR_SEC = 3600;
/** DescribeRoomInfo: EndTime − StartTime ≤ 24 h. */
export const ROOM_WINDOW_SEC = 24 * HOUR_SEC - 1;
/** DescribeUserInfo (and DescribeUserEvent, which states none: the same, to be safe): ≤ 4 h. */
export const USER_WINDOW_SEC = 4 * HOUR_SEC - 1;
/** DescribeCallDetailInfo with DataType, DescribeUnusualEvent: ≤ 1 h. */
export const QUALITY_WINDOW_SEC = HOUR_SEC - 1;
/** DescribeCallDetailInfo with DataType: at most 6 users a request. */
export const QUALITY_MAX_USERS = 6;
/** DescribeUserInfo: 1–100 users a request. */
export const USER_INFO_MAX_USERS = 100;
/** The longest reach of any edition (Premium): 14 days back from now. */
export const REACH_SEC = 14 * 86_400;

export interface Window {
  start: number;
  end: number;
}

/** [start, end] cut into consecutive pieces of at most `maxSec` each (empty when end < start). */
export function splitWindow(window: Window, maxSec: number): Window[] {
  if (!(maxSec > 0)) throw new RangeError("maxSec must be positive");
  const pieces: Window[] = [];
  let start = Math.floor(window.start);
  const end = Math.ceil(window.end);
  if (end < start) return pieces;
  for (;;) {
    const pieceEnd = Math.min(end, start + maxSec);
    pieces.push({ start, end: pieceEnd });
    if (pieceEnd >= end) return pieces;
    start = pieceEnd;
  }
}

/** The list in consecutive chunks of at most `size`, without duplicates, order kept. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!(size >= 1)) throw new RangeError("size must be at least 1");
  const unique = [...new Set(items)];
  const chunks: T[][] = [];
  for (let i = 0; i < unique.length; i += size) chunks.push(unique.slice(i, i + size));
  return chunks;
}

/**
 * The part of the window the API can still answer, `nowSec` being now: undefined when it all lies
 * beyond the reach. A small margin keeps a request in flight from crossing it.
 */
export function withinReach(
  window: Window,
  nowSec: number,
  reachSec = REACH_SEC,
): Window | undefined {
  const earliest = Math.ceil(nowSec - reachSec + 60);
  const start = Math.max(window.start, earliest);
  const end = Math.min(window.end, Math.floor(nowSec));
  return end < start ? undefined : { start, end };
}
