import type { Style } from "../cli/ansi.js";

/**
 * Slack mrkdwn → terminal text. Slack's own markup (links, mentions, date tokens, entities) turns
 * into what a reader sees in Slack; *bold*, _italic_, ~strike~ and `code` become styles when colour
 * is on and plain text otherwise. Code spans and <…> tokens are set aside first (behind
 * private-use placeholders) so underscores in
 * callIds and URLs are never mistaken for italics.
 */
export function mrkdwnToText(text: string, style: Style): string {
  const held: string[] = [];
  const hold = (value: string) => {
    held.push(value);
    return `\uE000${held.length - 1}\uE001`;
  };

  let out = text
    .replace(/```\n?([\s\S]*?)\n?```/g, (_m, body: string) =>
      hold(style.code(decodeEntities(body))),
    )
    .replace(/`([^`\n]+)`/g, (_m, body: string) => hold(style.code(decodeEntities(body))))
    .replace(/<([^<>\n]+)>/g, (_m, token: string) => hold(decodeEntities(angleToken(token))));

  const edge = "(^|[\\s(\\[{\"'>])";
  const tail = "(?=$|[\\s)\\]}.,;:!?\"'<])";
  const emphasis = (mark: string, apply: (t: string) => string) => {
    const m = `\\${mark}`;
    const pattern = new RegExp(`${edge}${m}([^${m}\\n]*[^${m}\\s])${m}${tail}`, "g");
    out = out.replace(pattern, (_m, before: string, body: string) => before + apply(body));
  };
  emphasis("*", style.bold);
  emphasis("_", style.italic);
  emphasis("~", style.strike);

  out = decodeEntities(out);
  // Held values may themselves contain placeholders of earlier holds; restore until none remain.
  for (let guard = 0; guard < 3 && out.includes("\uE000"); guard++) {
    out = out.replace(/\uE000(\d+)\uE001/g, (_m, index: string) => held[Number(index)] ?? "");
  }
  return out;
}

/** One `<…>` token: a date, mention, channel, special mention or link. */
function angleToken(token: string): string {
  const bar = token.indexOf("|");
  const head = bar === -1 ? token : token.slice(0, bar);
  const label = bar === -1 ? undefined : token.slice(bar + 1);

  if (head.startsWith("!date^")) {
    if (label !== undefined) return label;
    const seconds = Number(head.split("^")[1]);
    return Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : token;
  }
  if (head.startsWith("!subteam^")) return label ?? `@${head.slice("!subteam^".length)}`;
  if (head.startsWith("!")) return `@${head.slice(1)}`;
  if (head.startsWith("@")) return label ? `@${label.replace(/^@/, "")}` : head;
  if (head.startsWith("#")) return label ? `#${label.replace(/^#/, "")}` : head;
  return label ?? head;
}

export function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}
