import { describe, expect, it } from "vitest";
import { measure } from "../../../src/alerts/evaluate.js";
import type { AlertView } from "../../../src/alerts/view.js";
import type { AlertCondition } from "../../../src/query/alert-rule.js";
import type { DigestReport } from "../../../src/report/digest.js";
import { digestDay } from "../../../src/report/digest.js";
import { decodeMuteButton } from "../../../src/slack/alert-button.js";
import {
  renderAlert,
  renderAlertResolvedTop,
  renderAlertUpdate,
  renderBlind,
} from "../../../src/slack/blocks/alert.js";
import { renderDigest } from "../../../src/slack/blocks/digest.js";
import { limitViolations } from "../../../src/slack/blocks/limits.js";
import { decodeButtonValue } from "../../../src/slack/button-value.js";
import type { AlertRule } from "../../../src/store/alerts.js";

const AS_OF = new Date("2026-03-05T06:30:00Z");
const filter = {
  results: ["interrupt"],
  callTypes: [],
  mediaTypes: [],
  users: { caller: [], callee: [], either: [] },
};

function view(
  lang: "en" | "zh",
  condition: AlertCondition,
  overrides: Partial<AlertView> = {},
): AlertView {
  const rule: AlertRule = {
    channelId: "C1",
    number: 3,
    filter,
    condition,
    lang,
    timeZone: "Asia/Shanghai",
    createdBy: "U1",
    createdAt: AS_OF,
    mutedUntil: undefined,
  };
  const base = condition.kind === "baseline" ? { total: 2000, matched: 40 } : undefined;
  const figure = measure(condition, { total: 120, matched: 42 }, base);
  const end = Math.floor(AS_OF.getTime() / 1000);
  return {
    rule,
    figure,
    openedAt: new Date(AS_OF.getTime() - 20 * 60_000),
    peak: 45,
    peakAt: AS_OF,
    asOf: AS_OF,
    series: [
      { startTs: end - 900 * 2, total: 30, matched: 20 },
      { startTs: end - 900, total: 35, matched: 25 },
    ],
    bucketMinutes: 15,
    chartHours: 6,
    top: { callers: [["user_1", 9]], callees: [["user_2", 7]], callIds: ["abc-1", "abc-2"] },
    ...overrides,
  };
}

const count: AlertCondition = { kind: "count", above: 30, windowMinutes: 15 };
const percent: AlertCondition = { kind: "percent", above: 20, windowMinutes: 15 };
const baseline: AlertCondition = { kind: "baseline", windowMinutes: 60, minVolume: 20, days: 7 };

