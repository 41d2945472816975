import type { CallFilter } from "../query/types.js";
import { type DigestDay, sameDayLastWeek, type WeekAgo } from "../report/digest.js";
import type { ArchiveQuery, ArchiveRepository } from "../store/archive.js";

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
