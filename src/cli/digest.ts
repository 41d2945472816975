import { isFailedResult } from "../callkit/schemas.js";
import type { RecordSource } from "../callkit/source.js";
import { readDigest } from "../digest/read.js";
import { everyCall } from "../query/filter.js";
import type { CallFilter } from "../query/types.js";
import { API_REACH_SECONDS } from "../query/window.js";
import { type DigestReport, digestDay } from "../report/digest.js";
import { addDays, localDateOf } from "../time/calendar.js";
import { compactDuration } from "../time/format.js";
import type { Style } from "./ansi.js";
import { UsageError } from "./args.js";
import { printableLine } from "./printable.js";

/**
 * `callscope digest --date D`: the daily digest's figures for one local day, from the same
 * reader as the Slack digest, with the day before for the ▲/▼ comparison. Both days are read in
 * one scan (the day before, then the day), each record counted for its own day.
 */

const EVERY_CALL: CallFilter = everyCall();

export function resolveDigestDate(date: string, now: Date, timeZone: string): string {
  const today = localDateOf(now, timeZone);
  if (date === "today") return today;
  if (date === "yesterday") return addDays(today, -1);
  if (/^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    if (addDays(date, 0) !== date) throw new UsageError(`--date ${date} is not a calendar day`);
    if (date > today) throw new UsageError(`--date ${date} is in the future`);
    return date;
  }
  throw new UsageError("--date must be yesterday, today or YYYY-MM-DD");
}

export async function runDigest(
  source: RecordSource,
  options: { date: string; now: Date; timeZone: string; signal?: AbortSignal },
): Promise<DigestReport> {
  const localDate = resolveDigestDate(options.date, options.now, options.timeZone);
  const day = digestDay(localDate, options.timeZone);
  const oldest = Math.floor(options.now.getTime() / 1000) - API_REACH_SECONDS;
  if (day.endTs <= oldest) {
    throw new UsageError(
      `${localDate} is older than the 7 days the vendor keeps: ask a day from ${localDateOf(new Date(oldest * 1000), options.timeZone)} on`,
    );
  }
  const before = digestDay(addDays(localDate, -1), options.timeZone);
  // The day before is only compared when the vendor still has all of it.
  const compare = before.startTs >= oldest;
  const end = Math.min(day.endTs, Math.ceil(options.now.getTime() / 1000));
  const readable = {
    startTs: compare ? before.startTs : Math.max(day.startTs, oldest),
    endTs: Math.max(end, day.startTs + 1),
  };
  return readDigest(
    source,
    { day, filter: EVERY_CALL, readable, ...(compare ? { dayBefore: before } : {}) },
    options.signal ? { signal: options.signal } : {},
  );
}

export function formatDigestText(report: DigestReport, style: Style): string {
  const { summary, day } = report;
  const lines = [style.bold(`Digest for ${day.localDate} (${day.timeZone})`), ""];
  const change = (now: number, before: number | undefined) => {
    if (before === undefined) return "";
    if (now === before) return style.dim("  = same as the day before");
    const arrow = now > before ? "▲" : "▼";
    return style.dim(`  ${arrow} ${Math.abs(now - before)} vs ${before} the day before`);
  };
  const previousFailed =
    report.previous &&
    Object.entries(report.previous.byResult)
      .filter(([result]) => isFailedResult(result))
      .reduce((sum, [, n]) => sum + n, 0);
  const rate = summary.answerRate === undefined ? "-" : `${(summary.answerRate * 100).toFixed(1)}%`;
  lines.push(
    `${style.bold("Calls")}         ${summary.total}${change(summary.total, report.previous?.total)}`,
  );
  lines.push(`${style.bold("Answered")}      ${summary.answered} (${rate})`);
  lines.push(
    `${style.bold("Failed")}        ${report.failed}${change(report.failed, previousFailed)}`,
  );
  lines.push(`${style.bold("Interrupted")}   ${report.interrupted}`);
  lines.push(
    `${style.bold("Talk time")}     median ${compactDuration(summary.medianTalkSeconds)}, p90 ${compactDuration(summary.p90TalkSeconds)}`,
  );
  if (report.busiestHour) {
    lines.push(
      `${style.bold("Busiest hour")}  ${report.busiestHour.slot.label} (${report.busiestHour.count} calls)`,
    );
  }
  const results = Object.entries(summary.byResult).sort(([, a], [, b]) => b - a);
  if (results.length > 0) {
    lines.push("", style.bold("By result"));
    for (const [result, n] of results)
      lines.push(`  ${printableLine(result).padEnd(12)} ${String(n).padStart(6)}`);
  }
  if (report.topFailedCallers.length > 0) {
    lines.push("", style.bold("Callers with the most failed calls"));
    for (const { caller, count } of report.topFailedCallers) {
      lines.push(`  ${printableLine(caller).padEnd(24)} ${String(count).padStart(6)}`);
    }
  }
  const most = Math.max(1, ...report.perHour);
  lines.push("", style.bold("Calls per hour"));
  report.perHour.forEach((count, index) => {
    const label = day.hours[index]?.label ?? "";
    lines.push(
      `  ${label.padEnd(9)} ${String(count).padStart(6)}  ${"#".repeat(Math.round((count / most) * 40))}`,
    );
  });
  return lines.join("\n");
}
