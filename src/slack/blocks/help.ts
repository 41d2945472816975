import { EXAMPLES, VOCABULARY } from "../../query/examples.js";
import type { Lang } from "../../query/types.js";
import { FORM_TEXT, HELP_HEADINGS, HELP_TEXT } from "../copy.js";
import { actions, context, divider, header, type SlackMessage, section } from "./limits.js";

/**
 * `/calls help`: what to type, in English and Chinese (either language works for any user),
 * the words understood, and the 7-day limit of TUICallKit's records.
 */

/** The action_id of the buttons that open the search form (help, the Home tab). */
export const OPEN_FORM_ACTION_ID = "open_search_form";
export const HELP_ACTION_ID = "open_help";

export function renderHelp(
  lang: Lang,
  generations?: string,
  options: { newSearch?: boolean } = {},
): SlackMessage {
  const c = HELP_TEXT[lang];
  const list = (items: readonly string[]) => items.map((e) => `• \`/calls ${e}\``).join("\n");
  // The user's language first, the other second: both are understood.
  const examples =
    lang === "zh"
      ? [
          section(`${c.examplesZh}\n${list(EXAMPLES.zh)}`),
          section(`${c.examplesEn}\n${list(EXAMPLES.en)}`),
        ]
      : [
          section(`${c.examplesEn}\n${list(EXAMPLES.en)}`),
          section(`${c.examplesZh}\n${list(EXAMPLES.zh)}`),
        ];
  return {
    text: c.title,
    blocks: [
      header(c.title),
      section(c.intro),
      ...examples,
      divider,
      section(vocabulary(lang)),
      section(c.limit),
      section(c.answered),
      ...(generations ? [context(`TUICallKit records API: ${generations}`)] : []),
      context(c.more),
      ...(options.newSearch
        ? actions([
            {
              actionId: OPEN_FORM_ACTION_ID,
              text: FORM_TEXT[lang].newSearch,
              value: "form",
              style: "primary",
            },
          ])
        : []),
    ],
  };
}

/** Example commands for other messages (parse errors). */
export function helpExamples(lang: Lang): string[] {
  return EXAMPLES[lang];
}

/** The words understood, from the parser's own vocabulary (first word of each list is canonical). */
function vocabulary(lang: Lang): string {
  const h = HELP_HEADINGS[lang];
  const words = (w: { en: readonly string[]; zh: readonly string[] }) =>
    w[lang].slice(0, 3).join(" / ");
  const results = Object.values(VOCABULARY.results).map(words);
  results.push(`${words(VOCABULARY.groups.failed)} (${h.failed})`);
  return [
    `*${h.results}*: ${results.join(" · ")}`,
    `*${h.types}*: ${Object.values(VOCABULARY.callTypes).map(words).join(" · ")}   *${h.media}*: ${Object.values(VOCABULARY.mediaTypes).map(words).join(" · ")}`,
    `*${h.people}*: ${h.peopleWords}`,
    `*${h.time}*: ${h.timeWords}`,
  ].join("\n");
}
