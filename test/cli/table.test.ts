import { describe, expect, it } from "vitest";
import { textTable } from "../../src/cli/table.js";
import { compactDuration, isoLocalTime } from "../../src/time/format.js";

describe("textTable", () => {
  it("pads columns to their widest cell, right-aligns numbers, trims line ends", () => {
    const rows = [
      { name: "alice", calls: 3 },
      { name: "陈", calls: 120 },
    ];
    const table = textTable(rows, [
      { title: "NAME", cell: (r) => r.name },
      { title: "CALLS", cell: (r) => String(r.calls), align: "right" },
    ]);
    expect(table.split("\n")).toEqual(["NAME   CALLS", "alice      3", "陈       120"]);
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
