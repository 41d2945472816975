import type { types } from "@slack/bolt";

/**
 * Block Kit's limits as hard rules, and helpers that keep any content inside them. Slack rejects
 * a whole message for one oversized field, so every renderer passes its text through these.
 */

export type KnownBlock = types.KnownBlock;

/** What every renderer returns: a notification text and the blocks. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  buttonValue: 2000,
  buttonText: 75,
  actionId: 255,
  headerText: 150,
  contextElements: 10,
  /** Slack answers msg_blocks_too_long near 13k characters of serialized blocks: keep a margin. */
  totalChars: 12_000,
  /** Notification text; Slack allows more, nobody reads more. */
  fallbackText: 3000,
  /** An image block's alt_text and title. */
  imageAltText: 2000,
  imageTitle: 2000,
} as const;

/** Cuts `text` to at most `max` characters, ending with "…" when cut (never splitting a surrogate pair). */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return "";
  let cut = text.slice(0, max - 1);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** The three characters Slack's mrkdwn treats as control (mentions, links, dates). */
function escapeEntities(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Slack would turn `scheme://…` into a link by itself: a vendor id must not become a clickable
 * URL, so its slashes become look-alikes (U+2215) that no link parser accepts.
 */
function breakLinks(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*):\/\//gi, "$1:\u2215\u2215");
}

/**
 * mrkdwn has no backslash escape, so the marks that would make bold, strike or code become
 * look-alikes. `_` is common inside ids (user_123) and only formats at a word's edge, so only an
 * edge `_` changes: ids stay copyable in the usual case.
 */
const LOOKALIKES: Record<string, string> = { "*": "\u2217", "~": "\u223c", "`": "\u02cb" };
const EDGE_UNDERSCORE = /(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;

/**
 * Text from outside (vendor ids, words typed) as literal text in mrkdwn, fallback `text` included:
 * no mention (`<!channel>`), no link, no bold/italic/strike/code.
 */
export function escapeMrkdwn(text: string): string {
  return breakLinks(escapeEntities(text))
    .replace(/[*~`]/g, (mark) => LOOKALIKES[mark]!)
    .replace(EDGE_UNDERSCORE, "\u02cd");
}

/** Inline code that stays code: a backtick inside would end it early. */
export function code(text: string): string {
  return `\`${breakLinks(escapeEntities(text.replace(/`/g, "ˋ")))}\``;
}

/**
 * Joins items until adding the next would pass `maxItems` or `maxChars`, then says how many were
 * left out (`more(n)` gives the words, e.g. "…and 3 more").
 */
export function joinWithMore(
  items: readonly string[],
  options: { separator: string; maxItems: number; maxChars: number; more: (n: number) => string },
): string {
  const shown: string[] = [];
  let length = 0;
  for (const [index, item] of items.entries()) {
    const left = items.length - index;
    const tail = left > 1 ? options.separator.length + options.more(left).length : 0;
    const next = length + (shown.length > 0 ? options.separator.length : 0) + item.length;
    if (shown.length >= options.maxItems || next + tail > options.maxChars) {
      const suffix = options.more(left);
      return shown.length === 0
        ? truncate(suffix, options.maxChars)
        : `${shown.join(options.separator)}${options.separator}${suffix}`;
    }
    shown.push(item);
    length = next;
  }
  return shown.join(options.separator);
}

export function header(text: string): KnownBlock {
  return {
    type: "header",
    text: { type: "plain_text", text: truncate(text || "callscope", LIMITS.headerText) },
  };
}

export function section(text: string): KnownBlock {
  return { type: "section", text: { type: "mrkdwn", text: truncate(text, LIMITS.sectionText) } };
}

export function fieldsSection(fields: readonly string[]): KnownBlock {
  return {
    type: "section",
    fields: fields
      .slice(0, LIMITS.fields)
      .map((text) => ({ type: "mrkdwn" as const, text: truncate(text, LIMITS.fieldText) })),
  };
}

export function context(...texts: string[]): KnownBlock {
  return {
    type: "context",
    elements: texts
      .slice(0, LIMITS.contextElements)
      .map((text) => ({ type: "mrkdwn" as const, text: truncate(text, LIMITS.sectionText) })),
  };
}

export const divider: KnownBlock = { type: "divider" };

export interface ButtonSpec {
  actionId: string;
  text: string;
  value: string | undefined;
  style?: "primary" | "danger";
}

