import { describe, expect, it } from "vitest";
import { ALERT_KEYWORD, parseAlert } from "../../src/alerts/grammar.js";
import type { AlertCommand } from "../../src/alerts/types.js";
import { alertCommandSchema } from "../../src/alerts/types.js";
import type { Lang } from "../../src/query/types.js";
import { FAILED_RESULTS } from "../../src/query/vocabulary.js";

const lang = (text: string): Lang => (/[\u3400-\u9fff]/.test(text) ? "zh" : "en");
const run = (text: string) => parseAlert(text, lang(text));

type Partial = Record<string, unknown>;

const rules: [string, Partial][] = [
  // Thresholds: a share, a count.
  [
    "alert on failed > 20% over 15m",
    {
      action: "on",
      condition: { kind: "percent", above: 20, windowMinutes: 15 },
      filter: { results: [...FAILED_RESULTS] },
    },
  ],
  [
    "alert on interrupted > 30 calls over 10m",
    {
      action: "on",
      condition: { kind: "count", above: 30, windowMinutes: 10 },
      filter: { results: ["interrupt"] },
    },
  ],
  [
    "alert on failed video calls >= 12.5% in the last 2 hours",
    {
      condition: { kind: "percent", above: 12.5, windowMinutes: 120 },
      filter: { results: [...FAILED_RESULTS], mediaTypes: ["video"] },
    },
  ],
  [
    "alert on interrupted calls from 10086 > 5 calls over 30 min",
    {
      condition: { kind: "count", above: 5, windowMinutes: 30 },
      filter: { results: ["interrupt"], users: { caller: ["10086"], callee: [], either: [] } },
    },
  ],
  [
    "alert on rejected group calls more than 40 percent within 1h",
    {
      condition: { kind: "percent", above: 40, windowMinutes: 60 },
      filter: { results: ["reject"], callTypes: ["group"] },
    },
  ],
  ["alert failed > 20% over 15m", { action: "on" }],
  // Baselines.
  [
    "alert on interrupted unusual",
    {
      condition: { kind: "baseline", windowMinutes: 60, minVolume: 20, days: 7 },
      filter: { results: ["interrupt"] },
    },
  ],
  [
    "alerts on interrupted video calls unusual over 30m min 50 calls",
    {
      condition: { kind: "baseline", windowMinutes: 30, minVolume: 50, days: 7 },
      filter: { results: ["interrupt"], mediaTypes: ["video"] },
    },
  ],
  // Chinese.
  [
    "告警 失败 > 20% 15分钟",
    {
      action: "on",
      condition: { kind: "percent", above: 20, windowMinutes: 15 },
      filter: { results: [...FAILED_RESULTS] },
      lang: "zh",
    },
  ],
  [
    "告警 开启 中断 超过 30 通 10分钟",
    {
      condition: { kind: "count", above: 30, windowMinutes: 10 },
      filter: { results: ["interrupt"] },
    },
  ],
  [
    "告警 视频 中断 大于 15% 最近半小时",
    {
      condition: { kind: "percent", above: 15, windowMinutes: 30 },
      filter: { results: ["interrupt"], mediaTypes: ["video"] },
    },
  ],
  [
    "告警 中断 反常",
    { condition: { kind: "baseline", windowMinutes: 60, minVolume: 20, days: 7 }, lang: "zh" },
  ],
  [
    "告警 群组 中断 比平时高 两小时 至少 30 通",
    {
      condition: { kind: "baseline", windowMinutes: 120, minVolume: 30, days: 7 },
      filter: { results: ["interrupt"], callTypes: ["group"] },
    },
  ],
  // The other actions.
  ["alert", { action: "list" }],
  ["alerts list", { action: "list" }],
  ["告警", { action: "list", lang: "zh" }],
  ["告警 列表", { action: "list" }],
  ["alert off 2", { action: "off", rule: 2 }],
  ["alert remove #3", { action: "off", rule: 3 }],
  ["alert show 4", { action: "show", rule: 4 }],
  ["alert 4", { action: "show", rule: 4 }],
  ["alert mute 2 1h", { action: "mute", rule: 2, mute: { minutes: 60 } }],
  ["alert mute rule 2 for 90 minutes", { action: "mute", rule: 2, mute: { minutes: 90 } }],
  ["alert mute 2 until tomorrow", { action: "mute", rule: 2, mute: { untilTomorrow: true } }],
  ["告警 关闭 2", { action: "off", rule: 2, lang: "zh" }],
  ["告警 删除 第3条", { action: "off", rule: 3 }],
  ["告警 查看 规则 4", { action: "show", rule: 4 }],
  ["告警 静音 2 1小时", { action: "mute", rule: 2, mute: { minutes: 60 } }],
  ["告警 静音 2 到明天", { action: "mute", rule: 2, mute: { untilTomorrow: true } }],
];

