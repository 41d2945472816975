import { describe, expect, it } from "vitest";
import { type CallRecord, KNOWN_CALL_RESULTS } from "../../../src/callkit/schemas.js";
import { datasetFromRecords, generateDataset } from "../../../src/testbed/callkit-sim/dataset.js";

const sdkAppId = 1400000001;
const endMs = Date.UTC(2025, 5, 10, 12, 0, 30);
const endSec = Math.floor(endMs / 1000);
const everything = { startTs: 0, endTs: 4_000_000_000 };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function all(ds: { size: number; at(i: number): CallRecord }): CallRecord[] {
  return Array.from({ length: ds.size }, (_, i) => ds.at(i));
}

describe("generateDataset", () => {
  const ds = generateDataset({ sdkAppId, endMs, seed: 7, days: 7, callsPerDay: 3000 });
  const records = all(ds);

  it("is deterministic for a seed and differs between seeds", () => {
    const again = generateDataset({ sdkAppId, endMs, seed: 7, days: 7, callsPerDay: 3000 });
    const other = generateDataset({ sdkAppId, endMs, seed: 8, days: 7, callsPerDay: 3000 });
    expect(all(again)).toEqual(records);
    expect(other.at(0)).not.toEqual(records[0]);
  });

  it("has callsPerDay x days records, newest first, inside the window", () => {
    expect(ds.size).toBe(21_000);
    const outOfOrder = records.filter(
      (r, i) => i > 0 && records[i - 1]!.startCallTs < r.startCallTs,
    );
    expect(outOfOrder).toEqual([]);
    expect(records[0]!.startCallTs).toBeLessThan(endSec);
    expect(records.at(-1)!.startCallTs).toBeGreaterThanOrEqual(endSec - 7 * 86_400);
  });

  it("has unique UUID callIds that find() resolves", () => {
    const ids = new Set(records.map((r) => r.callId));
    expect(ids.size).toBe(records.length);
    expect(records.filter((r) => !UUID.test(r.callId))).toEqual([]);
    for (const i of [0, 1, 500, 20_999]) expect(ds.find(records[i]!.callId)).toEqual(records[i]);
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect(ds.find(unknown)).toBeUndefined();
    expect(ds.find("not-a-uuid")).toBeUndefined();
  });

  it("has group calls only with normal_end, about 15% of calls", () => {
    const groups = records.filter((r) => r.callType === "group");
    expect(groups.every((r) => r.callResult === "normal_end")).toBe(true);
    expect(groups.length / records.length).toBeGreaterThan(0.1);
    expect(groups.length / records.length).toBeLessThan(0.2);
    expect(
      groups.every((r) => r.callees.length >= 2 && r.totalUserNumber === 1 + r.callees.length),
    ).toBe(true);
  });

  it("has a realistic mix of single-call results, offline included", () => {
    const singles = records.filter((r) => r.callType === "single");
    const share = (result: string) =>
      singles.filter((r) => r.callResult === result).length / singles.length;
    expect(share("normal_end")).toBeGreaterThan(0.6);
    expect(share("normal_end")).toBeLessThan(0.8);
    for (const result of KNOWN_CALL_RESULTS) expect(share(result)).toBeGreaterThan(0);
    expect(new Set(records.map((r) => r.mediaType))).toEqual(new Set(["audio", "video"]));
  });

  it("keeps times consistent with the result", () => {
    // The generator always fills the fields the contract leaves open: say so, then rely on it.
    const full = records.map((r) => {
      expect([r.acceptTs, r.endTs, r.totalUserNumber].map((v) => typeof v)).toEqual([
        "number",
        "number",
        "number",
      ]);
      return { ...r, acceptTs: r.acceptTs ?? 0, endTs: r.endTs ?? 0 };
    });
    const broken = full.filter((r) => {
      if (r.endTs < r.startCallTs) return true;
      if (r.callResult === "normal_end") return r.acceptTs < r.startCallTs || r.endTs < r.acceptTs;
      if (r.callResult === "offline")
        return r.acceptTs !== r.startCallTs || r.totalUserNumber !== 0;
      if (r.acceptTs === 0) return false;
      return r.callResult !== "interrupt" || r.endTs < r.acceptTs;
    });
    expect(broken).toEqual([]);
    const talks = full
      .filter((r) => r.callResult === "normal_end" && r.callType === "single")
      .map((r) => r.endTs - r.acceptTs)
      .sort((a, b) => a - b);
    const median = talks[Math.floor(talks.length / 2)]!;
    expect(median).toBeGreaterThan(60);
    expect(median).toBeLessThan(600);
  });

  it("uses believable user ids, never calling oneself", () => {
    const userId = /^(\d{5,8}|user_[0-9a-z]{6}|[a-z]+_\d{1,3})$/;
    const broken = records.filter(
      (r) =>
        ![r.caller, ...r.callees].every((u) => userId.test(u)) ||
        r.callees.includes(r.caller) ||
        new Set(r.callees).size !== r.callees.length ||
        r.sdkAppId !== sdkAppId,
    );
    expect(broken).toEqual([]);
    expect(new Set(records.map((r) => r.caller)).size).toBeGreaterThan(100);
  });

  it("follows a daily rhythm in UTC+8: evenings far busier than the small hours", () => {
    const byHour = new Array<number>(24).fill(0);
    for (const r of records)
      byHour[new Date((r.startCallTs + 8 * 3600) * 1000).getUTCHours()]! += 1;
    expect(byHour[20]!).toBeGreaterThan(5 * byHour[3]!);
    expect(byHour[11]!).toBeGreaterThan(3 * byHour[4]!);
  });

  it.each([
    [{}],
    [{ callResult: "reject" }],
    [{ callType: "group" }],
    [{ callResult: "normal_end", callType: "single" }],
    [{ callResult: "no_such_result" }],
    [{ callType: "conference" }],
  ])("count and query agree with a plain filter for %o", (filter) => {
    const window = { startTs: endSec - 2 * 86_400, endTs: endSec - 86_400 };
    const expected = records.filter(
      (r) =>
        r.startCallTs >= window.startTs &&
        r.startCallTs < window.endTs &&
        (!("callResult" in filter) || r.callResult === filter.callResult) &&
        (!("callType" in filter) || r.callType === filter.callType),
    );
    expect(ds.query({ ...window, ...filter })).toEqual(expected);
    expect(ds.count({ ...window, ...filter })).toBe(expected.length);
  });

  it("handles an empty data set and rejects indexes out of range", () => {
    const empty = generateDataset({ sdkAppId, endMs, callsPerDay: 0 });
    expect(empty.size).toBe(0);
    expect(empty.count(everything)).toBe(0);
    expect(empty.query(everything)).toEqual([]);
    expect(() => ds.at(-1)).toThrow(RangeError);
    expect(() => ds.at(ds.size)).toThrow(RangeError);
    expect(() => generateDataset({ sdkAppId, endMs, callsPerDay: -1 })).toThrow(/callsPerDay/);
  });

  it("generates a 1,000,000-call day and counts it", () => {
    const big = generateDataset({ sdkAppId, endMs, seed: 3, days: 1, callsPerDay: 1_000_000 });
    expect(big.size).toBe(1_000_000);
    expect(big.count(everything)).toBe(1_000_000);
    const perResult = KNOWN_CALL_RESULTS.map((callResult) =>
      big.count({ ...everything, callResult }),
    );
    expect(perResult.reduce((a, b) => a + b, 0)).toBe(1_000_000);
    const groups = big.count({ ...everything, callType: "group" });
    const groupNormal = big.count({ ...everything, callType: "group", callResult: "normal_end" });
    expect(groupNormal).toBe(groups);
    const middle = endSec - 43_200;
    expect(
      big.count({ startTs: 0, endTs: middle }) + big.count({ startTs: middle, endTs: 4e9 }),
    ).toBe(1_000_000);
    const newest = big.at(0);
    expect(big.find(newest.callId)).toEqual(newest);
    expect(big.at(999_999).startCallTs).toBeGreaterThanOrEqual(endSec - 86_400);
  });
});

