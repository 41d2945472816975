import { describe, expect, it } from "vitest";
import type { CallRecord } from "../../../src/callkit/schemas.js";
import { everyCall } from "../../../src/query/filter.js";
import type { CallFilter } from "../../../src/query/types.js";
import { createDigestAccumulator, digestDay, sameDayLastWeek } from "../../../src/report/digest.js";
import { barChart, change, percentChange, renderDigest } from "../../../src/slack/blocks/digest.js";
import { limitViolations } from "../../../src/slack/blocks/limits.js";
import { decodeButtonValue } from "../../../src/slack/button-value.js";
import { weekdayDate } from "../../../src/time/calendar.js";

const noFilter: CallFilter = everyCall();
const day = digestDay("2026-11-01", "America/Los_Angeles");

function record(i: number, over: Partial<CallRecord> = {}): CallRecord {
  const start = day.startTs + ((i * 977) % (day.endTs - day.startTs));
  return {
    callId: `c${i}`,
    sdkAppId: 1,
    mediaType: i % 3 ? "audio" : "video",
    roomId: "r",
    startCallTs: start,
    acceptTs: start + 2,
    endTs: start + 2 + (i % 600),
    caller: `user${i % 7}`,
    totalUserNumber: 2,
    callType: i % 5 ? "single" : "group",
    callResult:
      ["normal_end", "reject", "interrupt", "not_answer", "cancel"][i % 5] ?? "normal_end",
    callees: ["x"],
    ...over,
  };
}

function reportOf(
  records: CallRecord[],
  previous?: { total: number; byResult: Record<string, number> },
) {
  const acc = createDigestAccumulator(day);
  for (const r of records) acc.add(r);
  return acc.result(previous);
}

function allText(message: { text: string; blocks: unknown[] }): string {
  return JSON.stringify(message.blocks);
}

describe("renderDigest", () => {
  it("says plainly when the day had no calls, and has no buttons", () => {
    const message = renderDigest(reportOf([]), { lang: "en", filter: noFilter });
    expect(message.text).toContain("No calls on 2026-11-01");
    expect(message.blocks.some((b) => b.type === "actions")).toBe(false);
    expect(limitViolations(message)).toEqual([]);
  });

  it("shows ▲/▼ against the day before", () => {
    const records = Array.from({ length: 50 }, (_, i) => record(i));
    const report = reportOf(records, { total: 40, byResult: { normal_end: 30, reject: 0 } });
    const text = allText(renderDigest(report, { lang: "en", filter: noFilter }));
    expect(text).toContain(`50 ${change(50, 40)}`);
    expect(text).toContain(change(report.summary.byResult.normal_end ?? 0, 30));
    expect(change(3, 5)).toBe("▼ 2");
    expect(change(5, 3)).toBe("▲ 2");
  });

  it("buttons open the day's failed and interrupted calls as a normal paged search", () => {
    const records = Array.from({ length: 50 }, (_, i) => record(i));
    const report = reportOf(records);
    const message = renderDigest(report, {
      lang: "zh",
      filter: { ...noFilter, callTypes: ["single"] },
    });
    const buttons = message.blocks.flatMap((b) => (b.type === "actions" ? b.elements : []));
    expect(buttons).toHaveLength(2);
    const decoded = buttons.map((b) => {
      expect(b.action_id).toBe("digest_open");
      const result = decodeButtonValue("value" in b ? b.value : undefined, {
        now: new Date(day.endTs * 1000),
      });
      if (!result.ok || result.payload.kind !== "page")
        throw new Error("button did not decode to a page");
      return result.payload;
    });
    expect(decoded[0]?.query).toMatchObject({
      results: report.failedResults,
      callTypes: ["single"],
      window: { startTs: day.startTs, endTs: day.endTs },
      lang: "zh",
    });
    expect(decoded[0]?.pageIndex).toBe(0);
    expect(decoded[1]?.query.results).toEqual(["interrupt"]);
  });

  it("a filter of only answered calls offers no failed-calls button", () => {
    const report = reportOf(Array.from({ length: 20 }, (_, i) => record(i)));
    const message = renderDigest(report, {
      lang: "en",
      filter: { ...noFilter, results: ["normal_end"] },
    });
    expect(message.blocks.some((b) => b.type === "actions")).toBe(false);
  });

  it("stays inside every Block Kit limit with hostile data", () => {
    const records = Array.from({ length: 3000 }, (_, i) =>
      record(i, {
        callResult: `weird_result_${"x".repeat(200)}_${i % 40}`,
        caller: `${"<@U123>".repeat(40)}${i % 9}`,
        callType: `type_${"y".repeat(300)}_${i % 30}`,
        mediaType: `media_${"z".repeat(300)}_${i % 30}`,
      }),
    );
    const message = renderDigest(reportOf(records), {
      lang: "en",
      filter: noFilter,
      filterDescription: "d".repeat(5000),
    });
    expect(limitViolations(message)).toEqual([]);
    expect(allText(message)).not.toContain("<@U123>");
  });

  it("draws one bar per hour of the day, longest for the busiest", () => {
    const report = reportOf(Array.from({ length: 200 }, (_, i) => record(i)));
    const chart = barChart(
      day.hours.map((h) => h.label),
      report.perHour,
    ).split("\n");
    expect(chart).toHaveLength(25);
    const busiest = report.perHour.indexOf(Math.max(...report.perHour));
    expect(chart[busiest]).toContain("█".repeat(20));
    expect(chart[1]?.startsWith("01:00 −07")).toBe(true);
  });
});

