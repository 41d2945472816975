import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CallRecord } from "../../src/callkit/schemas.js";
import { isFailedResult } from "../../src/callkit/schemas.js";
import {
  createDigestAccumulator,
  createResultCounter,
  digestDay,
  previousDay,
  sameDayLastWeek,
} from "../../src/report/digest.js";
import { addDays, localDateOf } from "../../src/time/calendar.js";
import { wasConnected } from "../support/answered.js";

const hour = 3600;

function record(over: Partial<CallRecord>): CallRecord {
  return {
    callId: "id",
    sdkAppId: 1,
    mediaType: "audio",
    roomId: "r",
    startCallTs: 0,
    acceptTs: 0,
    endTs: 0,
    caller: "u1",
    totalUserNumber: 2,
    callType: "single",
    callResult: "normal_end",
    callees: ["u2"],
    ...over,
  };
}

describe("digestDay: local day boundaries", () => {
  it.each([
    // [date, zone, start as UTC instant, hours]
    ["2026-03-03", "Asia/Shanghai", Date.UTC(2026, 2, 2, 16), 24],
    ["2026-06-15", "America/Los_Angeles", Date.UTC(2026, 5, 15, 7), 24],
    ["2026-11-01", "America/Los_Angeles", Date.UTC(2026, 10, 1, 7), 25],
    ["2026-03-08", "America/Los_Angeles", Date.UTC(2026, 2, 8, 8), 23],
    ["2026-03-29", "Europe/Berlin", Date.UTC(2026, 2, 28, 23), 23],
  ])("%s in %s", (date, zone, startMs, hours) => {
    const day = digestDay(date, zone);
    expect(day.startTs).toBe(startMs / 1000);
    expect(day.endTs - day.startTs).toBe(hours * hour);
    expect(day.hours).toHaveLength(hours);
    expect(new Set(day.hours.map((h) => h.label)).size).toBe(hours);
    expect(day.hours.every((h, i) => h.startTs === day.startTs + i * hour)).toBe(true);
  });

  it("labels the repeated hour of 2026-11-01 in Los Angeles by its offset", () => {
    const labels = digestDay("2026-11-01", "America/Los_Angeles").hours.map((h) => h.label);
    expect(labels.slice(0, 4)).toEqual(["00:00", "01:00 −07", "01:00 −08", "02:00"]);
    expect(labels.at(-1)).toBe("23:00");
  });

  it("skips the missing hour of 2026-03-08 in Los Angeles", () => {
    const labels = digestDay("2026-03-08", "America/Los_Angeles").hours.map((h) => h.label);
    expect(labels.slice(0, 3)).toEqual(["00:00", "01:00", "03:00"]);
  });

  it("yesterday is taken in the zone, not the machine's", () => {
    // 2026-03-03 01:00 in Shanghai is still 2026-03-02 in Los Angeles and Berlin (TZ of the tests).
    const now = new Date(Date.UTC(2026, 2, 2, 17));
    expect(previousDay(now, "Asia/Shanghai").localDate).toBe("2026-03-02");
    expect(previousDay(now, "America/Los_Angeles").localDate).toBe("2026-03-01");
    expect(localDateOf(now, "Asia/Shanghai")).toBe("2026-03-03");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
});

describe("sameDayLastWeek: local midnight to local midnight, across DST", () => {
  it.each([
    // [digest date, zone, last week's date, its start as a UTC instant, its hours]
    ["2026-11-02", "America/Los_Angeles", "2026-10-26", Date.UTC(2026, 9, 26, 7), 24],
    ["2026-11-07", "America/Los_Angeles", "2026-10-31", Date.UTC(2026, 9, 31, 7), 24],
    ["2026-11-08", "America/Los_Angeles", "2026-11-01", Date.UTC(2026, 10, 1, 7), 25],
    ["2026-03-30", "Europe/Berlin", "2026-03-23", Date.UTC(2026, 2, 22, 23), 24],
    ["2026-01-06", "Asia/Shanghai", "2025-12-30", Date.UTC(2025, 11, 29, 16), 24],
  ])("%s in %s → %s", (date, zone, before, startMs, hours) => {
    const week = sameDayLastWeek(digestDay(date, zone));
    expect(week.localDate).toBe(before);
    expect(week.timeZone).toBe(zone);
    expect(week.startTs).toBe(startMs / 1000);
    expect(week.endTs - week.startTs).toBe(hours * hour);
  });

  it("differs from 7 × 24 hours back when the week crosses a DST change", () => {
    const day = digestDay("2026-11-02", "America/Los_Angeles");
    expect(sameDayLastWeek(day).startTs).toBe(day.startTs - 7 * 24 * hour - hour);
  });
});

describe("createDigestAccumulator", () => {
  const day = digestDay("2026-11-01", "America/Los_Angeles");

  it("counts each call in its hour, ignoring calls outside the day", () => {
    const acc = createDigestAccumulator(day);
    acc.add(record({ startCallTs: day.startTs - 1 }));
    acc.add(record({ startCallTs: day.endTs }));
    acc.add(record({ startCallTs: day.startTs + 1 * hour + 5 })); // first 01:00
    acc.add(record({ startCallTs: day.startTs + 2 * hour + 5 })); // second 01:00
    acc.add(record({ startCallTs: day.startTs + 2 * hour + 6 }));
    const report = acc.result();
    expect(report.outside).toBe(2);
    expect(report.summary.total).toBe(3);
    expect(report.perHour.slice(0, 3)).toEqual([0, 1, 2]);
    expect(report.busiestHour).toEqual({ slot: day.hours[2], count: 2 });
  });

  it("a day without calls has no busiest hour and no callers", () => {
    const report = createDigestAccumulator(day).result();
    expect(report.summary.total).toBe(0);
    expect(report.busiestHour).toBeUndefined();
    expect(report.topFailedCallers).toEqual([]);
  });

  const arbitraryRecord = fc.record({
    offset: fc.integer({ min: 0, max: 25 * hour - 1 }),
    caller: fc.constantFrom("a", "b", "c", "d", "e", "f", "g", "h"),
    callResult: fc.constantFrom(
      "normal_end",
      "reject",
      "not_answer",
      "cancel",
      "interrupt",
      "offline",
      "call_busy",
    ),
    talk: fc.integer({ min: 0, max: 7200 }),
  });

  it("figures equal a direct count over the same records", () => {
    fc.assert(
      fc.property(fc.array(arbitraryRecord, { maxLength: 300 }), (items) => {
        const records = items.map((item) =>
          record({
            startCallTs: day.startTs + item.offset,
            acceptTs: day.startTs + item.offset,
            endTs: day.startTs + item.offset + item.talk,
            caller: item.caller,
            callResult: item.callResult,
          }),
        );
        const acc = createDigestAccumulator(day);
        for (const r of records) acc.add(r);
        const report = acc.result();

        const failed = records.filter((r) => isFailedResult(r.callResult));
        expect(report.failed).toBe(failed.length);
        expect(report.interrupted).toBe(records.filter((r) => r.callResult === "interrupt").length);
        const perCaller = new Map<string, number>();
        for (const r of failed) perCaller.set(r.caller, (perCaller.get(r.caller) ?? 0) + 1);
        const expectedTop = [...perCaller]
          .map(([caller, count]) => ({ caller, count }))
          .sort((a, b) => b.count - a.count || (a.caller < b.caller ? -1 : 1))
          .slice(0, 5);
        expect(report.topFailedCallers).toEqual(expectedTop);
        for (const [index, slot] of day.hours.entries()) {
          const inSlot = records.filter(
            (r) => r.startCallTs >= slot.startTs && r.startCallTs < slot.startTs + hour,
          );
          expect(report.perHour[index]).toBe(inSlot.length);
          for (const [result, counts] of Object.entries(report.perHourByResult)) {
            expect(counts[index]).toBe(inSlot.filter((r) => r.callResult === result).length);
          }
        }
        expect(Object.keys(report.perHourByResult).sort()).toEqual(
          Object.keys(report.summary.byResult).sort(),
        );
        const counter = createResultCounter(day);
        for (const r of records) counter.add(r);
        expect(counter.result()).toEqual({
          total: records.length,
          byResult: report.summary.byResult,
          answered: records.filter(wasConnected).length,
          perHour: report.perHour,
        });
      }),
      { numRuns: 60 },
    );
  });
});
