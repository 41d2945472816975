import { describeRule, formatFigure, windowWords } from "../../alerts/describe.js";
import type { AlertView, BlindView } from "../../alerts/view.js";
import type { SearchQuery } from "../../query/types.js";
import {
  ALERT_MUTE_ACTION_ID,
  ALERT_MUTE_TOMORROW_ACTION_ID,
  ALERT_SHOW_CALLS_ACTION_ID,
  encodeMuteButton,
} from "../alert-button.js";
import { encodeButtonValue } from "../button-value.js";
import { ALERT_TEXT } from "../copy.js";
import { barChart } from "./digest.js";
import { slackDate } from "./format.js";
import {
  actions,
  code,
  context,
  enforceLimits,
  header,
  type KnownBlock,
  type SlackMessage,
  section,
  truncate,
} from "./limits.js";

/**
 * An alert as Block Kit. Pure: the view in (engine.ts `AlertView`), a message out. The chart is
 * text (the digest's bar chart) unless an uploaded image is given (`chart`: a Slack file id from
 * the charts feature), which is then shown instead.
 */

export interface AlertRenderOptions {
  chart?: { slackFileId: string; altText: string };
}

const SEARCH_PAGE_SIZE = 20;
/** Rows of the text chart at most (Slack's section limit leaves room; 6 h in 15 min is 24). */
const MAX_CHART_ROWS = 48;

function ruleText(view: AlertView): string {
  return describeRule(view.rule, view.rule.lang);
}

function figureLine(view: AlertView): string {
  const t = ALERT_TEXT[view.rule.lang];
  const { figure, rule } = view;
  const lang = rule.lang;
  const window = windowWords(rule.condition.windowMinutes, lang);
  const now = formatFigure(figure.figure, figure.unit, lang);
  const line =
    figure.baseline !== undefined
      ? t.crossedBaseline(now, formatFigure(figure.baseline, "percent", lang), window)
      : t.crossed(now, formatFigure(figure.threshold, figure.unit, lang), window);
  return figure.unit === "percent"
    ? `${line} (${t.ofCalls(figure.now.matched, figure.now.total)})`
    : line;
}

function chartBlock(view: AlertView, options: AlertRenderOptions): KnownBlock {
  const t = ALERT_TEXT[view.rule.lang];
  const hours = view.chartHours;
  if (options.chart) {
    return {
      type: "image",
      slack_file: { id: options.chart.slackFileId },
      alt_text: truncate(options.chart.altText, 2000),
    } as KnownBlock;
  }
  const bucketSec = view.bucketMinutes * 60;
  const end = Math.ceil(view.asOf.getTime() / 1000 / bucketSec) * bucketSec;
  const rows = Math.min(MAX_CHART_ROWS, Math.round((hours * 3600) / bucketSec));
  const byStart = new Map(view.series.map((b) => [b.startTs, b]));
  const labels: string[] = [];
  const counts: number[] = [];
  for (let i = rows; i >= 1; i--) {
    const start = end - i * bucketSec;
    labels.push(localClock(start, view.rule.timeZone));
    counts.push(byStart.get(start)?.matched ?? 0);
  }
  const totals = labels.map((_, i) => byStart.get(end - (rows - i) * bucketSec)?.total ?? 0);
  const chart = barChart(labels, counts)
    .split("\n")
    .map((line, i) => `${line} / ${totals[i] ?? 0}`)
    .join("\n");
  return section(`*${t.chartTitle(hours, view.bucketMinutes)}*\n\`\`\`\n${chart}\n\`\`\``);
}

function localClock(epochSec: number, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(new Date(epochSec * 1000));
  } catch {
    return new Date(epochSec * 1000).toISOString().slice(11, 16);
  }
}

function topBlock(view: AlertView): KnownBlock[] {
  const t = ALERT_TEXT[view.rule.lang];
  const list = (entries: [string, number][]) =>
    entries.map(([id, n]) => `${code(truncate(id, 60))} ×${n}`).join(" · ");
  const lines: string[] = [];
  if (view.top.callers.length > 0) lines.push(`*${t.topCallers}:* ${list(view.top.callers)}`);
  if (view.top.callees.length > 0) lines.push(`*${t.topCallees}:* ${list(view.top.callees)}`);
  if (view.top.callIds.length > 0)
    lines.push(`*${t.callIds}:* ${view.top.callIds.map((id) => code(truncate(id, 80))).join(" ")}`);
  return lines.length > 0 ? [section(lines.join("\n"))] : [];
}

/** The matching search over the alert's window: what Show calls opens. */
export function alertSearch(view: AlertView): SearchQuery {
  const endTs = Math.floor(view.asOf.getTime() / 1000);
  const startTs = Math.min(
    endTs - view.rule.condition.windowMinutes * 60,
    Math.floor(view.openedAt.getTime() / 1000) - view.rule.condition.windowMinutes * 60,
  );
  return {
    kind: "search",
    ...view.rule.filter,
    window: { startTs: Math.max(0, startTs), endTs: endTs + 1 },
    defaultWindow: false,
    pageSize: SEARCH_PAGE_SIZE,
    lang: view.rule.lang,
  };
}

