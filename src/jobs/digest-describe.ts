import type { CallFilter, Lang } from "../query/types.js";
import { kindLabel, resultLabel } from "../slack/blocks/text.js";

/**
 * The filter of a subscription in words ("rejected · group · video · from 10086"), or undefined
 * when it has none. TODO: use query's describeFilter once it lands, so digests and searches say
 * filters the same way.
 */
export function describeDigestFilter(filter: CallFilter, lang: Lang): string | undefined {
  const words = [
    ...filter.results.map((r) => resultLabel(r, lang)),
    ...filter.callTypes.map((t) => kindLabel(t, lang)),
    ...filter.mediaTypes.map((m) => kindLabel(m, lang)),
    ...filter.users.caller.map((u) => (lang === "zh" ? `主叫 ${u}` : `from ${u}`)),
    ...filter.users.callee.map((u) => (lang === "zh" ? `被叫 ${u}` : `to ${u}`)),
    ...filter.users.either.map((u) => (lang === "zh" ? `用户 ${u}` : `user ${u}`)),
  ];
  return words.length === 0 ? undefined : words.join(" · ");
}
