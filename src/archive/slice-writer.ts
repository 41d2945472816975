import type { CallRecord } from "../callkit/schemas.js";

/**
 * The sync's writes, for slices read at the same time: one write in flight, never two slices in
 * one write. A slice's `close()` resolves once all its records are written, so its progress can
 * be recorded then. The earliest slice with a batch ready is written first; when it has none
 * (its pages are still coming), a later slice's ready batch is, so the store is not idle while
 * records wait. A failed write fails its slice and every later one, and the earlier slices are
 * still written to the end: progress reaches every slice before the failure, and none after.
 *
 * Within a slice a write starts once `batchSize` records wait (or the slice is closed) and takes
 * up to `maxWrite` of them: everything read meanwhile, so the store's per-transaction cost is
 * spread over more records the slower writes are. Reading waits (`push` returns a promise) only
 * once `maxBuffered` records of its slice wait.
 */

export interface SliceWriterOptions {
  write(batch: CallRecord[]): Promise<number>;
  batchSize: number;
  maxWrite: number;
  maxBuffered: number;
  onWritten?: (batch: readonly CallRecord[]) => void;
}

export interface SliceBuffer {
  /** Undefined, or a promise to wait for before reading on (rejects if a write failed). */
  push(record: CallRecord): Promise<void> | undefined;
  /** No more records: resolves with the records written once all of them are (rejects on a failed write). */
  close(): Promise<number>;
  /** Drops this slice's unwritten records (its read failed); later slices go on. */
  discard(): void;
}

export interface SliceWriter {
  open(): SliceBuffer;
  /** Drops every unwritten record (the run failed); the write in flight finishes. */
  abandon(): void;
  /** Resolves when nothing is being written or waits to be (never rejects). */
  idle(): Promise<void>;
  /** Records written so far. */
  readonly written: number;
  /** Records read and not yet written, every slice together. */
  readonly buffered: number;
}

interface Slice {
  buffer: CallRecord[];
  closed: boolean;
  written: number;
  resolve(written: number): void;
  reject(error: unknown): void;
  done: Promise<number>;
  /** Readers waiting for room in the buffer. */
  waiting: { resolve(): void; reject(error: unknown): void }[];
  /** Why this slice takes no more records (failed, abandoned or discarded). */
  ended?: { error: unknown };
}

export function createSliceWriter(options: SliceWriterOptions): SliceWriter {
  const slices: Slice[] = [];
  let writing = false;
  let failure: { error: unknown } | undefined;
  let written = 0;
  const idlers: (() => void)[] = [];

  const wake = (slice: Slice) => {
    if (slice.buffer.length >= options.maxBuffered) return;
    for (const reader of slice.waiting.splice(0)) reader.resolve();
  };
  const fail = (slice: Slice, error: unknown) => {
    slice.ended = { error };
    slice.reject(error);
    for (const reader of slice.waiting.splice(0)) reader.reject(error);
  };
  const remove = (slice: Slice) => {
    const index = slices.indexOf(slice);
    if (index >= 0) slices.splice(index, 1);
    slice.buffer = [];
    slice.ended = { error: new Error("archive sync: this slice was discarded") };
    for (const reader of slice.waiting.splice(0)) reader.resolve();
  };
  const settleIdle = () => {
    if (writing || slices.length > 0) return;
    for (const idler of idlers.splice(0)) idler();
  };

  const ready = (slice: Slice) =>
    slice.buffer.length >= options.batchSize || (slice.closed && slice.buffer.length > 0);

  const pump = () => {
    if (writing) return;
    let head = slices[0];
    while (head?.closed && head.buffer.length === 0) {
      slices.shift();
      head.resolve(head.written);
      head = slices[0];
    }
    const slice = slices.find(ready);
    if (!slice) return settleIdle();
    const batch =
      slice.buffer.length <= options.maxWrite
        ? slice.buffer
        : slice.buffer.slice(0, options.maxWrite);
    slice.buffer = batch === slice.buffer ? [] : slice.buffer.slice(options.maxWrite);
    wake(slice);
    writing = true;
    options.write(batch).then(
      (count) => {
        writing = false;
        written += count;
        slice.written += count;
        options.onWritten?.(batch);
        pump();
      },
      (error: unknown) => {
        writing = false;
        failure ??= { error };
        // This slice and every later one fail; the earlier ones are still written.
        const index = slices.indexOf(slice);
        for (const each of index >= 0 ? slices.splice(index) : []) fail(each, error);
        pump();
      },
    );
  };

  return {
    get written() {
      return written;
    },
    get buffered() {
      let count = 0;
      for (const slice of slices) count += slice.buffer.length;
      return count;
    },
    open() {
      let resolve!: (written: number) => void;
      let reject!: (error: unknown) => void;
      const done = new Promise<number>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      // Awaited by the run for the slices it reaches; one it does not reach must not go unhandled.
      done.catch(() => {});
      const slice: Slice = {
        buffer: [],
        closed: false,
        written: 0,
        resolve,
        reject,
        done,
        waiting: [],
      };
      if (failure) fail(slice, failure.error);
      else slices.push(slice);
      return {
        push(record) {
          if (slice.ended) return Promise.reject(slice.ended.error);
          slice.buffer.push(record);
          if (!writing && slice.buffer.length >= options.batchSize) pump();
          if (slice.buffer.length < options.maxBuffered) return undefined;
          return new Promise<void>((res, rej) => slice.waiting.push({ resolve: res, reject: rej }));
        },
        close() {
          slice.closed = true;
          pump();
          return slice.done;
        },
        discard() {
          remove(slice);
          slice.resolve(slice.written);
          pump();
        },
      };
    },
    abandon() {
      for (const slice of slices.splice(0)) {
        slice.buffer = [];
        fail(slice, new Error("archive sync: the run ended before this slice was written"));
      }
      settleIdle();
    },
    idle() {
      if (!writing && slices.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idlers.push(resolve));
    },
  };
}