describe("datasetFromRecords", () => {
  const make = (i: number, over: Partial<CallRecord> = {}): CallRecord => ({
    callId: `id-${i}`,
    sdkAppId,
    mediaType: "video",
    roomId: "456",
    startCallTs: 1_700_000_000 + i * 10,
    acceptTs: 0,
    endTs: 1_700_000_000 + i * 10 + 5,
    caller: "123",
    totalUserNumber: 2,
    callType: "single",
    callResult: "cancel",
    callees: ["111"],
    ...over,
  });
  const given = [
    make(2),
    make(0, { callResult: "offline" }),
    make(1, { callResult: "weird_new_value" }),
  ];
  const ds = datasetFromRecords(given);

  it("serves exactly the given records, newest first, unknown results included", () => {
    expect(ds.size).toBe(3);
    expect(ds.query(everything).map((r) => r.callId)).toEqual(["id-2", "id-1", "id-0"]);
    expect(ds.count({ ...everything, callResult: "weird_new_value" })).toBe(1);
    expect(ds.find("id-0")).toEqual(given[1]);
    expect(given[0]!.callId).toBe("id-2");
  });

  it("hands out copies, so editing one cannot change later answers", () => {
    ds.at(0).callees.push("intruder");
    expect(ds.at(0).callees).toEqual(["111"]);
  });
});
