import { describe, expect, it } from "vitest";
import type { LookupResult } from "../../../src/records/types.js";
import { limitViolations } from "../../../src/slack/blocks/limits.js";
import { renderLookup } from "../../../src/slack/blocks/lookup.js";
import { allText, buttons, NOW, record } from "./fixtures.js";

const ctx = { timeZone: "America/Los_Angeles", lang: "en" as const, share: "SHARE" };

describe("renderLookup", () => {
  const dropped = record({
    startCallTs: NOW - 600,
    callResult: "interrupt",
    acceptTs: NOW - 595,
    endTs: NOW - 500,
  });
  const retry = record({
    startCallTs: NOW - 480,
    acceptTs: NOW - 476,
    endTs: NOW - 300,
    roomId: "room-xyz",
  });
  const unrelated = record({
    startCallTs: NOW - 200,
    caller: "bob",
    callees: ["carol"],
    callResult: "reject",
  });

  it("shows every field with local times and durations, and the story with the retry marked", () => {
    const result: LookupResult = {
      found: [{ record: retry, around: [dropped, unrelated] }],
      notFound: [],
    };
    const message = renderLookup(result, ctx);
    const text = allText(message.blocks);
    expect(limitViolations(message)).toEqual([]);
    expect(text).toContain(`\`${retry.callId}\``);
    expect(text).toContain("room-xyz");
    expect(text).toContain(String(retry.sdkAppId));
    expect(text).toContain(`<!date^${retry.startCallTs}^{date_short_pretty} {time_secs}|`);
    expect(text).toContain("(America/Los_Angeles)");
    expect(text).toContain("4 s · 2 min 56 s"); // time to answer · talk time
    expect(text).toContain("The story around it");
    const storyLine = text
      .split("\n")
      .find((line) => line.includes(retry.callId) && line.startsWith("•"));
    expect(storyLine).toContain("retry after a drop");
    expect(storyLine).toContain("this call");
    const unrelatedLine = text.split("\n").find((line) => line.includes(unrelated.callId));
    expect(unrelatedLine).not.toContain("retry");
    expect(buttons(message.blocks).map((b) => b.action_id)).toEqual(["share"]);
  });

  it("says when nobody else called within the hour", () => {
    const message = renderLookup({ found: [{ record: retry, around: [] }], notFound: [] }, ctx);
    expect(allText(message.blocks)).toContain("No other calls by these users");
  });

  it("lists ids not found with what to check, not as an error", () => {
    const message = renderLookup(
      { found: [], notFound: ["abc-123", "<!here>"] },
      { ...ctx, share: undefined },
    );
    const text = allText(message.blocks);
    expect(text).toContain("Not found in the last 7 days");
    expect(text).toContain("`abc-123`");
    expect(text).toContain("7 days");
    expect(text).not.toContain("<!here>");
    expect(buttons(message.blocks)).toEqual([]);
  });

  it("shows extra fields the vendor added", () => {
    const withExtra = { ...retry, region: "ap-shanghai" };
    const text = allText(
      renderLookup({ found: [{ record: withExtra, around: [] }], notFound: [] }, ctx).blocks,
    );
    expect(text).toContain("region");
    expect(text).toContain("ap-shanghai");
  });

  it.each(["en", "zh"] as const)("stays within limits with many huge stories (%s)", (lang) => {
    const huge = record({
      caller: "u".repeat(5000),
      callees: Array.from({ length: 500 }, (_, i) => `${"v".repeat(50)}${i}`),
      callResult: "w".repeat(3000),
    });
    const around = Array.from({ length: 200 }, (_, i) =>
      record({ startCallTs: NOW - i, caller: "x".repeat(5000) }),
    );
    const result: LookupResult = {
      found: Array.from({ length: 30 }, () => ({ record: huge, around })),
      notFound: Array.from({ length: 300 }, (_, i) => `${"n".repeat(500)}${i}`),
    };
    const message = renderLookup(result, { ...ctx, lang });
    expect(limitViolations(message)).toEqual([]);
    const text = allText(message.blocks);
    expect(text).toContain(lang === "zh" ? "通话未显示" : "more calls not shown");
    expect(text).toContain(lang === "zh" ? "最近 7 天内未找到" : "Not found in the last 7 days");
    expect(buttons(message.blocks).map((b) => b.action_id)).toEqual(["share"]);
  });

  it("answers in Chinese", () => {
    const text = allText(
      renderLookup(
        { found: [{ record: retry, around: [dropped] }], notFound: ["x"] },
        { ...ctx, lang: "zh" },
      ).blocks,
    );
    expect(text).toContain("通话详情");
    expect(text).toContain("掉线后重拨");
    expect(text).toContain("最近 7 天内未找到");
  });
});
