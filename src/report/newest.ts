import type { CallRecord } from "../callkit/schemas.js";

/**
 * Keeps the `capacity` newest records of a stream (a min-heap on start time), so page p of a
 * newest-first listing needs (p + 1) × pageSize records in memory, never the whole window.
 * Order is total: start time, then callId, so pages are stable and never overlap even when
 * many calls share a second.
 */
export interface NewestRecords {
  add(record: CallRecord): void;
  /** Everything kept, newest first. */
  newestFirst(): CallRecord[];
  readonly size: number;
}

/** Negative when `a` is older than `b` in the newest-first order (start time, then callId). */
export function compareOldestFirst(a: CallRecord, b: CallRecord): number {
  if (a.startCallTs !== b.startCallTs) return a.startCallTs - b.startCallTs;
  return a.callId < b.callId ? -1 : a.callId > b.callId ? 1 : 0;
}

export function createNewestRecords(capacity: number): NewestRecords {
  if (!Number.isInteger(capacity) || capacity < 0) {
    throw new RangeError(`capacity must be a whole number ≥ 0, got ${capacity}`);
  }
  const heap: CallRecord[] = []; // heap[0] is the oldest kept

  const siftUp = (index: number) => {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (compareOldestFirst(heap[i]!, heap[parent]!) >= 0) return;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  };
  const siftDown = (index: number) => {
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && compareOldestFirst(heap[left]!, heap[smallest]!) < 0)
        smallest = left;
      if (right < heap.length && compareOldestFirst(heap[right]!, heap[smallest]!) < 0)
        smallest = right;
      if (smallest === i) return;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
  };

  return {
    add(record) {
      if (capacity === 0) return;
      if (heap.length < capacity) {
        heap.push(record);
        siftUp(heap.length - 1);
      } else if (compareOldestFirst(record, heap[0]!) > 0) {
        heap[0] = record;
        siftDown(0);
      }
    },
    newestFirst() {
      return [...heap].sort((a, b) => compareOldestFirst(b, a));
    },
    get size() {
      return heap.length;
    },
  };
}

/** Page `pageIndex` (0-based) of a newest-first listing, from a stream. */
export function createPageCollector(pageSize: number, pageIndex: number) {
  const newest = createNewestRecords(pageSize * (pageIndex + 1));
  return {
    add: (record: CallRecord) => newest.add(record),
    page: (): CallRecord[] => newest.newestFirst().slice(pageSize * pageIndex),
  };
}
