import { describeFilter } from "../query/describe.js";
import { isEmptyFilter } from "../query/filter.js";
import type { CallFilter, Lang } from "../query/types.js";

/** The subscription's filter in the search's own words, or undefined when it has none. */
export function describeDigestFilter(filter: CallFilter, lang: Lang): string | undefined {
  return isEmptyFilter(filter) ? undefined : describeFilter(filter, lang);
}