describe("alert message", () => {
  it.each([
    [
      "en",
      count,
      /Alert #3: interrupted calls > 30 calls over 15 min/,
      /42 calls\* in the last 15 min, over the rule's \*30 calls/,
    ],
    [
      "en",
      percent,
      /> 20% over 15 min/,
      /35\.0%\* in the last 15 min, over the rule's \*20\.0%\*.*42 of 120 calls/,
    ],
    [
      "en",
      baseline,
      /unusual over 1 hour/,
      /35\.0%\* in the last 1 hour; usually \*2\.0%\* at this hour/,
    ],
    [
      "zh",
      count,
      /告警 #3：中断通话 > 30 通（15分钟）/,
      /最近15分钟为 \*42 通\*，超过规则的 \*30 通\*/,
    ],
    ["zh", baseline, /反常/, /过去 7 天同一时段通常为 \*2\.0%\*/],
  ] as const)("%s %o", (lang, condition, title, line) => {
    const message = renderAlert(view(lang, condition));
    const json = JSON.stringify(message.blocks);
    expect(message.text).toMatch(title);
    expect(json).toMatch(line);
    expect(limitViolations(message)).toEqual([]);
    // A text chart of the last hours, the top ids, and three buttons.
    expect(json).toMatch(/```/);
    expect(json).toMatch(/`user_1` ×9/);
    expect(json).toMatch(/`abc-1`/);
    const buttons = message.blocks.flatMap((b) =>
      (b as { type: string }).type === "actions"
        ? (b as { elements: { action_id: string; value: string }[] }).elements
        : [],
    );
    expect(buttons.map((b) => b.action_id)).toEqual([
      "alert_show_calls",
      "alert_mute",
      "alert_mute_tomorrow",
    ]);
    const show = decodeButtonValue(buttons[0]?.value, { now: AS_OF });
    expect(show.ok && show.payload.kind === "page" && show.payload.query.results).toEqual([
      "interrupt",
    ]);
    expect(decodeMuteButton(buttons[1]?.value)).toEqual({ rule: 3, mute: { minutes: 60 } });
    expect(decodeMuteButton(buttons[2]?.value)).toEqual({ rule: 3, mute: { untilTomorrow: true } });
  });

  it("shows an uploaded chart instead of the text one when given", () => {
    const message = renderAlert(view("en", count), {
      chart: { slackFileId: "F0CHART", altText: "interrupted calls, last 6 hours" },
    });
    const json = JSON.stringify(message.blocks);
    expect(json).toContain('"slack_file":{"id":"F0CHART"}');
    expect(json).not.toMatch(/```/);
  });

  it("stays within Slack's limits with long ids and mrkdwn in them", () => {
    const long = "<!channel>*x*".repeat(40);
    const message = renderAlert(
      view("en", count, {
        top: {
          callers: [
            [long, 1],
            [long, 2],
            [long, 3],
          ],
          callees: [[long, 1]],
          callIds: Array.from({ length: 5 }, () => long),
        },
      }),
    );
    expect(limitViolations(message)).toEqual([]);
    expect(JSON.stringify(message.blocks)).not.toContain("<!channel>");
  });

  it("says still bad with the peak, and resolved with how long", () => {
    expect(
      renderAlertUpdate(view("en", count, { openedAt: new Date(AS_OF.getTime() - 31 * 60_000) }))
        .text,
    ).toMatch(/Still over after 31 min: 42 calls now, peak 45 calls/);
    expect(renderAlertResolvedTop(view("zh", count, { resolvedAt: AS_OF })).text).toMatch(
      /已恢复 · 告警 #3.*峰值 45 通 · 持续 20 分钟/,
    );
  });

  it("an outage notice is not an alert", () => {
    const notice = renderBlind({
      lang: "en",
      timeZone: "UTC",
      since: AS_OF,
      lastSeen: new Date(AS_OF.getTime() - 15 * 60_000),
    });
    expect(notice.text).toMatch(/callscope cannot see calls right now/);
    expect(notice.text).toMatch(/not an alert about calls/);
    expect(
      renderBlind({ lang: "zh", timeZone: "UTC", since: AS_OF, lastSeen: undefined }).text,
    ).toMatch(/callscope 暂时看不到通话/);
  });
});

describe("the digest lists the day's alerts", () => {
  const day = digestDay("2026-03-04", "Asia/Shanghai");
  const report = {
    day,
    summary: { total: 0, byResult: {}, byCallType: {}, byMedia: {} },
    perHour: day.hours.map(() => 0),
    topFailedCallers: [],
    failed: 0,
    interrupted: 0,
    failedResults: [],
  } as unknown as DigestReport;
  it.each([
    [
      "en",
      /Alerts \(2\)/,
      /#1 interrupted calls &gt; 30 calls over 15 min · .* → .* · peak 45 calls/,
      /callscope could not see calls · .* → still open/,
    ],
    [
      "zh",
      /告警（2 次）/,
      /#1 interrupted calls &gt; 30 calls over 15 min · .* · 峰值 45 通/,
      /callscope 看不到通话 · .* → 仍在持续/,
    ],
  ] as const)("%s", (lang, title, alertLine, outageLine) => {
    const message = renderDigest(report, {
      lang,
      filter: { ...filter, results: [] },
      alerts: [
        {
          ruleNumber: 1,
          rule: "interrupted calls > 30 calls over 15 min",
          openedAt: new Date(day.startTs * 1000 + 3600_000),
          resolvedAt: new Date(day.startTs * 1000 + 5400_000),
          peak: 45,
          unit: "count",
        },
        {
          ruleNumber: 0,
          rule: "",
          openedAt: new Date(day.startTs * 1000 + 7200_000),
          peak: 0,
          unit: "count",
        },
      ],
    });
    const json = JSON.stringify(message.blocks);
    expect(json).toMatch(title);
    expect(json).toMatch(alertLine);
    expect(json).toMatch(outageLine);
  });

  it("says nothing of alerts on a day without any", () => {
    const json = JSON.stringify(renderDigest(report, { lang: "en", filter, alerts: [] }).blocks);
    expect(json).not.toMatch(/Alerts/);
  });
});
