import type { CallRecord } from "../../callkit/schemas.js";
import type { IndexedDataset } from "./columnar.js";
import type { RecordFilter } from "./dataset-shape.js";

/**
 * One page of a filter's matches, newest first. A filter on time alone is a contiguous range, so
 * its pages cost O(page size) with no state. A filter on result or type needs the list of
 * matching positions: built once per (start, end, result, type), kept in a small LRU bounded by
 * the number of positions held, so paging through a million-call day costs one scan, not one a page.
 */

const MAX_ENTRIES = 32;
const MAX_POSITIONS = 8_000_000; // 32 MB of Int32Array

export class MatchCache {
  private readonly entries = new Map<string, Int32Array>();
  private held = 0;

  constructor(private readonly dataset: IndexedDataset) {}

  matches(filter: RecordFilter): Int32Array {
    const key = `${filter.startTs}|${filter.endTs}|${filter.callResult ?? ""}|${filter.callType ?? ""}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const found = this.dataset.matches(filter);
    this.entries.set(key, found);
    this.held += found.length;
    for (const [oldKey, old] of this.entries) {
      if (
        this.entries.size <= 1 ||
        (this.entries.size <= MAX_ENTRIES && this.held <= MAX_POSITIONS)
      )
        break;
      this.entries.delete(oldKey);
      this.held -= old.length;
    }
    return found;
  }
}

export interface Page {
  total: number;
  records: CallRecord[];
}

/** Page `page` (1-based) of `perPage` records. */
export function pageOf(
  dataset: IndexedDataset,
  cache: MatchCache,
  filter: RecordFilter,
  page: number,
  perPage: number,
): Page {
  const offset = (page - 1) * perPage;
  if (filter.callResult === undefined && filter.callType === undefined) {
    const { from, to } = dataset.range(filter.startTs, filter.endTs);
    const records: CallRecord[] = [];
    for (let i = from + offset; i < Math.min(to, from + offset + perPage); i++)
      records.push(dataset.at(i));
    return { total: to - from, records };
  }
  const found = cache.matches(filter);
  const slice = found.subarray(
    Math.min(offset, found.length),
    Math.min(found.length, offset + perPage),
  );
  return { total: found.length, records: Array.from(slice, (index) => dataset.at(index)) };
}