const errors: [string, RegExp][] = [
  ["alert on failed > 20%", /over how long/],
  ["alert on failed over 15m", /when to alert/],
  ["alert on failed > 20 over 15m", /share or a number of calls/],
  ["alert on video > 20% over 15m", /share needs the calls it counts/],
  ["alert on failed > 120% over 15m", /between 0% and 100%/],
  ["alert on failed > 20% over 0m", /not a window I can watch/],
  ["alert on failed > 20% over 48h", /not a window I can watch/],
  ["alert on failed > 20% over 15m over 30m", /one window/],
  ["alert on failed > 20% unusual over 15m", /one condition/],
  ["alert on video unusual", /which calls are unusual/],
  ["alert on failed > 20% over 15m banana", /did not understand "banana"/],
  ["alert on hung up > 20% over 15m", /cancelled .* or rejected/],
  ["alert on failed > 20% over 15m min 5", /minimum volume goes with "unusual"/],
  ["alert on failed > 2.5 calls over 15m", /whole number/],
  ["alert off", /which rule by its number/],
  ["alert mute 2", /how long to mute/],
  ["alert mute 2 30 days", /which rule by its number/],
  ["alert banana", /did not understand "banana"/],
  ["alert mute 2 20000m", /1 minute to 7 days/],
  ["alert off 2 on", /one of on, off/],
  ["alert list 3", /did not understand "3"/],
  ["告警 失败 > 20%", /请说明时间窗口/],
  ["告警 失败 15分钟", /请说明何时告警/],
  ["告警 关闭", /请用编号说明/],
  ["告警 静音 2", /请说明静音多久/],
  ["告警 失败 > 20% 15分钟 香蕉", /我没看懂告警规则中的 “香蕉”/],
  ["告警 视频 反常", /哪类通话反常/],
];

describe("alert grammar", () => {
  it.each(rules)("%s", (text, expected) => {
    const command = run(text);
    expect(command).toMatchObject({ kind: "alert", ...expected });
    // What the grammar produces is what the store and button values will parse again.
    expect(alertCommandSchema.parse(command)).toEqual(command);
  });

  it.each(errors)("%s → a clear answer with an example", (text, message) => {
    const answer = run(text);
    expect(answer.kind).toBe("error");
    if (answer.kind !== "error") return;
    expect(answer.message).toMatch(message);
    expect(answer.lang).toBe(lang(text));
    expect(answer.examples.length).toBe(2);
    expect(answer.examples[0]).toMatch(lang(text) === "zh" ? /告警/ : /alert/);
  });

  it.each([
    ["alert on failed > 20% over 15m", true],
    ["alerts", true],
    ["告警 失败", true],
    ["警报", true],
    ["failed calls alerting", false],
    ["alertness", false],
  ])("the keyword starts %s: %s", (text, yes) => {
    expect(ALERT_KEYWORD.test(text)).toBe(yes);
  });

  it("keeps the filter words apart from the rule's own numbers", () => {
    const command = run("alert on interrupted calls to 10086 > 3 calls over 5m") as AlertCommand;
    expect(command).toMatchObject({
      condition: { kind: "count", above: 3, windowMinutes: 5 },
      filter: { users: { callee: ["10086"] } },
    });
  });
});
