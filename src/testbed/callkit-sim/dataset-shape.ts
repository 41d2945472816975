import type { CallRecord } from "../../callkit/schemas.js";

/** The shapes of the simulator's data sets, apart from the code that builds and indexes them. */

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
