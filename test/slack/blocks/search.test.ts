import { describe, expect, it } from "vitest";
import { resultLabel } from "../../../src/query/results.js";
import { LIMITS, limitViolations } from "../../../src/slack/blocks/limits.js";
import { renderSearch } from "../../../src/slack/blocks/search.js";
import { allText, buttons, NOW, record, searchResult } from "./fixtures.js";

const context = {
  timeZone: "Asia/Shanghai",
  lang: "en" as const,
  description: "failed video calls, last 24 hours",
  buttons: { next: "NEXT", prev: "PREV", share: "SHARE" },
};

function calls(n: number, overrides: Parameters<typeof record>[0] = {}) {
  return Array.from({ length: n }, (_, i) =>
    record({ startCallTs: NOW - 60 * (i + 1), ...overrides }),
  );
}

/** Shown calls plus those the "…and N more" note counts must be the whole page. */
function accountedFor(text: string, page: ReturnType<typeof calls>): number {
  const shown = page.filter((r) => text.includes(r.callId)).length;
  const more = /…and (\d+) more on this page/.exec(text);
  return shown + (more ? Number(more[1]) : 0);
}

describe("renderSearch", () => {
  it.each([
    { results: [], shown: true },
    { results: ["normal_end", "reject"], shown: true },
    { results: ["reject", "cancel"], shown: false },
  ])(
    "shows the answer rate only where answered calls can match ($results)",
    ({ results, shown }) => {
      const page = calls(3, { callResult: "reject" });
      const message = renderSearch(searchResult(page, { query: { results } }), context);
      expect(allText(message.blocks).includes("answer rate")).toBe(shown);
    },
  );

  it("shows the question, the window as Slack dates, the figures and every call on a page", () => {
    const page = calls(20, { callResult: "reject" });
    const message = renderSearch(searchResult(page), context);
    const text = allText(message.blocks);
    expect(limitViolations(message)).toEqual([]);
    expect(text).toContain("failed video calls, last 24 hours");
    expect(text).toContain(`<!date^${NOW - 86_400}^{date_short_pretty} {time}|`);
    expect(text).toContain("Calls started between");
    expect(text).toContain("*20 calls*");
    expect(text).toContain(`${resultLabel("reject", "en")}: 20 (100%)`);
    for (const r of page) expect(text).toContain(`\`${r.callId}\``);
    const details = buttons(message.blocks).filter((b) => b.action_id === "call_details");
    expect(details.map((b) => b.value)).toEqual(page.map((r) => r.callId));
  });

  it("says how long an interrupted call ran before it dropped", () => {
    const cut = record({
      callResult: "interrupt",
      startCallTs: NOW - 200,
      acceptTs: NOW - 195,
      endTs: NOW - 195 + 133,
    });
    const en = allText(renderSearch(searchResult([cut]), context).blocks);
    expect(en).toContain("dropped after 2 min 13 s");
    expect(en).not.toContain("talked");
    const zh = allText(renderSearch(searchResult([cut]), { ...context, lang: "zh" }).blocks);
    expect(zh).toContain("通话 2分13秒 后中断");
  });

  it("lists answered calls with time to answer and talk time", () => {
    const answered = record({ startCallTs: NOW - 100, acceptTs: NOW - 93, endTs: NOW - 93 + 125 });
    const text = allText(renderSearch(searchResult([answered]), context).blocks);
    expect(text).toContain("answered after 7 s");
    expect(text).toContain("talked 2 min 5 s");
    expect(text).toContain("alice → bob");
  });

  it.each([
    { pageIndex: 0, total: 45, expected: ["next_page", "share"] },
    { pageIndex: 1, total: 45, expected: ["prev_page", "next_page", "share"] },
    { pageIndex: 2, total: 45, expected: ["prev_page", "share"] },
    { pageIndex: 0, total: 5, expected: ["share"] },
  ])("page $pageIndex of $total calls has buttons $expected", ({ pageIndex, total, expected }) => {
    const all = calls(total);
    const page = all.slice(pageIndex * 20, pageIndex * 20 + 20);
    const message = renderSearch(searchResult(page, { all, pageIndex }), context);
    const actions = buttons(message.blocks)
      .filter((b) => b.action_id !== "call_details")
      .map((b) => b.action_id);
    expect(actions).toEqual(expected);
  });

  it("leaves out buttons whose value is missing or too long", () => {
    const all = calls(45);
    const message = renderSearch(searchResult(all.slice(0, 20), { all }), {
      ...context,
      buttons: { next: "x".repeat(LIMITS.buttonValue + 1), detailsOf: () => "" },
    });
    expect(buttons(message.blocks)).toEqual([]);
    expect(limitViolations(message)).toEqual([]);
  });

  it("notes the 7-day clamp with both the shown start and the asked start", () => {
    const result = searchResult(calls(3), {
      query: {
        window: { startTs: NOW - 7 * 86_400, endTs: NOW, requestedStartTs: NOW - 30 * 86_400 },
      },
    });
    const text = allText(renderSearch(result, context).blocks);
    expect(text).toContain("older than 7 days are not kept by TUICallKit");
    expect(text).toContain(`<!date^${NOW - 30 * 86_400}^`);
  });

  it("says so when nothing matched, with a hint and no page", () => {
    const message = renderSearch(searchResult([]), context);
    const text = allText(message.blocks);
    expect(text).toContain("No calls matched");
    expect(text).toContain("/calls help");
    expect(buttons(message.blocks).map((b) => b.action_id)).toEqual(["share"]);
  });

  it("shows unknown results as the vendor wrote them", () => {
    const page = [record({ callResult: "teleported" }), record({ callResult: "offline" })];
    const text = allText(renderSearch(searchResult(page), context).blocks);
    expect(text).toContain("teleported: 1 (50%)");
    expect(text).toContain("offline");
  });

  const stress = [
    { name: "a page of 100 calls", page: calls(100) },
    {
      name: "5,000-char user ids",
      page: calls(20, { caller: "u".repeat(5000), callees: ["v".repeat(5000)] }),
    },
    {
      name: "500 callees each",
      page: calls(20, {
        callType: "group",
        callees: Array.from({ length: 500 }, (_, i) => `callee-${i}`),
      }),
    },
    {
      name: "many unknown results",
      page: Array.from({ length: 60 }, (_, i) =>
        record({ callResult: `weird_${i}_${"r".repeat(300)}` }),
      ),
    },
    {
      name: "markup in user ids",
      page: calls(20, { caller: "<!channel> *bold* `tick`", callees: ["<@U123>&"] }),
    },
  ];

  it.each(stress)(
    "stays within every Block Kit limit with $name and accounts for every call",
    ({ page }) => {
      for (const lang of ["en", "zh"] as const) {
        const message = renderSearch(searchResult(page, { query: { pageSize: 100 } }), {
          ...context,
          lang,
          description: "d".repeat(5000),
        });
        expect(limitViolations(message)).toEqual([]);
        const text = allText(message.blocks);
        if (lang === "en") expect(accountedFor(text, page)).toBe(page.length);
      }
    },
  );

  it("escapes user-controlled markup so it cannot ping a channel", () => {
    const page = calls(1, { caller: "<!channel>", callees: ["<@U123>"] });
    const text = allText(renderSearch(searchResult(page), context).blocks);
    expect(text).not.toContain("<!channel>");
    expect(text).not.toContain("<@U123>");
    expect(text).toContain("&lt;!channel&gt;");
  });

  it("a normal page of 20 shows all 20 even with long-ish ids", () => {
    const page = calls(20, { caller: "c".repeat(40), callees: ["x".repeat(40), "y".repeat(40)] });
    const message = renderSearch(searchResult(page), context);
    expect(accountedFor(allText(message.blocks), page)).toBe(20);
    expect(page.every((r) => allText(message.blocks).includes(r.callId))).toBe(true);
  });

  it("shows all 20 calls of a page with button values as long as the Slack glue makes them", () => {
    const all = calls(200, { caller: "c".repeat(24), callees: ["x".repeat(24), "y".repeat(24)] });
    const page = all.slice(20, 40);
    const message = renderSearch(searchResult(page, { all, pageIndex: 1 }), {
      ...context,
      description:
        "rejected · cancelled · interrupted video calls, Tue 25 Nov 00:00 – Wed 26 Nov 00:00 (Asia/Shanghai)",
      buttons: {
        next: "n".repeat(400),
        prev: "p".repeat(400),
        share: "s".repeat(400),
        detailsOf: (id) => `v1.{"k":"l","c":["${id}"],"l":"en"}`,
      },
    });
    expect(limitViolations(message)).toEqual([]);
    const text = allText(message.blocks);
    expect(page.filter((r) => text.includes(r.callId))).toHaveLength(20);
  });

  it("answers in Chinese when lang is zh", () => {
    const all = calls(45, { callResult: "reject" });
    const message = renderSearch(searchResult(all.slice(0, 20), { all }), {
      ...context,
      lang: "zh",
    });
    const text = allText(message.blocks);
    expect(text).toContain(resultLabel("reject", "zh"));
    expect(text).toContain("发起时间在");
    expect(text).toContain("下一页");
    expect(message.text).toContain("45 通通话");
  });
});
