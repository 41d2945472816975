import { formatFigure } from "../../alerts/describe.js";
import { isFailedResult } from "../../callkit/schemas.js";
import type { DigestAlert } from "../../digest/day-alerts.js";
import type { CallFilter, Lang, SearchQuery } from "../../query/types.js";
import type { DigestReport, ResultCounts } from "../../report/digest.js";
import { weekdayDate } from "../../time/calendar.js";
import { formatDuration } from "../../time/format.js";
import { encodeButtonValue } from "../button-value.js";
import { DIGEST_TEXT } from "../copy.js";
import { formatRatio, formatShare, slackDate } from "./format.js";
import {
  actions,
  type ButtonSpec,
  code,
  context,
  enforceLimits,
  escapeMrkdwn,
  fieldsSection,
  header,
  type KnownBlock,
  LIMITS,
  type SlackMessage,
  section,
  truncate,
} from "./limits.js";
import { kindLabel, resultIcon, resultLabel } from "./text.js";

/**
 * The daily digest as Block Kit. Pure: the figures in, a message out. Its buttons carry the same
 * value as a search's "Next page" (src/slack/button-value.ts), so a click opens that day's failed
 * or interrupted calls in the normal paged search.
 */

export interface DigestRenderContext {
  lang: Lang;
  /** The subscription's filter: the buttons search within it. */
  filter: CallFilter;
  /** "rejected · group · video calls"; absent for an unfiltered digest. */
  filterDescription?: string;
  /** The day's zone, for the alerts' times (default the report's). */
  timeZone?: string;
  /** The channel's alerts of the day (absent: alerts are off; empty: none, said nothing). */
  alerts?: DigestAlert[];
}

/** Clicks open the paged search in a new ephemeral message (one button per actions block: ids repeat). */
export const DIGEST_BUTTON_ACTION_ID = "digest_open";
/** The text chart's block: an uploaded picture of the same hours takes its place. */
export const PER_HOUR_BLOCK_ID = "per_hour";
const BAR_WIDTH = 20;
const SEARCH_PAGE_SIZE = 20;

/** "▲ 12", "▼ 3", "= 0"; nothing when the day before is unknown. */
export function change(now: number, before: number | undefined): string {
  if (before === undefined) return "";
  const delta = now - before;
  if (delta > 0) return `▲ ${delta}`;
  if (delta < 0) return `▼ ${-delta}`;
  return "= 0";
}

/** Change of a share in percentage points: "▲ 2.5 pt". */
function changePoints(now: number | undefined, before: number | undefined): string {
  if (now === undefined || before === undefined) return "";
  const points = Math.round((now - before) * 1000) / 10;
  if (points > 0) return `▲ ${points} pt`;
  if (points < 0) return `▼ ${-points} pt`;
  return "= 0 pt";
}

function answerRateOf(counts: ResultCounts | undefined): number | undefined {
  if (!counts || counts.total === 0) return undefined;
  return (counts.answered ?? counts.byResult.normal_end ?? 0) / counts.total;
}

/** "▲ 12%", "▼ <1%", "= 0%"; "0 → 12" when there was nothing to take a percentage of. */
export function percentChange(now: number, before: number): string {
  if (before === 0) return now === 0 ? "= 0%" : `0 → ${now}`;
  const delta = now - before;
  if (delta === 0) return "= 0%";
  const percent = Math.round((Math.abs(delta) / before) * 100);
  return `${delta > 0 ? "▲" : "▼"} ${percent === 0 ? "<1" : percent}%`;
}

/** "vs Mon 26 Oct: ▲ 12% calls, answer rate ▼ 2 pt, ▼ 8% failed"; undefined without last week. */
export function weekOverWeekLine(report: DigestReport, lang: Lang): string | undefined {
  const week = report.weekAgo;
  if (!week) return undefined;
  const t = DIGEST_TEXT[lang];
  let failedBefore = 0;
  for (const [result, count] of Object.entries(week.counts.byResult)) {
    if (isFailedResult(result)) failedBefore += count;
  }
  const parts = [t.weekCalls(percentChange(report.summary.total, week.counts.total))];
  const rate = changePoints(report.summary.answerRate, answerRateOf(week.counts));
  if (rate) parts.push(t.weekRate(rate));
  parts.push(t.weekFailed(percentChange(report.failed, failedBefore)));
  return `${t.vsWeekAgo(weekdayDate(week.day.localDate, lang))}${parts.join(t.listSeparator)}`;
}