function buttons(view: AlertView): KnownBlock[] {
  const t = ALERT_TEXT[view.rule.lang];
  const rule = view.rule.number;
  return actions([
    {
      actionId: ALERT_SHOW_CALLS_ACTION_ID,
      text: t.showCalls,
      value: encodeButtonValue({ kind: "page", query: alertSearch(view), pageIndex: 0 }),
      style: "primary",
    },
    {
      actionId: ALERT_MUTE_ACTION_ID,
      text: t.mute1h,
      value: encodeMuteButton({ rule, mute: { minutes: 60 } }),
    },
    {
      actionId: ALERT_MUTE_TOMORROW_ACTION_ID,
      text: t.muteTomorrow,
      value: encodeMuteButton({ rule, mute: { untilTomorrow: true } }),
    },
  ]);
}

export function renderAlert(view: AlertView, options: AlertRenderOptions = {}): SlackMessage {
  const t = ALERT_TEXT[view.rule.lang];
  const title = t.title(view.rule.number, ruleText(view));
  const since = t.since(
    slackDate(Math.floor(view.openedAt.getTime() / 1000), view.rule.timeZone, view.rule.lang),
  );
  const blocks: KnownBlock[] = [
    header(title),
    section(figureLine(view)),
    context(since),
    chartBlock(view, options),
    ...topBlock(view),
    ...buttons(view),
  ];
  return enforceLimits({ text: `${title} · ${plain(figureLine(view))}`, blocks });
}

export function renderAlertUpdate(view: AlertView): SlackMessage {
  const t = ALERT_TEXT[view.rule.lang];
  const lang = view.rule.lang;
  const minutes = Math.round((view.asOf.getTime() - view.openedAt.getTime()) / 60_000);
  const line = t.stillBad(
    Math.max(0, minutes),
    formatFigure(view.figure.figure, view.figure.unit, lang),
    formatFigure(view.peak, view.figure.unit, lang),
  );
  return enforceLimits({ text: plain(line), blocks: [section(line), ...topBlock(view)] });
}

function resolvedLine(view: AlertView): string {
  const t = ALERT_TEXT[view.rule.lang];
  const lang = view.rule.lang;
  const at = view.resolvedAt ?? view.asOf;
  const minutes = Math.round((at.getTime() - view.openedAt.getTime()) / 60_000);
  return t.resolved(
    slackDate(Math.floor(at.getTime() / 1000), view.rule.timeZone, lang),
    formatFigure(view.peak, view.figure.unit, lang),
    Math.max(0, minutes),
  );
}

export function renderAlertResolvedTop(view: AlertView): SlackMessage {
  const t = ALERT_TEXT[view.rule.lang];
  const title = t.resolvedTitle(view.rule.number, ruleText(view));
  const line = resolvedLine(view);
  return enforceLimits({
    text: `${title} · ${plain(line)}`,
    blocks: [header(title), section(line), chartBlock(view, {})],
  });
}

export function renderAlertResolvedReply(view: AlertView): SlackMessage {
  const line = resolvedLine(view);
  return enforceLimits({ text: plain(line), blocks: [section(line)] });
}

function when(epochMs: number | undefined, view: BlindView): string {
  if (epochMs === undefined) return ALERT_TEXT[view.lang].blindNever;
  return slackDate(Math.floor(epochMs / 1000), view.timeZone, view.lang);
}

export function renderBlind(view: BlindView): SlackMessage {
  const t = ALERT_TEXT[view.lang];
  const body = t.blindBody(when(view.lastSeen?.getTime(), view));
  return enforceLimits({
    text: `${t.blindTitle} · ${plain(body)}`,
    blocks: [header(t.blindTitle), section(body)],
  });
}

export function renderSeeing(view: BlindView): SlackMessage {
  const t = ALERT_TEXT[view.lang];
  const body = t.seeingBody(
    when(view.since.getTime(), view),
    when(view.seenAgainAt?.getTime(), view),
  );
  return enforceLimits({ text: `${t.seeingTitle} · ${plain(body)}`, blocks: [section(body)] });
}

export function renderBlindTop(view: BlindView): SlackMessage {
  const t = ALERT_TEXT[view.lang];
  const body = t.seeingBody(
    when(view.since.getTime(), view),
    when(view.seenAgainAt?.getTime(), view),
  );
  return enforceLimits({
    text: `${t.seeingTitle} · ${plain(body)}`,
    blocks: [header(t.seeingTitle), section(body)],
  });
}

/** The renderer the engine is given (Slack's). */
export const slackAlertRenderer = {
  alert: (view: AlertView) => renderAlert(view),
  update: renderAlertUpdate,
  resolvedTop: renderAlertResolvedTop,
  resolvedReply: renderAlertResolvedReply,
  blind: renderBlind,
  blindTop: renderBlindTop,
  seeing: renderSeeing,
};

function plain(mrkdwn: string): string {
  return mrkdwn.replace(/\*/g, "").replace(/<!date\^\d+\^[^|]*\|([^>]*)>/g, "$1");
}
