import { describe, expect, it } from "vitest";
import type { CallRecord } from "../../../src/callkit/schemas.js";
import type { CallFilter } from "../../../src/query/types.js";
import { createDigestAccumulator, digestDay } from "../../../src/report/digest.js";
import { barChart, change, renderDigest } from "../../../src/slack/blocks/digest.js";
import { limitViolations } from "../../../src/slack/blocks/limits.js";
import { decodeButtonValue } from "../../../src/slack/button-value.js";

const noFilter: CallFilter = {
  results: [],
  callTypes: [],
  mediaTypes: [],
  users: { caller: [], callee: [], either: [] },
};
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
