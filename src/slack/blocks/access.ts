import type { Lang } from "../../query/types.js";
import { ACCESS_DENIED_TEXT } from "../copy.js";
import { type SlackMessage, section } from "./limits.js";

/** A polite refusal for users or channels outside the allow-lists. */
export function renderAccessDenied(lang: Lang): SlackMessage {
  return { text: ACCESS_DENIED_TEXT[lang], blocks: [section(ACCESS_DENIED_TEXT[lang])] };
}
