import { CALL_TYPES, type CallType, MEDIA_TYPES, type MediaType } from "../../callkit/schemas.js";
import { callTypeLabel, mediaLabel, resultLabel as queryResultLabel } from "../../query/results.js";
import type { Lang } from "../../query/types.js";

/** Every word the renderers say, in both languages. */

const RESULT_ICONS: Record<string, string> = {
  normal_end: "✅",
  cancel: "↩️",
  reject: "⛔",
  not_answer: "📵",
  call_busy: "🔁",
  interrupt: "⚡",
  offline: "🔌",
};

/** Label of a result, as the query language says it; an unknown one is shown as it is. */
export function resultLabel(result: string, lang: Lang): string {
  return queryResultLabel(result, lang);
}

export function resultIcon(result: string): string {
  return Object.hasOwn(RESULT_ICONS, result) ? RESULT_ICONS[result]! : "❔";
}

/** Label of a call type or media type; unknown values shown as they are. */
export function kindLabel(value: string, lang: Lang): string {
  if ((CALL_TYPES as readonly string[]).includes(value))
    return callTypeLabel(value as CallType, lang);
  if ((MEDIA_TYPES as readonly string[]).includes(value))
    return mediaLabel(value as MediaType, lang);
  return value;
}
