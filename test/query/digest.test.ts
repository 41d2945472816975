import { expect, it } from "vitest";
import { parse } from "../../src/query/parse.js";
import type { DigestCommand, ParseError } from "../../src/query/types.js";

const NOW = new Date("2026-11-25T06:30:00Z");
const run = (text: string) => parse(text, { now: NOW, timeZone: "Asia/Shanghai" });

it.each([
  ["digest", { action: "show" }],
  ["digest on", { action: "on" }],
  ["digest on at 09:00", { action: "on", at: { hour: 9, minute: 0 } }],
  ["digest on at 7pm in #ops", { action: "on", at: { hour: 19, minute: 0 }, channel: "#ops" }],
  ["digest at 08:30", { action: "on", at: { hour: 8, minute: 30 } }],
  [
    "digest on in <#C123ABC|call-health> video group",
    {
      action: "on",
      channel: "<#C123ABC|call-health>",
      filter: { mediaTypes: ["video"], callTypes: ["group"] },
    },
  ],
  ["digest off", { action: "off" }],
  ["digest off in #ops", { action: "off", channel: "#ops" }],
  ["digest now", { action: "now" }],
  [
    "digest now failed",
    {
      action: "now",
      filter: { results: ["cancel", "reject", "not_answer", "call_busy", "interrupt", "offline"] },
    },
  ],
  ["日报", { action: "show", lang: "zh" }],
  ["日报 开启 9点", { action: "on", at: { hour: 9, minute: 0 }, lang: "zh" }],
  ["日报 开启 下午6点半", { action: "on", at: { hour: 18, minute: 30 } }],
  ["日报 开启 九点", { action: "on", at: { hour: 9, minute: 0 } }],
  ["日报 关闭", { action: "off", lang: "zh" }],
  ["日报 取消订阅", { action: "off", filter: { results: [] } }],
  ["日报 现在", { action: "now" }],
  ["日报 开启 视频", { action: "on", filter: { mediaTypes: ["video"] } }],
] as const)("%s", (text, expected) => {
  const command = run(text) as DigestCommand;
  expect(command.kind, JSON.stringify(command)).toBe("digest");
  expect(command).toMatchObject(expected);
  if (!("at" in expected)) expect(command.at).toBeUndefined();
  if (!("channel" in expected)) expect(command.channel).toBeUndefined();
});

it.each([
  ["digest on at 25:00", /not a time of day/],
  ["digest on off", /one of on, off/],
  ["digest on yesterday", /"yesterday".*previous day/],
  ["日报 开启 昨天", /“昨天”.*前一天/],
  ["digest on vidoe", /Did you mean "video"/],
])("%s is refused with a reason", (text, message) => {
  const error = run(text) as ParseError;
  expect(error.kind).toBe("error");
  expect(error.message).toMatch(message);
});

it("a digest filter word with two readings is refused with both readings named, not guessed", () => {
  for (const [text, pattern] of [
    ["digest on hung up", /cancelled.*rejected/],
    ["日报 开启 挂断", /取消.*拒接/],
  ] as const) {
    const result = run(text);
    expect(result.kind).toBe("error");
    if (result.kind === "error") expect(result.message).toMatch(pattern);
  }
});
