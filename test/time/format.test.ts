import { describe, expect, it } from "vitest";
import { addDays, weekdayDate, yesterdayOf } from "../../src/time/calendar.js";
import {
  compactDuration,
  formatDuration,
  formatMoment,
  isoLocalTime,
  utcOffsetLabel,
} from "../../src/time/format.js";

describe("durations for people", () => {
  it.each([
    { seconds: 0, en: "0 s", zh: "0秒" },
    { seconds: 45, en: "45 s", zh: "45秒" },
    { seconds: 125, en: "2 min 5 s", zh: "2分5秒" },
    { seconds: 3600, en: "1 h", zh: "1小时" },
    { seconds: 3780, en: "1 h 3 min", zh: "1小时3分" },
  ])("$seconds s reads $en / $zh", ({ seconds, en, zh }) => {
    expect(formatDuration(seconds, "en")).toBe(en);
    expect(formatDuration(seconds, "zh")).toBe(zh);
  });
});

describe("time formatting", () => {
  it.each([
    [1764064800, "Europe/Berlin", "2025-11-25 11:00:00"],
    [1764064800, "Asia/Shanghai", "2025-11-25 18:00:00"],
    [1764064800, "UTC", "2025-11-25 10:00:00"],
  ])("isoLocalTime(%i, %s)", (ts, zone, expected) => {
    expect(isoLocalTime(ts, zone)).toBe(expected);
  });

  it.each([
    [undefined, "-"],
    [-1, "-"],
    [0, "0s"],
    [45, "45s"],
    [125, "2m 05s"],
    [3725, "1h 02m 05s"],
  ])("compactDuration(%s) = %s", (seconds, expected) => {
    expect(compactDuration(seconds)).toBe(expected);
  });
});

describe("calendar days and moments", () => {
  it.each([
    ["2026-02-28", 1, "2026-03-01"],
    ["2028-02-28", 1, "2028-02-29"],
    ["2026-01-01", -1, "2025-12-31"],
    ["2026-11-01", 7, "2026-11-08"],
  ])("addDays(%s, %i) = %s", (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it("yesterday is the zone's, not the machine's", () => {
    const instant = new Date(Date.UTC(2026, 10, 25, 17, 0)); // 01:00 on the 26th in Shanghai
    expect(yesterdayOf(instant, "Asia/Shanghai")).toBe("2026-11-25");
    expect(yesterdayOf(instant, "America/Los_Angeles")).toBe("2026-11-24");
  });

  it.each([
    ["2026-11-23", "en", "Mon 23 Nov"],
    ["2026-11-29", "en", "Sun 29 Nov"],
    ["2026-11-29", "zh", "11月29日 周日"],
  ] as const)("weekdayDate(%s, %s) = %s", (date, lang, expected) => {
    expect(weekdayDate(date, lang)).toBe(expected);
  });

  it("writes a moment in the reader's zone and language", () => {
    const ts = Date.UTC(2025, 10, 24, 16, 0) / 1000; // Tue 25 Nov 00:00 in Shanghai
    expect(formatMoment(ts, "Asia/Shanghai", "en")).toBe("Tue 25 Nov 00:00");
    expect(formatMoment(ts, "Asia/Shanghai", "zh")).toBe("11月25日 周二 00:00");
  });

  it.each([
    [Date.UTC(2026, 6, 1), "America/Los_Angeles", "−07"],
    [Date.UTC(2026, 11, 1), "America/Los_Angeles", "−08"],
    [Date.UTC(2026, 11, 1), "Asia/Kolkata", "+05:30"],
  ])("utcOffsetLabel(%i, %s) = %s", (ms, zone, expected) => {
    expect(utcOffsetLabel(ms, zone)).toBe(expected);
  });
});
