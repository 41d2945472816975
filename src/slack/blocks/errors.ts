import type { ParseError } from "../../query/types.js";
import { encodeButtonValue } from "../button-value.js";
import { PARSE_ERROR_TEXT } from "../copy.js";
import { helpExamples } from "./help.js";
import {
  actions,
  code,
  context,
  escapeMrkdwn,
  joinWithMore,
  type SlackMessage,
  section,
  truncate,
} from "./limits.js";

/** A reading's button runs its search, replacing the question (handled with the page buttons). */
export const READING_ACTION_ID = "pick_reading";

/** The parser's helpful error, the words it did not know, suggestions, examples and help. */
export function renderParseError(error: ParseError): SlackMessage {
  const c = PARSE_ERROR_TEXT[error.lang];
  if (error.question) {
    // A question back: the unclear words and one button per reading (one block each, so every
    // button keeps the same action id), no examples to distract.
    const readings = error.question.readings.slice(0, 5).flatMap((reading) =>
      actions([
        {
          actionId: READING_ACTION_ID,
          text: reading.label,
          value: encodeButtonValue({ kind: "page", query: reading.query, pageIndex: 0 }),
        },
      ]),
    );
    return {
      text: truncate(`${c.question} ${error.message}`, 500),
      blocks: [
        section(`*${c.question}*\n${escapeMrkdwn(truncate(error.message, 1000))}`),
        ...readings,
        context(c.help),
      ],
    };
  }
  const lines = [`*${c.title}*`, escapeMrkdwn(truncate(error.message, 1000))];
  if (error.unknownWords.length > 0) {
    const words = joinWithMore(
      error.unknownWords.map((w) => code(truncate(w, 60))),
      { separator: " ", maxItems: 10, maxChars: 600, more: c.more },
    );
    lines.push(`${c.unknown}: ${words}`);
  }
  for (const s of error.suggestions.slice(0, 5)) {
    lines.push(c.didYouMean(code(truncate(s.word, 60)), code(truncate(s.suggestion, 60))));
  }
  const examples = (error.examples.length > 0 ? error.examples : helpExamples(error.lang)).slice(
    0,
    3,
  );
  lines.push(`${c.tryThese}:\n${examples.map((e) => `• ${code(truncate(e, 200))}`).join("\n")}`);
  return {
    text: truncate(`${c.title}: ${error.message}`, 500),
    blocks: [section(lines.join("\n")), context(c.help)],
  };
}