/** One line per hour: "09:00 ██████▌ 123". */
export function barChart(labels: readonly string[], counts: readonly number[]): string {
  const max = Math.max(1, ...counts);
  const width = Math.max(...labels.map((l) => l.length));
  const eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
  return labels
    .map((label, index) => {
      const count = counts[index] ?? 0;
      const units = Math.round((count / max) * BAR_WIDTH * 8);
      const bar = "█".repeat(Math.floor(units / 8)) + (eighths[units % 8] ?? "");
      return `${label.padEnd(width)} ${bar.padEnd(BAR_WIDTH + 1)}${count}`;
    })
    .join("\n");
}

function searchButton(
  report: DigestReport,
  context: DigestRenderContext,
  results: string[],
  text: string,
): ButtonSpec | undefined {
  const wanted =
    context.filter.results.length > 0
      ? results.filter((r) => context.filter.results.includes(r))
      : results;
  if (wanted.length === 0) return undefined;
  const query: SearchQuery = {
    kind: "search",
    ...context.filter,
    results: wanted,
    window: { startTs: report.day.startTs, endTs: report.day.endTs },
    defaultWindow: false,
    pageSize: SEARCH_PAGE_SIZE,
    lang: context.lang,
  };
  return {
    actionId: DIGEST_BUTTON_ACTION_ID,
    text,
    value: encodeButtonValue({ kind: "page", query, pageIndex: 0 }),
  };
}

