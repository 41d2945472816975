import { expect, describe as group, it } from "vitest";
import { describe, describeFilter } from "../../src/query/describe.js";
import { parse } from "../../src/query/parse.js";
import { resultLabel } from "../../src/query/results.js";
import type { CallFilter, SearchQuery } from "../../src/query/types.js";

const NOW = new Date("2026-11-25T06:30:00Z");
const search = (text: string, timeZone: string) =>
  parse(text, { now: NOW, timeZone }) as SearchQuery;
const none = { caller: [], callee: [], either: [] };

group("describe", () => {
  it.each([
    [
      "rejected group video calls on 11/25",
      "Asia/Shanghai",
      "en",
      "rejected · group · video calls, Wed 25 Nov 00:00 – Wed 25 Nov 14:30 (Asia/Shanghai)",
    ],
    [
      "rejected group video calls yesterday",
      "America/Los_Angeles",
      "en",
      "rejected · group · video calls, Mon 23 Nov 00:00 – Tue 24 Nov 00:00 (America/Los_Angeles)",
    ],
    [
      "昨天 群组 视频 拒接",
      "Asia/Shanghai",
      "zh",
      "拒接 · 群组 · 视频通话，11月24日 周二 00:00 – 11月25日 周三 00:00（Asia/Shanghai）",
    ],
    [
      "failed calls from 10086 last 2 hours",
      "Asia/Shanghai",
      "en",
      "failed calls from 10086, Wed 25 Nov 12:30 – Wed 25 Nov 14:30 (Asia/Shanghai)",
    ],
    [
      "最近2小时 失败 主叫 10086",
      "Asia/Shanghai",
      "zh",
      "失败通话，主叫 10086，11月25日 周三 12:30 – 11月25日 周三 14:30（Asia/Shanghai）",
    ],
  ])("%s (%s, %s)", (text, zone, lang, line) => {
    const query = search(text, zone);
    expect(query.lang).toBe(lang);
    expect(describe(query, zone)).toBe(line);
  });

  it("says when no time was given", () => {
    expect(describe(search("missed calls", "Asia/Shanghai"), "Asia/Shanghai")).toMatch(
      /no time given: the last 24 hours$/,
    );
    expect(describe(search("未接", "Asia/Shanghai"), "Asia/Shanghai")).toMatch(
      /未指定时间：最近24小时$/,
    );
  });

  it("states the decisions a phrase needed, in the query's language", () => {
    expect(describe(search("around 9am", "Asia/Shanghai"), "Asia/Shanghai")).toMatch(
      /\(09:00: 30 minutes either side\.\)$/,
    );
    expect(describe(search("下午3点左右", "Asia/Shanghai"), "Asia/Shanghai")).toMatch(
      /今天15:00还没到：按昨天的算。/,
    );
    expect(describe(search("until 3pm", "America/Los_Angeles"), "America/Los_Angeles")).not.toMatch(
      /still ahead/,
    );
  });

  it("says when the start was moved up to the API's 7 days, and from where", () => {
    const query = search("last 30 days", "Asia/Shanghai");
    expect(describe(query, "Asia/Shanghai")).toContain(
      "start moved up from Mon 26 Oct 14:30: the API keeps only the last 7 days",
    );
    expect(describe(query, "Asia/Shanghai", "zh")).toContain(
      "开始时间已从 10月26日 周一 14:30 调整",
    );
  });
});

group("describeFilter", () => {
  const filter = (over: Partial<CallFilter>): CallFilter => ({
    results: [],
    callTypes: [],
    mediaTypes: [],
    users: none,
    ...over,
  });
  it.each([
    [filter({}), "en", "all calls"],
    [filter({}), "zh", "所有通话"],
    [
      filter({ results: ["reject"], callTypes: ["group"], mediaTypes: ["video"] }),
      "en",
      "rejected · group · video calls",
    ],
    [filter({ results: ["reject", "not_answer"] }), "en", "rejected or missed calls"],
    [filter({ results: ["reject", "not_answer"] }), "zh", "拒接/未接听通话"],
    [filter({ mediaTypes: ["video", "audio"], callTypes: ["single", "group"] }), "en", "all calls"],
    [
      filter({ callTypes: ["single"], users: { caller: ["a"], callee: ["b"], either: ["c"] } }),
      "en",
      "1:1 calls from a to b involving c",
    ],
    [filter({ rooms: ["7"] }), "zh", "所有通话，房间 7"],
    [filter({ results: ["something_new"] }), "en", "something_new calls"],
  ] as const)("%j in %s", (f, lang, text) => {
    expect(describeFilter(f, lang)).toBe(text);
  });
});

group("resultLabel", () => {
  it.each([
    ["normal_end", "en", "completed"],
    ["not_answer", "zh", "未接听"],
    ["offline", "en", "offline"],
    ["NewResult", "zh", "NewResult"],
    ["toString", "en", "toString"],
  ] as const)("%s in %s → %s", (result, lang, label) => {
    expect(resultLabel(result, lang)).toBe(label);
  });
});
