import { CallKitError } from "../../callkit/errors.js";
import { redact } from "../../log.js";
import type { Lang } from "../../query/types.js";
import { FAILURE_GENERIC_TEXT, FAILURE_NEXT_STEP_ZH, FAILURE_TITLES } from "../copy.js";
import {
  code,
  context,
  escapeMrkdwn,
  header,
  type SlackMessage,
  section,
  truncate,
} from "./limits.js";

/**
 * Any failure as a friendly message: what went wrong, the vendor's code and requestId when there
 * is one, what to do. Text comes from CallKitError's own fields (built from known parts and
 * redacted there) and passes redact() again; an unknown error's message is never shown, since it
 * may carry a URL, a stack or a secret.
 */

export function renderFailure(error: unknown, lang: Lang): SlackMessage {
  if (!(error instanceof CallKitError)) {
    const title = FAILURE_TITLES[lang].unknown;
    return { text: title, blocks: [header(`⚠️ ${title}`), section(FAILURE_GENERIC_TEXT[lang])] };
  }
  const title = FAILURE_TITLES[lang][error.kind] ?? FAILURE_TITLES[lang].upstream;
  const clean = (text: string, max: number) => escapeMrkdwn(truncate(redact(text), max));
  const what =
    lang === "zh"
      ? (FAILURE_NEXT_STEP_ZH[error.kind] ?? FAILURE_GENERIC_TEXT.zh)
      : clean(error.explanation, 1500);
  const facts: string[] = [];
  if (error.code !== undefined)
    facts.push(`${lang === "zh" ? "错误码" : "code"} ${code(String(error.code))}`);
  if (error.status !== undefined) facts.push(`HTTP ${error.status}`);
  if (error.requestId) facts.push(`requestId ${code(truncate(redact(error.requestId), 200))}`);
  const blocks = [header(`⚠️ ${title}`), section(what)];
  if (error.vendorMessage) {
    const said = lang === "zh" ? "TUICallKit 的信息" : "TUICallKit said";
    blocks.push(section(`${said}: “${clean(error.vendorMessage, 500)}”`));
  }
  if (facts.length > 0) blocks.push(context(facts.join(" · ")));
  const text = [
    title,
    ...(error.requestId ? [`requestId ${truncate(redact(error.requestId), 200)}`] : []),
  ].join(" · ");
  return { text, blocks };
}
