import type { CallRecord } from "../callkit/schemas.js";
import { answerSeconds, talkSeconds } from "../callkit/schemas.js";
import type { LookupResult, SearchResult } from "../records/types.js";
import type { Summary } from "../report/summary.js";
import { compactDuration, isoLocalTime } from "../time/format.js";
import type { Style } from "./ansi.js";
import { printableLine as p } from "./printable.js";
import { type Column, textTable } from "./table.js";

/**
 * Search and lookup results as text for people at a terminal: the same figures as the Slack
 * reply (they come from the same SearchResult), laid out as tables. Full callIds, so they can be
 * copied into `callscope <callId>`.
 */

export interface TextContext {
  timeZone: string;
  style: Style;
  /** What was understood, from the query language's describe(). */
  description: string;
  /** The command that shows the next page, when there is one. */
  nextPageCommand?: string;
}

export function formatSearchText(result: SearchResult, context: TextContext): string {
  const { style, timeZone } = context;
  const { summary, query } = result;
  const lines: string[] = [style.bold(p(context.description))];
  lines.push(
    style.dim(
      `Calls started between ${isoLocalTime(query.window.startTs, timeZone)} and ${isoLocalTime(query.window.endTs, timeZone)} (${timeZone})`,
    ),
  );
  if (query.window.requestedStartTs !== undefined) {
    lines.push(style.dim("The vendor keeps only the last 7 days: the start was moved up to that."));
  }
  if (result.skipped) {
    const { records, requestIds } = result.skipped;
    lines.push(
      style.dim(
        `${records} record${records === 1 ? "" : "s"} from the vendor did not fit the contract and ${records === 1 ? "was" : "were"} left out (requestId ${requestIds.join(", ") || "-"})`,
      ),
    );
  }
  if (result.source.kind === "archive") {
    lines.push(style.dim(`From the local archive, synced ${result.source.syncedAt.toISOString()}`));
  }
  lines.push("");
  if (summary.total === 0) {
    lines.push("No calls matched.");
    return lines.join("\n");
  }
  lines.push(...formatSummary(summary, style));
  lines.push("");
  lines.push(
    style.bold(
      `Page ${result.pageIndex + 1} of ${result.pageCount}, newest first (${result.page.length} of ${summary.total})`,
    ),
  );
  lines.push(callsTable(result.page, timeZone, style));
  if (context.nextPageCommand && result.pageIndex + 1 < result.pageCount) {
    lines.push("");
    lines.push(style.dim(`Next page: ${context.nextPageCommand}`));
  }
  return lines.join("\n");
}

export function formatSummary(summary: Summary, style: Style): string[] {
  const percent = (n: number) => `${((n / summary.total) * 100).toFixed(1)}%`;
  const counts = (counts: Record<string, number>) =>
    Object.entries(counts)
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
      .map(([key, n]) => `${p(key)} ${n} (${percent(n)})`)
      .join("  ·  ");
  const answerRate =
    summary.answerRate === undefined ? "-" : `${(summary.answerRate * 100).toFixed(1)}%`;
  return [
    `${style.bold("Total")} ${summary.total}   ${style.bold("answered")} ${summary.answered} (${answerRate})   ${style.bold("median talk")} ${compactDuration(summary.medianTalkSeconds)}   ${style.bold("p90 talk")} ${compactDuration(summary.p90TalkSeconds)}`,
    `${style.bold("By result")}  ${counts(summary.byResult)}`,
    `${style.bold("By type")}    ${counts(summary.byCallType)}`,
    `${style.bold("By media")}   ${counts(summary.byMedia)}`,
  ];
}

export function callsTable(records: readonly CallRecord[], timeZone: string, style: Style): string {
  const columns: Column<CallRecord>[] = [
    { title: "START", cell: (r) => isoLocalTime(r.startCallTs, timeZone) },
    { title: "CALL ID", cell: (r) => p(r.callId) },
    { title: "RESULT", cell: (r) => p(r.callResult) },
    { title: "TYPE", cell: (r) => p(r.callType) },
    { title: "MEDIA", cell: (r) => p(r.mediaType) },
    {
      title: "CALLER → CALLEES",
      cell: (r) => p(`${r.caller} → ${r.callees.join(", ") || "-"}`),
    },
    { title: "ANSWER", cell: (r) => compactDuration(answerSeconds(r)), align: "right" },
    { title: "TALK", cell: (r) => compactDuration(talkSeconds(r)), align: "right" },
  ];
  return textTable(records, columns, { header: style.dim });
}

export function formatLookupText(
  result: LookupResult,
  context: { timeZone: string; style: Style },
): string {
  const { style, timeZone } = context;
  const blocks: string[] = [];
  for (const story of result.found) {
    const r = story.record;
    const fields: [string, string][] = [
      ["Call ID", p(r.callId)],
      ["Result", p(r.callResult)],
      ["Type", p(`${r.callType}, ${r.mediaType}`)],
      ["Caller", p(r.caller)],
      ["Callees", p(r.callees.join(", ")) || "-"],
      ["Participants", r.totalUserNumber === undefined ? "-" : String(r.totalUserNumber)],
      ["Room", p(String(r.roomId))],
      ["Started", isoLocalTime(r.startCallTs, timeZone)],
      ["Answered", r.acceptTs && r.acceptTs > 0 ? isoLocalTime(r.acceptTs, timeZone) : "-"],
      ["Ended", r.endTs && r.endTs > 0 ? isoLocalTime(r.endTs, timeZone) : "-"],
      ["Time to answer", compactDuration(answerSeconds(r))],
      ["Talk time", compactDuration(talkSeconds(r))],
      ["SDKAppID", String(r.sdkAppId)],
    ];
    const width = Math.max(...fields.map(([name]) => name.length));
    const lines = [style.bold(`Call ${p(r.callId)}`)];
    for (const [name, value] of fields) lines.push(`  ${style.dim(name.padEnd(width))}  ${value}`);
    lines.push("");
    if (story.around.length === 0) {
      lines.push(style.dim("  No other calls by these users within an hour either side."));
    } else {
      lines.push(
        style.bold(`  The same users' other calls within an hour (${story.around.length})`),
      );
      lines.push(
        callsTable(story.around, timeZone, style)
          .split("\n")
          .map((line) => `  ${line}`)
          .join("\n"),
      );
    }
    blocks.push(lines.join("\n"));
  }
  for (const id of result.notFound) {
    blocks.push(
      `${style.bold(`Call ${p(id)}`)}\n  Not found in the last 7 days. Check the callId, and that it belongs to this SDKAppID and region (TRTC_API_URL).`,
    );
  }
  return blocks.join("\n\n");
}
