import { describe, expect, it } from "vitest";
import type { CallRecord } from "../../src/callkit/schemas.js";
import { createNewestRecords, createPageCollector } from "../../src/report/newest.js";
import { record } from "./fixtures.js";

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Reference order: newest first by start, then callId descending. */
function reference(records: CallRecord[]): CallRecord[] {
  return [...records].sort((a, b) =>
    a.startCallTs !== b.startCallTs
      ? b.startCallTs - a.startCallTs
      : b.callId.localeCompare(a.callId),
  );
}

describe("newest records", () => {
  // Many calls share a second: the tie-break on callId must keep pages disjoint.
  const records = Array.from({ length: 237 }, (_, i) =>
    record({ startCallTs: 1_700_000_000 + Math.floor(i / 4) }),
  );

  it.each([0, 1, 5, 50, 237, 500])("keeps exactly the %i newest, in order", (capacity) => {
    const newest = createNewestRecords(capacity);
    for (const r of shuffled(records, capacity + 1)) newest.add(r);
    expect(newest.size).toBe(Math.min(capacity, records.length));
    expect(newest.newestFirst().map((r) => r.callId)).toEqual(
      reference(records)
        .slice(0, capacity)
        .map((r) => r.callId),
    );
  });

  it.each([
    { pageSize: 20, pages: 12 },
    { pageSize: 7, pages: 34 },
    { pageSize: 100, pages: 3 },
  ])("pages of $pageSize cover every record once", ({ pageSize, pages }) => {
    const seen: string[] = [];
    for (let p = 0; p < pages + 1; p++) {
      const collector = createPageCollector(pageSize, p);
      for (const r of shuffled(records, p)) collector.add(r);
      const page = collector.page();
      expect(page.length).toBeLessThanOrEqual(pageSize);
      seen.push(...page.map((r) => r.callId));
    }
    expect(seen).toEqual(reference(records).map((r) => r.callId));
  });

  it("refuses a capacity that is not a whole number", () => {
    expect(() => createNewestRecords(-1)).toThrow(RangeError);
    expect(() => createNewestRecords(1.5)).toThrow(RangeError);
  });
});
