import type { CallRecord } from "../../callkit/schemas.js";
import { ColumnarDataset, type IndexedDataset } from "./columnar.js";
import { explicitColumns } from "./explicit.js";
import { syntheticColumns } from "./synthetic.js";

/**
 * The simulator's records: either generated (seeded, realistic, compact enough for a million
 * calls a day) or given explicitly by a test that wants exact data.
 */

export interface DatasetOptions {
  seed?: number; // default 1
  endMs?: number; // data ends here; default now()
  days?: number; // default 7
  callsPerDay?: number; // default 3000; realistic daily rhythm; up to 1,000,000 per day must work
}

/** Times are epoch SECONDS, like a record's startCallTs: [startTs, endTs). */
export interface RecordFilter {
  startTs: number;
  endTs: number;
  callResult?: string;
  callType?: string;
}

export interface SimDataset {
  size: number;
  /** All records whose startCallTs is in [startTs, endTs) and match the optional filters, newest first. For tests (small sizes). */
  query(filter: RecordFilter): CallRecord[];
  /** Count of the same, cheap even at 1,000,000 records. */
  count(filter: RecordFilter): number;
  find(callId: string): CallRecord | undefined;
  /** Any record, e.g. to pick a callId in tests: index 0 is the newest. */
  at(index: number): CallRecord;
}

export type { IndexedDataset } from "./columnar.js";

export function generateDataset(
  options: DatasetOptions & { sdkAppId: number; now?: number },
): IndexedDataset {
  return new ColumnarDataset(
    syntheticColumns({
      sdkAppId: options.sdkAppId,
      seed: options.seed ?? 1,
      endMs: options.endMs ?? options.now ?? Date.now(),
      days: options.days ?? 7,
      callsPerDay: options.callsPerDay ?? 3000,
    }),
  );
}

/** A data set of exactly these records (sorted by start time; the array is not modified). */
export function datasetFromRecords(records: readonly CallRecord[]): IndexedDataset {
  return new ColumnarDataset(explicitColumns(records));
}
