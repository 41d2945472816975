import { describe, expect, it } from "vitest";
import { parse } from "../../src/query/parse.js";
import { renderSearchForm } from "../../src/slack/blocks/search-form.js";
import {
  decodeOrigin,
  encodeOrigin,
  formWords,
  readSearchForm,
  type SearchFormInput,
} from "../../src/slack/search-form.js";

const NOW = new Date("2026-12-03T06:00:00Z");
const ZONE = "Asia/Shanghai";
const input = (over: Partial<SearchFormInput> = {}): SearchFormInput =>
  ({
    range: "last_24h",
    results: [],
    callTypes: [],
    media: [],
    users: "",
    role: "either",
    ...over,
  }) as SearchFormInput;

describe("formWords: the form's input as /calls words that parse to the same search", () => {
  it.each([
    [
      "en",
      input({ range: "last_2h", results: ["failed"], media: ["video"] }),
      "failed video calls last 2 hours",
      "failed video calls last 2 hours",
    ],
    [
      "en",
      input({
        range: "yesterday",
        results: ["reject", "not_answer"],
        callTypes: ["group"],
        users: "10086, 200",
        role: "caller",
      }),
      "rejected missed group calls caller 10086 caller 200 yesterday",
      "group rejected missed calls caller 10086 caller 200 yesterday",
    ],
    [
      "zh",
      input({ range: "today", results: ["interrupt"], media: ["audio"], users: "abc" }),
      "中断 音频 用户 abc 今天",
      "中断 语音 用户 abc 今天",
    ],
    [
      "en",
      input({
        range: "custom",
        startDate: "2026-12-01",
        startTime: "10:00",
        endDate: "2026-12-02",
        endTime: "12:30",
      }),
      "calls from Dec 1 2026 10:00 to Dec 2 2026 12:30",
      "calls from Dec 1 2026 10:00 to Dec 2 2026 12:30",
    ],
    [
      "zh",
      input({
        range: "custom",
        startDate: "2026-12-01",
        endDate: "2026-12-02",
        results: ["failed", "normal_end"],
      }),
      "失败 接通 from Dec 1 2026 00:00 to Dec 2 2026 00:00",
      "失败 接通 from Dec 1 2026 00:00 to Dec 2 2026 00:00",
    ],
  ] as const)("%s %j", (lang, form, words, typed) => {
    const built = formWords(form, lang, ZONE);
    expect(built).toEqual({ ok: true, words });
    const fromForm = parse(words, { now: NOW, timeZone: ZONE });
    const fromTyped = parse(typed, { now: NOW, timeZone: ZONE });
    expect(fromForm.kind).toBe("search");
    expect({ ...fromForm, notes: undefined }).toEqual({ ...fromTyped, notes: undefined });
  });

  it.each([
    [input({ range: "custom" }), ["start_date", "end_date"]],
    [
      input({
        range: "custom",
        startDate: "2026-12-02",
        endDate: "2026-12-02",
        startTime: "10:00",
        endTime: "10:00",
      }),
      ["end_date"],
    ],
    [input({ users: "a b c d e f g h i j k" }), ["users"]],
    [input({ users: "*bold*" }), ["users"]],
  ])("refuses %j", (form, blocks) => {
    const built = formWords(form, "en", ZONE);
    expect(built.ok).toBe(false);
    if (!built.ok) expect(Object.keys(built.errors).sort()).toEqual([...blocks].sort());
  });

  it("reads Slack's state.values with zod, ignoring what is not ours", () => {
    const read = readSearchForm({
      range: { range: { type: "static_select", selected_option: { value: "last_7d" } } },
      results: { results: { selected_options: [{ value: "reject" }, { value: "__proto__" }] } },
      media: { media: { selected_options: [{ value: "video" }] } },
      start_date: { start_date: { selected_date: "not a date" } },
      users: { users: { value: " 1 2 " } },
      role: { role: { selected_option: { value: "admin" } } },
    });
    expect(read).toMatchObject({
      range: "last_7d",
      results: ["reject"],
      media: ["video"],
      startDate: undefined,
      users: " 1 2 ",
      role: "either",
    });
    expect(readSearchForm("garbage").range).toBe("last_24h");
  });

  it("private_metadata round-trips and refuses what is not ours", () => {
    expect(decodeOrigin(encodeOrigin({ channelId: "C1", lang: "zh" }))).toEqual({
      channelId: "C1",
      lang: "zh",
    });
    expect(decodeOrigin(encodeOrigin({ lang: "en" }))).toEqual({
      channelId: undefined,
      lang: "en",
    });
    expect(decodeOrigin('{"c":"<!channel>","l":"en"}')).toBeUndefined();
    expect(decodeOrigin("nope")).toBeUndefined();
  });

  it.each(["en", "zh"] as const)("the modal stays within Slack's view limits (%s)", (lang) => {
    const view = renderSearchForm({
      lang,
      timeZone: ZONE,
      today: "2026-12-03",
      origin: { channelId: "C1", lang },
    });
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.submit?.text.length).toBeLessThanOrEqual(24);
    expect(view.close?.text.length).toBeLessThanOrEqual(24);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(String(view.private_metadata).length).toBeLessThanOrEqual(3000);
  });
});
