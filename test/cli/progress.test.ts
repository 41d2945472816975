import { describe, expect, it } from "vitest";
import { createProgressBar, formatProgress, parseProgressMode } from "../../src/cli/progress.js";

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 100, write: (text: string) => writes.push(text) } };
}

describe("formatProgress", () => {
  it.each([
    [[{ pages: 1, records: 100, totalNum: 400 }], "100 / 400  25%  1 page", "[#######"],
    [
      [
        { pages: 2, records: 200, totalNum: 200 },
        { pages: 1, records: 50, totalNum: 300 },
      ],
      "250 / 500  50%  3 pages",
      "[###############",
    ],
    // totalNum read per page (less than what was read): no bar, just the count.
    [[{ pages: 3, records: 300, totalNum: 100 }], "Reading call records  300  3 pages", undefined],
    [[{ pages: 12, records: 1200 }], "Reading call records  1,200  12 pages", undefined],
  ])("%j", (scans, figures, bar) => {
    const line = formatProgress(scans, 100);
    expect(line).toContain(figures);
    if (bar) expect(line).toContain(bar);
    else expect(line).not.toContain("[");
  });
});

describe("createProgressBar", () => {
  it("auto: nothing on a pipe, however long the scan", () => {
    const { writes, stream } = fakeStream(false);
    let clock = 0;
    const bar = createProgressBar({ stream, mode: "auto", now: () => clock });
    clock = 5000;
    bar.update(0, { pages: 1, records: 100, totalNum: 1000 });
    bar.done();
    expect(writes).toEqual([]);
  });

  it("auto on a terminal: silent for the first second, then redraws in place and clears", () => {
    const { writes, stream } = fakeStream(true);
    let clock = 0;
    const bar = createProgressBar({ stream, mode: "auto", now: () => clock });
    clock = 500;
    bar.update(0, { pages: 1, records: 100, totalNum: 1000 });
    expect(writes).toEqual([]);
    clock = 1200;
    bar.update(0, { pages: 2, records: 200, totalNum: 1000 });
    clock = 1250; // within the redraw interval: skipped
    bar.update(0, { pages: 3, records: 300, totalNum: 1000 });
    clock = 1400;
    bar.update(0, { pages: 4, records: 400, totalNum: 1000 });
    bar.done();
    expect(writes).toHaveLength(3);
    expect(writes[0]).toMatch(/^\r.*200 \/ 1,000/);
    expect(writes[1]).toMatch(/^\r.*400 \/ 1,000/);
    expect(writes[2]).toBe("\r\u001b[K");
  });

  it("always: every update is a line, even off a terminal, and quick scans too", () => {
    const { writes, stream } = fakeStream(false);
    const bar = createProgressBar({ stream, mode: "always", now: () => 0 });
    bar.update(0, { pages: 1, records: 100, totalNum: 200 });
    bar.update(0, { pages: 2, records: 200, totalNum: 200 });
    bar.done();
    expect(writes.map((w) => w.trim())).toEqual([
      expect.stringContaining("100 / 200  50%"),
      expect.stringContaining("200 / 200  100%"),
      expect.stringContaining("200 / 200  100%"),
    ]);
  });

  it("never: nothing at all", () => {
    const { writes, stream } = fakeStream(true);
    const bar = createProgressBar({ stream, mode: "never", now: () => 9999 });
    bar.update(0, { pages: 1, records: 1 });
    bar.done();
    expect(writes).toEqual([]);
  });

  it.each([
    ["always", "always"],
    ["never", "never"],
    ["auto", "auto"],
    [undefined, "auto"],
    ["yes", "auto"],
  ])("CALLSCOPE_PROGRESS=%s → %s", (value, mode) => {
    expect(parseProgressMode(value)).toBe(mode);
  });
});
