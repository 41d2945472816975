import { describe, expect, it } from "vitest";
import { textTable } from "../../src/cli/table.js";

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
