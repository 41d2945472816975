import { describe, expect, it } from "vitest";
import { callTimelineSteps } from "../../src/charts/call-steps.js";
import { rasterize } from "../../src/charts/png.js";
import { stepsChartSvg } from "../../src/charts/steps-chart.js";
import { buildTimeline, type CallTimeline } from "../../src/report/call-timeline.js";

/** A call's webhook timeline adapted to the steps chart: rows, labels, tones, words, a PNG. */

const T = Date.UTC(2026, 11, 3, 6, 0, 0);
const timeline: CallTimeline = {
  callId: "c-1",
  startMs: T,
  ended: true,
  participants: [
    {
      userId: "10010",
      role: "caller",
      steps: [{ action: "started", atMs: T, word: "start" }],
    },
    {
      userId: "10086",
      role: "callee",
      steps: [
        { action: "answered", atMs: T + 3000, word: "Accept" },
        { action: "offline", atMs: T + 7000, word: "Offline" },
      ],
    },
  ],
  verdict: { kind: "offline_after_answer", userId: "10086", role: "callee", seconds: 4 },
};

describe("callTimelineSteps", () => {
  it.each([
    [
      "en",
      "Call c-1",
      ["caller 10010", "callee 10086"],
      ["placed the call", "answered", "went offline"],
      "Call c-1: 3 steps of 2 participants over 7 s from 06:00:00; failed: callee 10086 went offline at 06:00:07.",
    ],
    [
      "zh",
      "通话 c-1",
      ["主叫 10010", "被叫 10086"],
      ["发起呼叫", "接听", "掉线"],
      "通话 c-1：2 位参与者的 3 个步骤，06:00:00 起共 7 秒；失败：被叫 10086 掉线（06:00:07）。",
    ],
  ] as const)("%s: rows, labels and alt text", async (lang, title, rows, labels, alt) => {
    const steps = callTimelineSteps(timeline, { lang, timeZone: "UTC" });
    expect(steps.title).toBe(title);
    expect(steps.participants).toEqual(rows);
    expect(steps.steps.map((s) => s.label)).toEqual(labels);
    expect(steps.steps.map((s) => s.tone)).toEqual(["info", "ok", "fail"]);
    expect(steps.steps.map((s) => s.participant)).toEqual([rows[0], rows[1], rows[1]]);
    expect((await stepsChartSvg(steps, lang)).altText).toBe(alt);
  });

  it("draws a PNG from a timeline built from events", async () => {
    const built = buildTimeline([
      {
        generation: "v4",
        kind: "v4_member",
        command: "Call.CallbackAfterMemberChanged",
        callId: "c-2",
        eventTimeMs: T,
        steps: [{ userId: "10086", action: "rejected", word: "Reject", role: "callee" }],
        key: "k-1",
      },
    ]);
    expect(built).toBeDefined();
    const steps = callTimelineSteps(built as CallTimeline, {
      lang: "en",
      timeZone: "Asia/Shanghai",
    });
    expect(steps.steps).toEqual([
      { participant: "callee 10086", atMs: T, label: "rejected", tone: "fail" },
    ]);
    const png = await rasterize(await stepsChartSvg(steps, "en"));
    expect(png.png.subarray(1, 4).toString("ascii")).toBe("PNG");
    expect(png.altText).toContain("failed: callee 10086 rejected at 14:00:00");
  });
});
