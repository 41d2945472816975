import type { Lang } from "../../query/types.js";
import { type SlackMessage, section } from "./limits.js";

const COPY = {
  en: "🔒 Sorry, callscope is not open to you here. Ask the people who run it to add you (or this channel) to its allow-list.",
  zh: "🔒 抱歉，你在这里无权使用 callscope。请联系维护者把你（或本频道）加入允许名单。",
};

/** A polite refusal for users or channels outside the allow-lists. */
export function renderAccessDenied(lang: Lang): SlackMessage {
  return { text: COPY[lang], blocks: [section(COPY[lang])] };
}