export function renderDigest(report: DigestReport, context: DigestRenderContext): SlackMessage {
  const t = DIGEST_TEXT[context.lang];
  const { summary, previous, day } = report;
  const scope = context.filterDescription ? escapeMrkdwn(context.filterDescription) : undefined;
  const blocks: KnownBlock[] = [header(t.title(day.localDate)), note(t.scope(day.timeZone, scope))];
  const weekLine = weekOverWeekLine(report, context.lang);

  if (summary.total === 0) {
    const sayNone = t.noCalls(day.localDate, day.timeZone);
    const before = previous ? `${t.vsDayBefore}: ${change(0, previous.total)}` : undefined;
    blocks.push(section(sayNone));
    if (before) blocks.push(note(before));
    if (weekLine) blocks.push(note(weekLine));
    blocks.push(...alertsBlock(context, day.timeZone));
    return enforceLimits({ text: sayNone, blocks });
  }

  const rate = summary.answerRate;
  blocks.push(
    fieldsSection([
      `*${t.total}*\n${summary.total} ${change(summary.total, previous?.total)}`.trim(),
      `*${t.answerRate}*\n${formatRatio(rate)} ${changePoints(rate, answerRateOf(previous))}`.trim(),
      `*${t.medianTalk}*\n${summary.medianTalkSeconds === undefined ? "–" : formatDuration(summary.medianTalkSeconds, context.lang)}`,
      `*${t.p90Talk}*\n${summary.p90TalkSeconds === undefined ? "–" : formatDuration(summary.p90TalkSeconds, context.lang)}`,
    ]),
  );
  if (weekLine) blocks.push(note(weekLine));

  const results = Object.entries(summary.byResult).sort(
    (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
  );
  const resultLines = results.map(([result, count]) => {
    const before = previous ? (previous.byResult[result] ?? 0) : undefined;
    const label = escapeMrkdwn(truncate(resultLabel(result, context.lang), 60));
    return `${resultIcon(result)} ${label}: *${count}* (${formatShare(count, summary.total)}) ${change(count, before)}`.trimEnd();
  });
  blocks.push(
    section(
      `*${t.byResult}*${previous ? ` (${t.vsDayBefore})` : ""}\n${fitLines(resultLines, 2500)}`,
    ),
  );

  const split = (counts: Record<string, number>) =>
    Object.entries(counts)
      .sort((a, b) => b[1] - a[1])
      .map(
        ([kind, count]) =>
          `${escapeMrkdwn(truncate(kindLabel(kind, context.lang), 40))} ${count} (${formatShare(count, summary.total)})`,
      )
      .join(" · ");
  blocks.push(
    section(
      `*${t.split}*\n${truncate(split(summary.byCallType), 1200)}\n${truncate(split(summary.byMedia), 1200)}`,
    ),
  );

  if (report.busiestHour) {
    blocks.push(section(t.busiest(report.busiestHour.slot.label, report.busiestHour.count)));
  }
  blocks.push({
    ...section(
      `*${t.perHour}*\n\`\`\`\n${barChart(
        day.hours.map((h) => h.label),
        report.perHour,
      )}\n\`\`\``,
    ),
    block_id: PER_HOUR_BLOCK_ID,
  });

  if (report.topFailedCallers.length > 0) {
    const lines = report.topFailedCallers.map(
      (entry, index) =>
        `${index + 1}. ${code(truncate(entry.caller, 80))} · ${t.failedCount(entry.count)}`,
    );
    blocks.push(section(`*${t.topFailed}*\n${lines.join("\n")}`));
  }

  blocks.push(...alertsBlock(context, day.timeZone));

  const failedButton =
    report.failed > 0
      ? searchButton(report, context, report.failedResults, t.failedButton(report.failed))
      : undefined;
  const interruptedButton =
    report.interrupted > 0
      ? searchButton(report, context, ["interrupt"], t.interruptedButton(report.interrupted))
      : undefined;
  // Slack wants action ids unique within a block: each button gets its own actions block.
  for (const spec of [failedButton, interruptedButton]) {
    if (spec) blocks.push(...actions([spec]));
  }

  const text = `${t.title(day.localDate)}: ${summary.total} · ${t.answerRate} ${formatRatio(rate)}`;
  return enforceLimits({ text, blocks });
}

function note(text: string): KnownBlock {
  return context(text);
}

/** Lines joined until they would pass `max` characters (there are few results; this is a guard). */
function fitLines(lines: readonly string[], max: number): string {
  const kept: string[] = [];
  let length = 0;
  for (const line of lines) {
    if (length + line.length + 1 > max) break;
    kept.push(line);
    length += line.length + 1;
  }
  const left = lines.length - kept.length;
  return left > 0 ? `${kept.join("\n")}\n… +${left}` : kept.join("\n");
}

/**
 * The digest with the uploaded chart (an `image` block naming the file by `slack_file.id`) in
 * place of the text chart; the blocks are otherwise the same.
 */
export function digestBlocksWithImage(
  blocks: readonly KnownBlock[],
  image: { fileId: string; altText: string; lang: Lang },
): KnownBlock[] {
  const t = DIGEST_TEXT[image.lang];
  return blocks.map((block) =>
    block.block_id === PER_HOUR_BLOCK_ID
      ? {
          type: "image",
          block_id: PER_HOUR_BLOCK_ID,
          slack_file: { id: image.fileId },
          alt_text: truncate(image.altText, LIMITS.imageAltText),
          title: { type: "plain_text", text: truncate(t.perHour, LIMITS.imageTitle) },
        }
      : block,
  );
}

/** Yesterday's alerts, one line each, in the order they opened. */
function alertsBlock(context: DigestRenderContext, dayZone: string): KnownBlock[] {
  const alerts = context.alerts ?? [];
  if (alerts.length === 0) return [];
  const t = DIGEST_TEXT[context.lang];
  const zone = context.timeZone ?? dayZone;
  const at = (d: Date) => slackDate(Math.floor(d.getTime() / 1000), zone, context.lang);
  const lines = alerts.map((a) => {
    const to = a.resolvedAt ? at(a.resolvedAt) : t.alertOngoing;
    if (a.ruleNumber === 0) return t.outageLine(at(a.openedAt), to);
    return t.alertLine(
      a.ruleNumber,
      escapeMrkdwn(truncate(a.rule, 200)),
      at(a.openedAt),
      to,
      formatFigure(a.peak, a.unit, context.lang),
    );
  });
  return [section(`*${t.alertsTitle(alerts.length)}*\n${fitLines(lines, 2800)}`)];
}
