import { formatMoment } from "../time/format.js";
import { callTypeLabel, mediaLabel, resultLabel } from "./results.js";
import type { CallFilter, Lang, SearchQuery } from "./types.js";
import { FAILED_RESULTS } from "./vocabulary.js";

/**
 * One line saying what was understood, echoed in every reply:
 * "rejected · group · video calls, Tue 25 Nov 00:00 – Wed 26 Nov 00:00 (Asia/Shanghai)".
 */
export function describe(query: SearchQuery, timeZone: string, lang: Lang = query.lang): string {
  const { startTs, endTs, requestedStartTs } = query.window;
  const range = `${formatMoment(startTs, timeZone, lang)} – ${formatMoment(endTs, timeZone, lang)}`;
  const filter = describeFilter(query, lang);
  let line =
    lang === "zh" ? `${filter}，${range}（${timeZone}）` : `${filter}, ${range} (${timeZone})`;
  if (query.defaultWindow) {
    line += lang === "zh" ? "，未指定时间：最近24小时" : ", no time given: the last 24 hours";
  }
  if (requestedStartTs !== undefined && requestedStartTs < startTs) {
    const asked = formatMoment(requestedStartTs, timeZone, lang);
    line +=
      lang === "zh"
        ? `（开始时间已从 ${asked} 调整：接口只保留最近7天的记录）`
        : ` (start moved up from ${asked}: the API keeps only the last 7 days)`;
  }
  for (const note of query.notes ?? []) line += lang === "zh" ? `（${note}）` : ` (${note})`;
  return line;
}

/** "rejected · group · video calls from 10086" / "拒接 · 群组 · 视频通话，主叫 10086". */
export function describeFilter(filter: CallFilter, lang: Lang): string {
  const parts: string[] = [];
  const results = [...new Set(filter.results)];
  const isFailedSet =
    results.length === FAILED_RESULTS.length && FAILED_RESULTS.every((r) => results.includes(r));
  if (isFailedSet) parts.push(lang === "zh" ? "失败" : "failed");
  else if (results.length > 0) {
    parts.push(
      results.map((result) => resultLabel(result, lang)).join(lang === "zh" ? "/" : " or "),
    );
  }
  if (filter.callTypes.length === 1) parts.push(callTypeLabel(filter.callTypes[0]!, lang));
  if (filter.mediaTypes.length === 1) parts.push(mediaLabel(filter.mediaTypes[0]!, lang));
  const head =
    parts.length === 0
      ? lang === "zh"
        ? "所有通话"
        : "all calls"
      : lang === "zh"
        ? `${parts.join(" · ")}通话`
        : `${parts.join(" · ")} calls`;
  const who: string[] = [];
  const { caller, callee, either } = filter.users;
  const rooms = filter.rooms ?? [];
  if (lang === "zh") {
    if (caller.length) who.push(`主叫 ${caller.join("、")}`);
    if (callee.length) who.push(`被叫 ${callee.join("、")}`);
    if (either.length) who.push(`用户 ${either.join("、")}`);
    if (rooms.length) who.push(`房间 ${rooms.join("、")}`);
    return who.length ? `${head}，${who.join("，")}` : head;
  }
  if (caller.length) who.push(`from ${caller.join(", ")}`);
  if (callee.length) who.push(`to ${callee.join(", ")}`);
  if (either.length) who.push(`involving ${either.join(", ")}`);
  if (rooms.length) who.push(`in room ${rooms.join(", ")}`);
  return who.length ? `${head} ${who.join(" ")}` : head;
}