/** A button, or undefined when its value is missing or too long for Slack. */
export function button(spec: ButtonSpec) {
  if (!spec.value || spec.value.length > LIMITS.buttonValue) return undefined;
  return {
    type: "button" as const,
    action_id: spec.actionId.slice(0, LIMITS.actionId),
    text: { type: "plain_text" as const, text: truncate(spec.text, LIMITS.buttonText) },
    value: spec.value,
    ...(spec.style ? { style: spec.style } : {}),
  };
}

/** An actions block of the buttons that could be made, or nothing. */
export function actions(specs: readonly ButtonSpec[]): KnownBlock[] {
  const elements = specs.map(button).filter((b) => b !== undefined);
  return elements.length === 0 ? [] : [{ type: "actions", elements: elements.slice(0, 25) }];
}

export function sizeOf(block: KnownBlock): number {
  return JSON.stringify(block).length + 1;
}

/** Serialized length of blocks as Slack counts them (JSON of the array). */
export function totalChars(blocks: readonly KnownBlock[]): number {
  return JSON.stringify(blocks).length;
}

/**
 * Adds blocks while they fit in the message, keeping room for what must come after (a "…and N
 * more" note and the buttons).
 */
export function createBudget(reserve: { blocks: number; chars: number }) {
  const blocks: KnownBlock[] = [];
  let chars = 2;
  return {
    blocks,
    /** Room left for one more block of this size? */
    fits(block: KnownBlock): boolean {
      return (
        blocks.length + 1 + reserve.blocks <= LIMITS.blocks &&
        chars + sizeOf(block) + reserve.chars <= LIMITS.totalChars
      );
    },
    /** Chars left before the reserve. */
    get charsLeft() {
      return LIMITS.totalChars - reserve.chars - chars;
    },
    get blocksLeft() {
      return LIMITS.blocks - reserve.blocks - blocks.length;
    },
    add(block: KnownBlock): boolean {
      if (!this.fits(block)) return false;
      blocks.push(block);
      chars += sizeOf(block);
      return true;
    },
  };
}

/**
 * Last line of defence: drops blocks from before the trailing actions until the message is within
 * limits. Renderers budget up front, so this only acts on a renderer bug.
 */
export function enforceLimits(message: SlackMessage): SlackMessage {
  const blocks = [...message.blocks];
  const tail = blocks.length > 0 && blocks[blocks.length - 1]!.type === "actions" ? 1 : 0;
  while (
    blocks.length > 1 &&
    (blocks.length > LIMITS.blocks || totalChars(blocks) > LIMITS.totalChars)
  ) {
    blocks.splice(blocks.length - 1 - tail, 1);
  }
  return { text: truncate(message.text, LIMITS.fallbackText), blocks };
}

/** Every limit a message breaks, in words (empty when it is fine). For tests and a runtime guard. */
export function limitViolations(message: SlackMessage): string[] {
  const problems: string[] = [];
  const { blocks } = message;
  if (blocks.length > LIMITS.blocks) problems.push(`${blocks.length} blocks`);
  const total = totalChars(blocks);
  if (total > LIMITS.totalChars) problems.push(`${total} chars of blocks`);
  if (message.text.length > LIMITS.fallbackText) problems.push("fallback text too long");
  const checkElement = (element: unknown, where: string) => {
    const e = element as { action_id?: string; value?: string; text?: { text?: string } };
    if (e.action_id !== undefined && e.action_id.length > LIMITS.actionId)
      problems.push(`${where}: action_id too long`);
    if (e.value !== undefined && e.value.length > LIMITS.buttonValue)
      problems.push(`${where}: button value too long`);
  };
  blocks.forEach((block, index) => {
    const where = `block ${index} (${block.type})`;
    if (block.type === "header" && block.text.text.length > LIMITS.headerText)
      problems.push(`${where}: header too long`);
    if (block.type === "section") {
      if (block.text && block.text.text.length > LIMITS.sectionText)
        problems.push(`${where}: text too long`);
      if (block.fields && block.fields.length > LIMITS.fields)
        problems.push(`${where}: too many fields`);
      for (const field of block.fields ?? [])
        if (field.text.length > LIMITS.fieldText) problems.push(`${where}: field too long`);
      if (block.accessory) checkElement(block.accessory, where);
      if (!block.text && !block.fields) problems.push(`${where}: empty section`);
    }
    if (block.type === "context") {
      if (block.elements.length > LIMITS.contextElements)
        problems.push(`${where}: too many elements`);
      for (const element of block.elements)
        if ("text" in element && element.text.length > LIMITS.sectionText)
          problems.push(`${where}: element too long`);
    }
    if (block.type === "actions")
      for (const element of block.elements) checkElement(element, where);
  });
  return problems;
}
