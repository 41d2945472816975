import type { CallRecord, RecordsFilter } from "../callkit/schemas.js";
import type { CallFilter, SearchQuery, TimeWindow } from "./types.js";

/** A Query as upstream requests: which scans to make and what to test locally. */
export interface UpstreamPlan {
  /** Requests to make (each is scanned through every page); body fields only, no page/numberPerPage. */
  filters: Omit<RecordsFilter, "page" | "numberPerPage">[];
  /** Local test every returned record must pass (media, users, result sets the API cannot express). */
  matches(record: CallRecord): boolean;
  strategy: "api-filter" | "local-filter" | "per-result";
  reason: string;
}

type Plannable = SearchQuery | (CallFilter & { window: TimeWindow });

/**
 * Choosing between one unfiltered scan and one scan per result, for a set of several results.
 *
 * Costs, in requests, with p records per page: one unfiltered scan costs ceil(total / p) (at least
 * 1); one scan per result costs the sum of max(1, ceil(n_r / p)) — at least one request per result
 * even when that result has no calls.
 *
 * - If the set leaves out `normal_end` (every "failed" set does), per-result scans never read the
 *   answered calls, which are the large majority of any healthy app's records. They cost at most
 *   (set size − 1) requests more than the pages of matching records, while the unfiltered scan
 *   pays for every page of answered calls. So we scan per result: at 100 per page and 6 failed
 *   results, it wins as soon as the window holds more than about 600 answered calls, and loses at
 *   most 5 cheap requests on a quiet window.
 * - If the set includes `normal_end`, per-result scans read almost everything anyway and add one
 *   request per extra result, so one unfiltered scan filtered locally is never worse by more than a
 *   page and usually better.
 */
export function plan(query: Plannable): UpstreamPlan {
  const { startTs, endTs } = query.window;
  const results = [...new Set(query.results)];
  const callType = query.callTypes.length === 1 ? query.callTypes[0] : undefined;
  const base: Omit<RecordsFilter, "page" | "numberPerPage"> = {
    startTimestamp: startTs,
    endTimestamp: endTs,
    ...(callType ? { callType } : {}),
  };

  const resultSet = new Set(results);
  const types = new Set<string>(query.callTypes);
  const media = new Set<string>(query.mediaTypes);
  const { caller, callee, either } = query.users;
  const rooms = new Set(query.rooms ?? []);
  const matches = (record: CallRecord): boolean => {
    // The window is [start, end): the API's end may be inclusive, so the edge is checked here.
    if (record.startCallTs < startTs || record.startCallTs >= endTs) return false;
    if (resultSet.size > 0 && !resultSet.has(record.callResult)) return false;
    if (types.size > 0 && !types.has(record.callType)) return false;
    if (media.size > 0 && !media.has(record.mediaType)) return false;
    if (caller.length > 0 && !caller.includes(record.caller)) return false;
    if (callee.length > 0 && !record.callees.some((id) => callee.includes(id))) return false;
    if (
      either.length > 0 &&
      !either.includes(record.caller) &&
      !record.callees.some((id) => either.includes(id))
    ) {
      return false;
    }
    if (rooms.size > 0 && !rooms.has(String(record.roomId))) return false;
    return true;
  };

  if (results.length <= 1) {
    const single = results[0];
    return {
      filters: [single ? { ...base, callResult: single } : base],
      matches,
      strategy: "api-filter",
      reason: single
        ? `one result (${single}): the API filters it`
        : "every result: one scan, nothing to filter by result",
    };
  }
  if (!resultSet.has("normal_end")) {
    return {
      filters: results.map((callResult) => ({ ...base, callResult })),
      matches,
      strategy: "per-result",
      reason: `${results.length} results without normal_end: one scan per result skips the answered calls, usually most of the records`,
    };
  }
  return {
    filters: [base],
    matches,
    strategy: "local-filter",
    reason: `${results.length} results including normal_end: one unfiltered scan reads nearly the same pages with fewer requests`,
  };
}
