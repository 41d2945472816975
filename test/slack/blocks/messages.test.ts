import { describe, expect, it } from "vitest";
import { CallKitError, errorForCode } from "../../../src/callkit/errors.js";
import { registerSecret } from "../../../src/log.js";
import { EXAMPLES } from "../../../src/query/examples.js";
import { parse } from "../../../src/query/parse.js";
import type { ParseError } from "../../../src/query/types.js";
import { renderAccessDenied } from "../../../src/slack/blocks/access.js";
import { READING_ACTION_ID, renderParseError } from "../../../src/slack/blocks/errors.js";
import { renderFailure } from "../../../src/slack/blocks/failure.js";
import { renderHelp } from "../../../src/slack/blocks/help.js";
import { limitViolations } from "../../../src/slack/blocks/limits.js";
import { renderSearch } from "../../../src/slack/blocks/search.js";
import { withSharedBy } from "../../../src/slack/blocks/share.js";
import { decodeButtonValue } from "../../../src/slack/button-value.js";
import { allText, buttons, NOW, record, searchResult } from "./fixtures.js";

const SECRET = "s3cr3t-key-that-must-never-show-0123456789";
registerSecret(SECRET);

describe("renderHelp", () => {
  it.each(["en", "zh"] as const)(
    "gives examples in both languages, the vocabulary and the 7-day limit (%s)",
    (lang) => {
      const message = renderHelp(lang);
      const text = allText(message.blocks);
      expect(limitViolations(message)).toEqual([]);
      for (const example of [...EXAMPLES.en, ...EXAMPLES.zh]) expect(text).toContain(example);
      expect(text).toContain(lang === "zh" ? "7 天" : "7 days");
      expect(text).toContain(lang === "zh" ? "拒接" : "rejected");
      expect(text).toContain(lang === "zh" ? "视频" : "video");
    },
  );
});

describe("renderFailure", () => {
  const cases = [
    {
      name: "a vendor code",
      error: errorForCode(70004, {
        requestId: "req-abc",
        vendorMessage: "not admin",
        endpoint: "get_records_by_filter",
      }),
      shows: ["70004", "req-abc", "not admin", "TRTC_ADMIN_USER"],
    },
    {
      name: "a 502",
      error: new CallKitError({
        kind: "upstream",
        status: 502,
        retryable: true,
        explanation: "The vendor answered 502.",
      }),
      shows: ["HTTP 502", "502"],
    },
    {
      name: "a timeout",
      error: new CallKitError({
        kind: "timeout",
        retryable: true,
        explanation: "No answer within 8 s.",
      }),
      shows: ["did not answer in time"],
    },
  ];
  it.each(cases)("explains $name with its code and requestId", ({ error, shows }) => {
    const message = renderFailure(error, "en");
    const text = allText(message.blocks);
    expect(limitViolations(message)).toEqual([]);
    for (const piece of shows) expect(text).toContain(piece);
  });

  it("never shows a stack, a secret, or an unknown error's message", () => {
    const error = new Error(`connect failed https://x/?usersig=${SECRET}&sdkappid=1 ${SECRET}`);
    const message = renderFailure(error, "en");
    const serialized = JSON.stringify(message);
    expect(serialized).not.toContain(SECRET);
    expect(serialized).not.toContain("connect failed");
    expect(serialized).not.toContain("at ");
    expect(serialized).toContain("try again");
  });

  it("redacts a secret that slipped into a vendor message", () => {
    const error = errorForCode(70001, { vendorMessage: `bad ${SECRET}`, requestId: "r1" });
    expect(JSON.stringify(renderFailure(error, "en"))).not.toContain(SECRET);
  });

  it.each([
    new CallKitError({ kind: "network", retryable: true, explanation: "x" }),
    new Error("boom"),
    "string thrown",
    undefined,
  ])("answers in Chinese for %s", (error) => {
    const text = allText(renderFailure(error, "zh").blocks);
    expect(text).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("renderParseError", () => {
  it("asks back with one button per reading, each carrying its search", () => {
    const question = parse("between 5pm and 3pm", {
      now: new Date("2026-11-25T06:30:00Z"),
      timeZone: "America/Los_Angeles",
    });
    if (question.kind !== "error" || !question.question) throw new Error("expected a question");
    const message = renderParseError(question);
    expect(limitViolations(message)).toEqual([]);
    expect(allText(message.blocks)).toContain("Which one did you mean?");
    const picks = message.blocks.flatMap((b) =>
      b.type === "actions" ? (b.elements as { action_id: string; value: string }[]) : [],
    );
    expect(picks.map((p) => p.action_id)).toEqual([READING_ACTION_ID, READING_ACTION_ID]);
    const decoded = picks.map((p) =>
      decodeButtonValue(p.value, { now: new Date("2026-11-25T06:30:00Z") }),
    );
    expect(decoded).toEqual(
      question.question.readings.map((r) => ({
        ok: true,
        payload: { kind: "page", query: r.query, pageIndex: 0 },
      })),
    );
  });

  const error: ParseError = {
    kind: "error",
    lang: "en",
    message: "I did not understand “rejcted”.",
    unknownWords: ["rejcted", "<!channel>"],
    suggestions: [{ word: "rejcted", suggestion: "rejected" }],
    examples: ["rejected calls today", "failed video calls last 2 hours"],
  };
  it("quotes the words back, suggests, gives examples and points to help", () => {
    const message = renderParseError(error);
    const text = allText(message.blocks);
    expect(limitViolations(message)).toEqual([]);
    expect(text).toContain("`rejcted`");
    expect(text).toContain("did you mean `rejected`");
    expect(text).toContain("rejected calls today");
    expect(text).toContain("/calls help");
    expect(text).not.toContain("<!channel>");
  });
  it("survives absurd input", () => {
    const message = renderParseError({
      ...error,
      message: "m".repeat(10_000),
      unknownWords: Array.from({ length: 1000 }, () => "w".repeat(100)),
      examples: [],
    });
    expect(limitViolations(message)).toEqual([]);
    expect(allText(message.blocks)).toContain(EXAMPLES.en[0]);
  });
});

describe("renderAccessDenied", () => {
  it.each(["en", "zh"] as const)("refuses politely (%s)", (lang) => {
    const message = renderAccessDenied(lang);
    expect(limitViolations(message)).toEqual([]);
    expect(message.text.length).toBeGreaterThan(10);
  });
});

describe("withSharedBy", () => {
  const all = Array.from({ length: 45 }, (_, i) => record({ startCallTs: NOW - i }));
  const ctx = {
    timeZone: "UTC",
    lang: "en" as const,
    description: "calls",
    buttons: { next: "N", share: "S" },
  };

  it("names who shared it and drops the Share button", () => {
    const shared = withSharedBy(
      renderSearch(searchResult(all.slice(0, 20), { all }), ctx),
      "U024BE7LH",
      "en",
    );
    expect(allText(shared.blocks)).toContain("Shared by <@U024BE7LH>");
    expect(buttons(shared.blocks).map((b) => b.action_id)).not.toContain("share");
    expect(limitViolations(shared)).toEqual([]);
  });

  it("keeps a full message within limits and escapes an odd user id", () => {
    const page = Array.from({ length: 100 }, (_, i) =>
      record({ startCallTs: NOW - i, caller: "c".repeat(300) }),
    );
    const full = renderSearch(searchResult(page, { query: { pageSize: 100 } }), ctx);
    const shared = withSharedBy(full, "<!channel>", "en");
    expect(limitViolations(shared)).toEqual([]);
    expect(allText(shared.blocks)).not.toContain("<!channel>");
  });
});
