import { TZDate } from "@date-fns/tz";
import type { CallRecord } from "../../src/callkit/schemas.js";
import { generateDataset } from "../../src/testbed/callkit-sim/dataset.js";
import type { SimDataset } from "../../src/testbed/callkit-sim/dataset-shape.js";
import { DEMO_DATASET, DEMO_SDK_APP_ID } from "../../src/testbed/callkit-sim/demo-credentials.js";

/**
 * What the demo's data holds, computed independently of the CLI: the same seed, the same end
 * instant, and "yesterday" and "failed" worked out here rather than by the query language.
 */

export const TIME_ZONE = "Asia/Shanghai";

/** A whole minute, recent enough that the simulator's 7-day rule (on the real clock) holds. */
export function referenceNow(): Date {
  return new Date(Math.floor(Date.now() / 60_000) * 60_000);
}

export function demoDataset(now: Date): SimDataset {
  return generateDataset({
    ...DEMO_DATASET,
    endMs: now.getTime(),
    sdkAppId: DEMO_SDK_APP_ID,
    now: now.getTime(),
  });
}

/** [start, end) of yesterday in the zone, epoch seconds. */
export function yesterday(now: Date, timeZone: string): { startTs: number; endTs: number } {
  const local = new TZDate(now.getTime(), timeZone);
  const today = new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), timeZone);
  const before = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() - 1, timeZone);
  return { startTs: before.getTime() / 1000, endTs: today.getTime() / 1000 };
}

/** Failed = every result but an answered call that ended normally. */
export function failedYesterday(dataset: SimDataset, now: Date, timeZone: string): CallRecord[] {
  return dataset.query(yesterday(now, timeZone)).filter((r) => r.callResult !== "normal_end");
}

/** The startCallTs values a newest-first page of `size` must have (ties make ids ambiguous). */
export function newestStarts(records: readonly CallRecord[], size: number): number[] {
  return records
    .map((r) => r.startCallTs)
    .sort((a, b) => b - a)
    .slice(0, size);
}
