import { describe, expect, it } from "vitest";
import { createSliceWriter } from "../../src/archive/slice-writer.js";
import type { CallRecord } from "../../src/callkit/schemas.js";
import { call } from "./sync-fixtures.js";

const records = (from: number, count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) => call(from + i, 1_000 + i, prefix));

/** A store whose writes finish when the test says so, recording what each write held. */
function slowStore(fail?: (batch: CallRecord[]) => boolean) {
  const writes: string[][] = [];
  const pending: (() => void)[] = [];
  return {
    writes,
    write(batch: CallRecord[]) {
      writes.push(batch.map((r) => r.callId));
      return new Promise<number>((resolve, reject) => {
        pending.push(() =>
          fail?.(batch) ? reject(new Error("the disk is full (test)")) : resolve(batch.length),
        );
      });
    },
    /** Finishes the writes started so far, and lets the next ones start. */
    async finish() {
      for (let rounds = 0; rounds < 20; rounds++) {
        for (const done of pending.splice(0)) done();
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    },
  };
}

describe("the sync's slice writer", () => {
  it("writes a later slice's batch while the earlier one reads, the earlier first when both are ready, never two in one write", async () => {
    const store = slowStore();
    const writer = createSliceWriter({
      write: (b) => store.write(b),
      batchSize: 3,
      maxWrite: 4,
      maxBuffered: 100,
    });
    const first = writer.open();
    const second = writer.open();
    // The second slice reads faster: its batch is written while the first has too few.
    for (const record of records(0, 5, "b")) second.push(record);
    for (const record of records(0, 2, "a")) first.push(record);
    expect(store.writes).toEqual([["b-000000", "b-000001", "b-000002"]]);
    // Both ready when that write ends: the first slice's batch goes next.
    for (const record of records(2, 3, "a")) first.push(record);
    second.push(call(5, 1_005, "b"));
    await store.finish();
    expect(store.writes[1]?.[0]).toBe("a-000000");
    const secondDone = second.close();
    const firstDone = first.close();
    await store.finish();
    expect(await firstDone).toBe(5);
    expect(await secondDone).toBe(6);
    expect(writer.written).toBe(11);
    for (const write of store.writes) {
      expect(new Set(write.map((id) => id[0])).size).toBe(1);
      expect(write.length).toBeLessThanOrEqual(4);
    }
    await writer.idle();
  });

  it("a failed write fails its slice and the later ones; the earlier slice is still written to the end", async () => {
    const store = slowStore((batch) => batch.some((r) => r.callId === "b-000001"));
    const writer = createSliceWriter({
      write: (b) => store.write(b),
      batchSize: 2,
      maxWrite: 2,
      maxBuffered: 4,
    });
    const first = writer.open();
    const second = writer.open();
    const third = writer.open();
    first.push(call(0, 1_000, "a"));
    const waits: Promise<void>[] = [];
    for (const record of records(0, 7, "b")) {
      const wait = second.push(record);
      if (wait) waits.push(wait);
    }
    expect(waits.length).toBeGreaterThan(0);
    const waiting = Promise.allSettled(waits);
    third.push(call(0, 1_000, "c"));
    await store.finish();
    await expect(second.close()).rejects.toThrow("the disk is full (test)");
    await expect(third.close()).rejects.toThrow("the disk is full (test)");
    for (const result of await waiting) expect(result.status).toBe("rejected");
    for (const record of records(1, 4, "a")) first.push(record);
    const firstDone = first.close();
    await store.finish();
    expect(await firstDone).toBe(5);
    expect(store.writes.flat().filter((id) => id.startsWith("a"))).toHaveLength(5);
    expect(store.writes.flat().filter((id) => id.startsWith("c"))).toEqual([]);
    expect(writer.written).toBe(5);
    await writer.idle();
  });

  it("idle() waits for the write in flight after the run abandons the rest", async () => {
    const store = slowStore();
    const writer = createSliceWriter({
      write: (b) => store.write(b),
      batchSize: 2,
      maxWrite: 2,
      maxBuffered: 100,
    });
    const slice = writer.open();
    for (const record of records(0, 5, "a")) slice.push(record);
    writer.abandon();
    let idle = false;
    const waiting = writer.idle().then(() => {
      idle = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(idle).toBe(false);
    await store.finish();
    await waiting;
    // Only the write already started ran.
    expect(store.writes).toHaveLength(1);
  });
});
