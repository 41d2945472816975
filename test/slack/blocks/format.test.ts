import { describe, expect, it } from "vitest";
import { formatRatio, slackDate } from "../../../src/slack/blocks/format.js";
import { joinWithMore, truncate } from "../../../src/slack/blocks/limits.js";
import { localTime } from "../../../src/time/format.js";
import { safeTimeZone } from "../../../src/time/zone.js";

describe("format", () => {
  it.each([
    { ratio: undefined, out: "–" },
    { ratio: 0, out: "0%" },
    { ratio: 0.0004, out: "<0.1%" },
    { ratio: 0.025, out: "2.5%" },
    { ratio: 0.4, out: "40%" },
    { ratio: 1, out: "100%" },
  ])("ratio $ratio reads $out", ({ ratio, out }) => expect(formatRatio(ratio)).toBe(out));

  it("writes Slack date tokens with a fallback in the asking user's zone, not the machine's", () => {
    const ts = Date.UTC(2025, 10, 25, 16, 30) / 1000; // 00:30 next day in Shanghai
    expect(slackDate(ts, "Asia/Shanghai", "en")).toBe(
      `<!date^${ts}^{date_short_pretty} {time}|Wed 26 Nov 2025 00:30 (Asia/Shanghai)>`,
    );
    expect(localTime(ts, "America/Los_Angeles", "zh", { seconds: true })).toBe(
      "2025-11-25 08:30:00",
    );
  });

  it("falls back to UTC for a time zone the runtime does not know", () => {
    expect(safeTimeZone("Mars/Olympus")).toBe("UTC");
    expect(slackDate(0, "Mars/Olympus", "en")).toContain("(UTC)");
  });

  it("cuts text with an ellipsis, never splitting an emoji", () => {
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate("ab😀cd", 4)).toBe("ab…");
    expect(truncate("abc", 3)).toBe("abc");
  });

  it("joins what fits and counts the rest", () => {
    const items = Array.from({ length: 10 }, (_, i) => `item${i}`);
    const more = (n: number) => `…and ${n} more`;
    expect(joinWithMore(items, { separator: ", ", maxItems: 3, maxChars: 1000, more })).toBe(
      "item0, item1, item2, …and 7 more",
    );
    const tight = joinWithMore(items, { separator: ", ", maxItems: 100, maxChars: 30, more });
    expect(tight.length).toBeLessThanOrEqual(30);
    expect(tight).toMatch(/…and \d+ more$/);
  });
});
