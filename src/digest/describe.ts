import { describeFilter } from "../query/describe.js";
import type { CallFilter, Lang } from "../query/types.js";

/** The subscription's filter in the search's own words, or undefined when it has none. */
export function describeDigestFilter(filter: CallFilter, lang: Lang): string | undefined {
  const { results, callTypes, mediaTypes, users } = filter;
  const empty =
    results.length +
      callTypes.length +
      mediaTypes.length +
      users.caller.length +
      users.callee.length +
      users.either.length +
      (filter.rooms?.length ?? 0) ===
    0;
  return empty ? undefined : describeFilter(filter, lang);
}
