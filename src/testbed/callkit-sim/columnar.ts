import type { CallRecord } from "../../callkit/schemas.js";
import type { RecordFilter, SimDataset } from "./dataset-shape.js";

/**
 * Records as columns sorted by start time: what the filters look at lives in typed arrays, and
 * the whole record is built only when asked for. Storage order is oldest first; the public
 * index (`at`) is newest first, as answers are.
 */

export interface Columns {
  size: number;
  /** startCallTs of each record, ascending. */
  start: Uint32Array | Float64Array;
  /** Index into resultNames of each record's callResult. */
  result: Uint8Array | Uint16Array;
  resultNames: readonly string[];
  /** Index into typeNames of each record's callType. */
  type: Uint8Array | Uint16Array;
  typeNames: readonly string[];
  /** The record at a storage position (0 = oldest). */
  record(position: number): CallRecord;
  /** Storage position of a callId, or -1. */
  position(callId: string): number;
}

/** What the server needs beyond the contract to page a million-record day cheaply. */
export interface IndexedDataset extends SimDataset {
  /** Public indexes [from, to) (0 = newest) of records started in [startTs, endTs). */
  range(startTs: number, endTs: number): { from: number; to: number };
  /** Public indexes of the records matching the filter, newest first. */
  matches(filter: RecordFilter): Int32Array;
}

export class ColumnarDataset implements IndexedDataset {
  readonly size: number;

  constructor(private readonly columns: Columns) {
    this.size = columns.size;
  }

  at(index: number): CallRecord {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) {
      throw new RangeError(`record index ${index} is outside 0..${this.size - 1}`);
    }
    return this.columns.record(this.size - 1 - index);
  }

  find(callId: string): CallRecord | undefined {
    const position = this.columns.position(callId);
    return position < 0 ? undefined : this.columns.record(position);
  }

  range(startTs: number, endTs: number): { from: number; to: number } {
    const lo = this.lowerBound(startTs);
    const hi = Math.max(lo, this.lowerBound(endTs));
    return { from: this.size - hi, to: this.size - lo };
  }

  count(filter: RecordFilter): number {
    const { from, to } = this.range(filter.startTs, filter.endTs);
    const test = this.predicate(filter);
    if (test === "all") return to - from;
    if (test === "none") return 0;
    let n = 0;
    for (let p = this.size - to; p < this.size - from; p++) if (test(p)) n++;
    return n;
  }

  matches(filter: RecordFilter): Int32Array {
    const { from, to } = this.range(filter.startTs, filter.endTs);
    const test = this.predicate(filter);
    if (test === "none") return new Int32Array(0);
    if (test === "all") {
      const all = new Int32Array(to - from);
      for (let i = 0; i < all.length; i++) all[i] = from + i;
      return all;
    }
    const out = new Int32Array(this.count(filter));
    let k = 0;
    for (let index = from; index < to; index++) {
      if (test(this.size - 1 - index)) out[k++] = index;
    }
    return out;
  }

  query(filter: RecordFilter): CallRecord[] {
    return Array.from(this.matches(filter), (index) => this.at(index));
  }

  /** First storage position whose start is >= ts. */
  private lowerBound(ts: number): number {
    const start = this.columns.start;
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((start[mid] as number) < ts) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private predicate(filter: RecordFilter): "all" | "none" | ((position: number) => boolean) {
    const { result, type, resultNames, typeNames } = this.columns;
    const wantResult =
      filter.callResult === undefined ? -1 : resultNames.indexOf(filter.callResult);
    const wantType = filter.callType === undefined ? -1 : typeNames.indexOf(filter.callType);
    if (
      (filter.callResult !== undefined && wantResult < 0) ||
      (filter.callType !== undefined && wantType < 0)
    ) {
      return "none";
    }
    if (wantResult < 0 && wantType < 0) return "all";
    if (wantType < 0) return (p) => result[p] === wantResult;
    if (wantResult < 0) return (p) => type[p] === wantType;
    return (p) => result[p] === wantResult && type[p] === wantType;
  }
}
