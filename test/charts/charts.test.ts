import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import {
  type DigestChartFigures,
  digestChartFigures,
  digestChartSvg,
} from "../../src/charts/digest-chart.js";
import { FONT_FILES, rasterize } from "../../src/charts/png.js";
import { searchChartSvg, searchWantsChart } from "../../src/charts/search-chart.js";
import { type StepTimeline, stepsChartSvg } from "../../src/charts/steps-chart.js";
import type { Lang } from "../../src/query/types.js";
import { createDigestAccumulator, digestDay } from "../../src/report/digest.js";
import { createTimelineAccumulator } from "../../src/report/timeline.js";
import { record } from "../report/fixtures.js";

const HOURS = Array.from({ length: 24 }, (_, i) => `${String(i).padStart(2, "0")}:00`);
const FIGURES: DigestChartFigures = {
  dayLabel: "2026-12-02",
  hours: HOURS,
  byResult: {
    normal_end: HOURS.map((_, i) => (i === 14 ? 10 : 4)),
    reject: HOURS.map((_, i) => (i === 14 ? 7 : 0)),
    mystery_result: HOURS.map((_, i) => (i === 3 ? 1 : 0)),
  },
  comparison: { kind: "dayBefore", perHour: HOURS.map(() => 5) },
};

/** Width and height from the PNG's IHDR chunk (bytes 16–23, big-endian), after the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const texts = (svg: string) =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]?.replaceAll("&amp;", "&"));

describe("digest chart", () => {
  it.each<[Lang, string[]]>([
    [
      "en",
      [
        "Calls per hour, 2026-12-02",
        "completed",
        "rejected",
        "mystery_result",
        "day before",
        "calls",
        "00:00",
        "21:00",
      ],
    ],
    ["zh", ["2026-12-02 每小时通话", "正常结束", "拒接", "mystery_result", "前一天", "通话"]],
  ])(
    "draws the %s labels, one bar series per result and the comparison line",
    async (lang, labels) => {
      const chart = await digestChartSvg(FIGURES, lang);
      expect(chart.svg.startsWith("<svg")).toBe(true);
      expect(chart.svg).toContain('width="800" height="380"');
      const drawn = texts(chart.svg);
      for (const label of labels) expect(drawn).toContain(label);
      // The comparison is one dashed path; bars are filled paths in each result's colour.
      expect(chart.svg).toMatch(/stroke-dasharray/);
      expect(chart.svg).toContain('fill="#2e9d5b"');
      expect(chart.svg).toContain('fill="#d64545"');
    },
  );

  it("leaves the line out when there is nothing to compare", async () => {
    const { comparison: _, ...without } = FIGURES;
    const chart = await digestChartSvg(without, "en");
    expect(chart.svg).not.toMatch(/stroke-dasharray/);
    expect(texts(chart.svg)).not.toContain("day before");
  });

  it.each<[Lang, string]>([
    [
      "en",
      "Calls per hour, 2026-12-02: 110 calls, 8 failed; worst hour 14:00 with 7 failed of 17. The line shows the day before (120 calls).",
    ],
    [
      "zh",
      "2026-12-02 每小时通话：共 110 通，8 通失败；最差时段 14:00：7 通失败（共 17 通）。 折线为前一天（共 120 通）。",
    ],
  ])("says in words (%s) what it shows: totals and the worst hour", async (lang, alt) => {
    expect((await digestChartSvg(FIGURES, lang)).altText).toBe(alt);
  });

  it("names the busiest hour when nothing failed, and says so on a day without calls", async () => {
    const calm = { dayLabel: "d", hours: ["00:00", "01:00"], byResult: { normal_end: [1, 3] } };
    expect((await digestChartSvg(calm, "en")).altText).toBe(
      "Calls per hour, d: 4 calls, 0 failed; busiest hour 01:00 with 3 calls.",
    );
    expect((await digestChartSvg({ ...calm, byResult: {} }, "en")).altText).toBe(
      "Calls per hour, d: no calls.",
    );
  });

  it("takes its figures from a digest report, stacked by result, the day before as the line", async () => {
    const day = digestDay("2026-12-02", "Europe/Berlin");
    const digest = createDigestAccumulator(day);
    digest.add(record({ startCallTs: day.startTs + 3600 + 5, callResult: "reject" }));
    digest.add(record({ startCallTs: day.startTs + 3600 + 9, callResult: "normal_end" }));
    digest.add(record({ startCallTs: day.startTs + 7200, callResult: "normal_end" }));
    const before = new Array<number>(24).fill(2);
    const figures = digestChartFigures(digest.result({ total: 48, byResult: {}, perHour: before }));
    expect(figures.hours).toHaveLength(24);
    expect(figures.byResult.reject?.slice(0, 3)).toEqual([0, 1, 0]);
    expect(figures.byResult.normal_end?.slice(0, 3)).toEqual([0, 1, 1]);
    expect(figures.comparison).toEqual({ kind: "dayBefore", perHour: before });
    // A day before of another length (DST) is not compared hour by hour.
    const short = digestChartFigures(digest.result({ total: 1, byResult: {}, perHour: [1] }));
    expect(short.comparison).toBeUndefined();
  });
});

describe("PNG", () => {
  it.each<[Lang]>([["en"], ["zh"]])("decodes with the expected size (%s)", async (lang) => {
    const png = await rasterize(await digestChartSvg(FIGURES, lang));
    expect(pngSize(png.png)).toEqual({ width: 1600, height: 760 });
    expect({ width: png.width, height: png.height }).toEqual({ width: 1600, height: 760 });
    expect((await rasterize(await digestChartSvg(FIGURES, lang), { scale: 1 })).width).toBe(800);
  });

  /** Dark pixels of `text` drawn alone with the given fonts. */
  function inkOf(text: string, fontFiles: string[]): number {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><rect width="200" height="40" fill="#fff"/><text x="4" y="28" font-size="24" font-family="DejaVu Sans, Noto Sans Hans" fill="#000">${text}</text></svg>`;
    const pixels = new Resvg(svg, {
      font: { loadSystemFonts: false, fontFiles, defaultFontFamily: "DejaVu Sans" },
    }).render().pixels;
    let ink = 0;
    for (let i = 0; i < pixels.length; i += 4) if ((pixels[i] ?? 255) < 128) ink++;
    return ink;
  }

  it("draws Chinese with glyphs from the CJK font, not boxes or nothing", async () => {
    const latinOnly = inkOf("每小时通话", [FONT_FILES.latin]);
    const withCjk = inkOf("每小时通话", [FONT_FILES.latin, FONT_FILES.cjk]);
    expect(withCjk).toBeGreaterThan(500);
    expect(withCjk).not.toBe(latinOnly);
    // And the charts load it by themselves whenever a label is Chinese.
    const zh = await digestChartSvg(FIGURES, "zh");
    const auto = (await rasterize(zh)).png;
    expect(
      auto.equals((await rasterize(zh, { fontFiles: [FONT_FILES.latin, FONT_FILES.cjk] })).png),
    ).toBe(true);
    expect(auto.equals((await rasterize(zh, { fontFiles: [FONT_FILES.latin] })).png)).toBe(false);
  });
});

describe("search chart", () => {
  const start = Date.UTC(2026, 11, 1, 23) / 1000; // 00:00 in Berlin
  const window = { startTs: start, endTs: start + 24 * 3600 };
  const timeline = (() => {
    const t = createTimelineAccumulator(window);
    t.add(record({ startCallTs: start + 10, callResult: "normal_end" }));
    t.add(record({ startCallTs: start + 3 * 1800 + 1, callResult: "not_answer" }));
    t.add(record({ startCallTs: start + 3 * 1800 + 2, callResult: "not_answer" }));
    t.add(record({ startCallTs: start - 1, callResult: "normal_end" })); // outside: ignored
    return t.result();
  })();

  it("buckets a day in half hours, counting by result", async () => {
    expect(timeline.bucketSeconds).toBe(1800);
    expect(timeline.bucketCount).toBe(48);
    expect(timeline.byResult.normal_end?.[0]).toBe(1);
    expect(timeline.byResult.not_answer?.[3]).toBe(2);
    expect(timeline.byResult.normal_end?.reduce((a, b) => a + b)).toBe(1);
  });

  it.each<[Lang, string[], string]>([
    [
      "en",
      ["Calls over time by result · 30 minutes", "completed", "not answered", "12-02 00:00"],
      "Calls over time by result (per 30 minutes): 3 calls, 2 failed; worst period 01:30 with 2 failed of 2.",
    ],
    [
      "zh",
      ["各结果通话随时间变化 · 30 分钟", "正常结束", "未接听"],
      "各结果通话随时间变化（每 30 分钟）：共 3 通，2 通失败；最差时段 01:30：2 通失败（共 2 通）。",
    ],
  ])("draws labels in the reader's zone (%s)", async (lang, labels, alt) => {
    const chart = await searchChartSvg(timeline, { timeZone: "Europe/Berlin", lang });
    const drawn = texts(chart.svg);
    for (const label of labels) expect(drawn).toContain(label);
    expect(chart.altText).toBe(alt);
    expect(pngSize((await rasterize(chart)).png)).toEqual({ width: 1600, height: 680 });
  });

  it("is drawn only for searches over more than a few hours", async () => {
    expect(searchWantsChart(timeline)).toBe(true);
    const short = createTimelineAccumulator({ startTs: start, endTs: start + 3600 }).result();
    expect(short.bucketSeconds).toBe(300);
    expect(searchWantsChart(short)).toBe(false);
    expect(searchWantsChart(undefined)).toBe(false);
  });
});

describe("steps chart", () => {
  const t0 = Date.UTC(2026, 11, 2, 13, 0, 0);
  const steps: StepTimeline = {
    title: "Call 7781",
    participants: ["alice", "bob"],
    timeZone: "Europe/Berlin",
    steps: [
      { participant: "alice", atMs: t0, label: "dial", tone: "info" },
      { participant: "bob", atMs: t0 + 4000, label: "ring" },
      { participant: "bob", atMs: t0 + 9000, label: "reject", tone: "fail" },
      { participant: "carol", atMs: t0 + 2000, label: "join" },
    ],
  };

  it("puts participants on rows and labels every step", async () => {
    const chart = await stepsChartSvg(steps, "en");
    const drawn = texts(chart.svg);
    for (const label of [
      "Call 7781",
      "Steps",
      "alice",
      "bob",
      "carol",
      "dial",
      "ring",
      "reject",
      "join",
    ]) {
      expect(drawn).toContain(label);
    }
    expect(drawn).toContain("14:00:00");
    expect(chart.height).toBe(90 + 3 * 70);
    expect(chart.svg).toContain('fill="#d64545"');
    expect(chart.altText).toBe(
      "Call 7781: 4 steps of 3 participants over 9 s from 14:00:00; failed: bob reject at 14:00:09.",
    );
    expect((await stepsChartSvg(steps, "zh")).altText).toBe(
      "Call 7781：3 位参与者的 4 个步骤，14:00:00 起共 9 秒；失败：bob reject（14:00:09）。",
    );
    expect(pngSize((await rasterize(chart)).png)).toEqual({
      width: 1600,
      height: 2 * chart.height,
    });
  });
});