describe("week-over-week line", () => {
  const weekDay = sameDayLastWeek(day);
  // 10 calls: 6 answered, 4 failed (one of them interrupted); answer rate 60 %.
  const ten = Array.from({ length: 10 }, (_, i) =>
    record(i, { callResult: i < 6 ? "normal_end" : i === 6 ? "interrupt" : "reject" }),
  );
  const lastWeek = { total: 8, byResult: { normal_end: 6, reject: 1, cancel: 1 } };

  it.each([
    [12, 10, "▲ 20%"],
    [8, 10, "▼ 20%"],
    [10, 10, "= 0%"],
    [1001, 1000, "▲ <1%"],
    [0, 4, "▼ 100%"],
    [3, 0, "0 → 3"],
    [0, 0, "= 0%"],
  ])("percentChange(%i, %i) is %s", (now, before, want) => {
    expect(percentChange(now, before)).toBe(want);
  });

  it.each([
    ["2026-10-25", "en", "Sun 25 Oct"],
    ["2026-11-18", "en", "Wed 18 Nov"],
    ["2026-11-18", "zh", "11月18日 周三"],
  ] as const)("%s in %s reads %s", (date, lang, want) => {
    expect(weekdayDate(date, lang)).toBe(want);
  });

  it("compares calls, answer rate and failed calls with the same weekday last week", () => {
    const report = { ...reportOf(ten), weekAgo: { day: weekDay, counts: lastWeek } };
    // 10 vs 8 calls: +25 %; 70 % vs 75 % (the interrupted call was answered before it was cut,
    // so it counts as answered, and still as failed): −5 pt; 4 vs 2 failed: +100 %.
    const en = allText(renderDigest(report, { lang: "en", filter: noFilter }));
    expect(en).toContain("vs Sun 25 Oct: ▲ 25% calls, answer rate ▼ 5 pt, ▲ 100% failed");
    const zh = allText(renderDigest(report, { lang: "zh", filter: noFilter }));
    expect(zh).toContain("与上周同日（10月25日 周日）相比：通话 ▲ 25%，接通率 ▼ 5 pt，失败 ▲ 100%");
  });

  it("counts last week's interrupted-after-answer calls as answered when the archive says so", () => {
    const counted = { ...lastWeek, answered: 7 };
    const report = { ...reportOf(ten), weekAgo: { day: weekDay, counts: counted } };
    // 70 % now vs 7 of 8 = 87.5 % last week.
    expect(allText(renderDigest(report, { lang: "en", filter: noFilter }))).toContain(
      "answer rate ▼ 17.5 pt",
    );
  });

  it("leaves out the answer rate when last week had no calls, and still speaks on a day without", () => {
    const empty = { total: 0, byResult: {} };
    const none = { ...reportOf(ten), weekAgo: { day: weekDay, counts: empty } };
    expect(allText(renderDigest(none, { lang: "en", filter: noFilter }))).toContain(
      "vs Sun 25 Oct: 0 → 10 calls, 0 → 4 failed",
    );
    const quiet = { ...reportOf([]), weekAgo: { day: weekDay, counts: lastWeek } };
    const message = renderDigest(quiet, { lang: "en", filter: noFilter });
    expect(allText(message)).toContain("vs Sun 25 Oct: ▼ 100% calls, ▼ 100% failed");
    expect(limitViolations(message)).toEqual([]);
  });

  it("says nothing about last week when the report has no figures for it", () => {
    const text = allText(renderDigest(reportOf(ten), { lang: "en", filter: noFilter }));
    expect(text).not.toContain("vs Sun");
    expect(text).not.toContain("failed,");
  });
});
