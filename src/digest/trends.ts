import { isFailedResult } from "../callkit/schemas.js";
import type { CallFilter } from "../query/types.js";
import {
  type DigestDay,
  type DigestReport,
  digestReportOf,
  type ResultCounts,
  sameDayLastWeek,
  TOP_CALLERS,
  type WeekAgo,
} from "../report/digest.js";
import { summaryOfCounts } from "../report/summary.js";
import {
  type ArchiveQuery,
  type ArchiveRepository,
  LATE_RECORD_SECONDS,
} from "../store/archive.js";

/**
 * Week-over-week figures for a digest, from the archive only: the vendor keeps 7 days, so the
 * same weekday last week is usually gone there. One GROUP BY over the indexed window, no rows read.
 */

export interface DigestArchive {
  repository: ArchiveRepository;
  /** Whose sync coverage says which days the archive holds in full. */
  sdkAppId: number;
}

/** The subscription's filter as an archive query over `day`: the same calls the digest counts. */
export function archiveQueryForDay(filter: CallFilter, day: DigestDay): ArchiveQuery {
  return {
    startTs: day.startTs,
    endTs: day.endTs,
    results: filter.results,
    callTypes: filter.callTypes,
    mediaTypes: filter.mediaTypes,
    users: filter.users,
    ...(filter.rooms?.length ? { rooms: filter.rooms } : {}),
  };
}

/**
 * Last week's counts for the digest of `day`, or undefined when the archive's coverage does not
 * hold that whole local day (a partly synced day would show a false drop).
 */
export async function readWeekAgo(
  archive: DigestArchive,
  day: DigestDay,
  filter: CallFilter,
): Promise<WeekAgo | undefined> {
  const before = sameDayLastWeek(day);
  const coverage = await archive.repository.coverage(archive.sdkAppId);
  if (!coverage || coverage.from > before.startTs || coverage.until < before.endTs) {
    return undefined;
  }
  const counts = await archive.repository.countByResult(archiveQueryForDay(filter, before));
  return { day: before, counts };
}

/**
 * The digest of `day` counted by the archive's database, when its coverage holds the whole day
 * (up to LATE_RECORD_SECONDS before its last sync, as answers trust it: calls still going on then
 * may be missing); undefined otherwise, and the digest reads the vendor. The same figures as
 * reading the day's records one by one (a test holds the two together on both stores), in a few
 * GROUP BYs instead of a million rows.
 */
export async function readDigestFromArchive(
  archive: DigestArchive,
  day: DigestDay,
  filter: CallFilter,
  previous?: ResultCounts,
): Promise<DigestReport | undefined> {
  if (!(await holdsDay(archive, day))) return undefined;
  const figures = await archive.repository.dayFigures(
    archiveQueryForDay(filter, day),
    day.startTs,
    TOP_CALLERS,
  );
  const perHour = new Array<number>(day.hours.length).fill(0);
  const perHourByResult: Record<string, number[]> = Object.create(null);
  let failed = 0;
  let interrupted = 0;
  for (const group of figures.groups) {
    perHour[group.hour] = (perHour[group.hour] ?? 0) + group.count;
    let ofResult = perHourByResult[group.callResult];
    if (!ofResult) {
      ofResult = new Array<number>(day.hours.length).fill(0);
      perHourByResult[group.callResult] = ofResult;
    }
    ofResult[group.hour] = (ofResult[group.hour] ?? 0) + group.count;
    if (group.callResult === "interrupt") interrupted += group.count;
    if (isFailedResult(group.callResult)) failed += group.count;
  }
  return digestReportOf(
    day,
    {
      summary: summaryOfCounts(figures.groups, figures.talk),
      perHour,
      perHourByResult,
      failedByCaller: figures.failedCallers.map(({ caller, count }) => [caller, count]),
      failed,
      interrupted,
      outside: 0,
    },
    previous,
  );
}

/** Does the archive hold every call of `day`, as far as answers trust it? */
async function holdsDay(archive: DigestArchive, day: DigestDay): Promise<boolean> {
  const coverage = await archive.repository.coverage(archive.sdkAppId);
  return (
    coverage !== undefined &&
    coverage.from <= day.startTs &&
    coverage.until - LATE_RECORD_SECONDS >= day.endTs
  );
}

/** A day's counts by result from the archive (one GROUP BY), when it holds the day; else undefined. */
export async function readCountsFromArchive(
  archive: DigestArchive,
  day: DigestDay,
  filter: CallFilter,
): Promise<ResultCounts | undefined> {
  if (!(await holdsDay(archive, day))) return undefined;
  // The day's groups, not countByResult: the chart's comparison line needs the day's hours too.
  const figures = await archive.repository.dayFigures(
    archiveQueryForDay(filter, day),
    day.startTs,
    0,
  );
  const byResult: Record<string, number> = {};
  const perHour = new Array<number>(day.hours.length).fill(0);
  let total = 0;
  let answered = 0;
  for (const group of figures.groups) {
    total += group.count;
    byResult[group.callResult] = (byResult[group.callResult] ?? 0) + group.count;
    perHour[group.hour] = (perHour[group.hour] ?? 0) + group.count;
    if (group.answered) answered += group.count;
  }
  return { total, byResult, answered, perHour };
}
