import { z } from "zod";
import { createStyle, padEnd, type Style, visibleWidth } from "../cli/ansi.js";
import { decodeEntities, mrkdwnToText } from "./mrkdwn.js";

/**
 * Block Kit → readable terminal text, for the CLI and the demo. Pure. Blocks arrive from outside
 * (a response_url post), so each one is parsed leniently: a block this file cannot read is named,
 * never dropped silently and never a crash. Interactive elements become numbered choices carrying
 * what a block_actions payload needs to "press" them.
 */

export interface Choice {
  /** 1-based, as shown: `[1] Next page`. */
  number: number;
  label: string;
  type: "button" | "static_select" | "overflow";
  actionId: string;
  blockId?: string;
  value?: string;
  url?: string;
  /** For a select or overflow option: the option picked by this choice. */
  selectedOption?: { text: string; value: string };
}

export interface RenderedMessage {
  text: string;
  choices: Choice[];
}

export interface RenderOptions {
  color?: boolean;
  /** Width of dividers and the field grid, in terminal cells. */
  width?: number;
}

const textObject = z.looseObject({ type: z.string(), text: z.string() });
const option = z.looseObject({ text: textObject, value: z.string().optional() });
const element = z.looseObject({
  type: z.string(),
  action_id: z.string().optional(),
  text: z.union([textObject, z.string()]).optional(),
  value: z.string().optional(),
  url: z.string().optional(),
  style: z.string().optional(),
  alt_text: z.string().optional(),
  placeholder: textObject.optional(),
  options: z.array(option).optional(),
  option_groups: z.array(z.looseObject({ options: z.array(option) })).optional(),
});
type Element = z.infer<typeof element>;

const block = z.looseObject({
  type: z.string(),
  block_id: z.string().optional(),
  text: textObject.optional(),
  fields: z.array(textObject).optional(),
  accessory: element.optional(),
  elements: z.array(z.unknown()).optional(),
  alt_text: z.string().optional(),
  image_url: z.string().optional(),
  title: textObject.optional(),
});
type Block = z.infer<typeof block>;

const messageSchema = z.looseObject({
  text: z.string().optional(),
  blocks: z.array(z.unknown()).optional(),
});

export function renderMessage(message: unknown, options: RenderOptions = {}): RenderedMessage {
  const parsed = messageSchema.safeParse(message);
  if (!parsed.success) return { text: "[a message this terminal cannot read]", choices: [] };
  const { text, blocks } = parsed.data;
  if (!blocks || blocks.length === 0) {
    return { text: mrkdwnToText(text ?? "", createStyle(options.color ?? false)), choices: [] };
  }
  return renderBlocks(blocks, options);
}

export function renderBlocks(
  blocks: readonly unknown[],
  options: RenderOptions = {},
): RenderedMessage {
  const context: Context = {
    style: createStyle(options.color ?? false),
    width: options.width ?? 72,
    choices: [],
  };
  const parts: { kind: string; lines: string[] }[] = [];
  for (const raw of blocks) {
    const parsed = block.safeParse(raw);
    if (!parsed.success) {
      parts.push({ kind: "unknown", lines: ["[a block this terminal cannot read]"] });
      continue;
    }
    parts.push({ kind: parsed.data.type, lines: renderBlock(parsed.data, context) });
  }
  // A blank line between blocks as Slack spaces them, except where a divider already separates
  // or a context line annotates the block just above it.
  const out: string[] = [];
  parts.forEach((part, index) => {
    const previous = parts[index - 1];
    const tight =
      index === 0 ||
      part.kind === "divider" ||
      previous?.kind === "divider" ||
      part.kind === "context";
    if (!tight) out.push("");
    out.push(...part.lines);
  });
  return { text: out.join("\n"), choices: context.choices };
}

interface Context {
  style: Style;
  width: number;
  choices: Choice[];
}

function renderBlock(b: Block, context: Context): string[] {
  const { style } = context;
  switch (b.type) {
    case "header": {
      const text = decodeEntities(b.text?.text ?? "");
      return style.color
        ? [style.bold(style.underline(text))]
        : [text, "=".repeat(visibleWidth(text))];
    }
    case "section":
      return renderSection(b, context);
    case "context":
      return [
        (b.elements ?? [])
          .map((raw) => {
            const text = textObject.safeParse(raw);
            if (text.success) return textOf(text.data, style);
            const image = element.safeParse(raw);
            return image.success && image.data.alt_text ? `[${image.data.alt_text}]` : "";
          })
          .filter((piece) => piece.length > 0)
          .map((piece) => style.dim(piece))
          .join("  "),
      ];
    case "divider":
      return [style.dim((style.color ? "─" : "-").repeat(context.width))];
    case "actions":
      return renderElements(b.elements ?? [], b.block_id, context);
    case "image":
      return [
        `[image${b.alt_text ? `: ${b.alt_text}` : ""}]${b.image_url ? ` ${b.image_url}` : ""}`,
      ];
    case "markdown":
      return [decodeEntities(String((b as { text?: unknown }).text ?? ""))];
    case "rich_text":
      return renderRichText(b.elements ?? [], style);
    case "input": {
      // A form field: its label, kind and choices (fill it with the demo's `fill` command).
      const input = b as unknown as {
        block_id?: string;
        label?: { text?: string };
        element?: { type?: string; options?: { text?: { text?: string }; value?: string }[] };
      };
      const options = (input.element?.options ?? []).map((o) => `${o.value}`).join(" | ");
      return [
        `${style.bold(decodeEntities(input.label?.text ?? ""))} ${style.dim(`(${input.block_id ?? "?"}: ${input.element?.type ?? "input"}${options ? ` — ${options}` : ""})`)}`,
      ];
    }
    default:
      return [style.dim(`[${b.type} block, shown only in Slack]`)];
  }
}

function textOf(text: z.infer<typeof textObject>, style: Style): string {
  return text.type === "mrkdwn" ? mrkdwnToText(text.text, style) : decodeEntities(text.text);
}

function renderSection(b: Block, context: Context): string[] {
  const { style } = context;
  const lines: string[] = [];
  if (b.text) lines.push(...textOf(b.text, style).split("\n"));
  if (b.fields && b.fields.length > 0) lines.push(...fieldGrid(b.fields, context));
  if (b.accessory) {
    const accessory = renderElement(b.accessory, b.block_id, context);
    if (accessory.length > 0) lines.push(...accessory.map((line) => `  ${line}`));
  }
  return lines;
}

/** Slack draws fields two to a row; so does this, padding the left column. */
function fieldGrid(fields: z.infer<typeof textObject>[], context: Context): string[] {
  const cells = fields.map((field) => textOf(field, context.style).split("\n"));
  const left = cells.filter((_cell, index) => index % 2 === 0);
  const cap = Math.max(12, Math.floor(context.width / 2) - 2);
  const columnWidth = Math.min(
    cap,
    Math.max(0, ...left.flatMap((cell) => cell.map((line) => visibleWidth(line)))),
  );
  const lines: string[] = [];
  for (let index = 0; index < cells.length; index += 2) {
    const a = cells[index] ?? [];
    const b = cells[index + 1];
    if (!b) {
      lines.push(...a);
      continue;
    }
    const height = Math.max(a.length, b.length);
    for (let row = 0; row < height; row++) {
      lines.push(`${padEnd(a[row] ?? "", columnWidth)}   ${b[row] ?? ""}`.trimEnd());
    }
  }
  return lines;
}

function renderElements(raws: readonly unknown[], blockId: string | undefined, context: Context) {
  const inline: string[] = [];
  const below: string[] = [];
  for (const raw of raws) {
    const parsed = element.safeParse(raw);
    if (!parsed.success) continue;
    const lines = renderElement(parsed.data, blockId, context);
    if (parsed.data.type === "button") inline.push(...lines);
    else below.push(...lines);
  }
  return [...(inline.length > 0 ? [inline.join("  ")] : []), ...below];
}

function renderElement(e: Element, blockId: string | undefined, context: Context): string[] {
  const { style } = context;
  const label = (text: Element["text"]) =>
    typeof text === "string" ? text : text ? decodeEntities(text.text) : "";
  switch (e.type) {
    case "button": {
      const choice = addChoice(context, {
        label: label(e.text),
        type: "button",
        actionId: e.action_id ?? "",
        ...(blockId !== undefined && { blockId }),
        ...(e.value !== undefined && { value: e.value }),
        ...(e.url !== undefined && { url: e.url }),
      });
      const shown = `[${choice.number}] ${choice.label}`;
      return [e.style === "primary" || e.style === "danger" ? style.bold(shown) : shown];
    }
    case "static_select":
    case "overflow": {
      const options = [
        ...(e.options ?? []),
        ...(e.option_groups ?? []).flatMap((group) => group.options),
      ];
      const title = e.placeholder ? decodeEntities(e.placeholder.text) : "More";
      const lines = [`${title}:`];
      for (const o of options) {
        const text = decodeEntities(o.text.text);
        const choice = addChoice(context, {
          label: text,
          type: e.type,
          actionId: e.action_id ?? "",
          ...(blockId !== undefined && { blockId }),
          selectedOption: { text, value: o.value ?? "" },
        });
        lines.push(`  [${choice.number}] ${text}`);
      }
      return lines;
    }
    case "image":
      return e.alt_text ? [`[${e.alt_text}]`] : [];
    default:
      return [style.dim(`[${e.type}, only in Slack]`)];
  }
}

function addChoice(context: Context, choice: Omit<Choice, "number">): Choice {
  const numbered = { number: context.choices.length + 1, ...choice };
  context.choices.push(numbered);
  return numbered;
}

const richElement = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  url: z.string().optional(),
  user_id: z.string().optional(),
  channel_id: z.string().optional(),
  name: z.string().optional(),
  fallback: z.string().optional(),
  style: z.union([z.string(), z.looseObject({})]).optional(),
  elements: z.array(z.unknown()).optional(),
});

/** rich_text, simplified: sections, lists, quotes and preformatted text, inline styles dropped. */
function renderRichText(raws: readonly unknown[], style: Style): string[] {
  const lines: string[] = [];
  for (const raw of raws) {
    const parsed = richElement.safeParse(raw);
    if (!parsed.success) continue;
    const inner = parsed.data.elements ?? [];
    switch (parsed.data.type) {
      case "rich_text_list":
        inner.forEach((item, index) => {
          const text = renderRichText([item], style).join("\n");
          const ordered = parsed.data.style === "ordered";
          lines.push(`${ordered ? `${index + 1}.` : "•"} ${text}`);
        });
        break;
      case "rich_text_quote":
        lines.push(
          ...inlineText(inner)
            .split("\n")
            .map((line) => `> ${line}`),
        );
        break;
      case "rich_text_preformatted":
        lines.push(
          ...inlineText(inner)
            .split("\n")
            .map((line) => `    ${style.code(line)}`),
        );
        break;
      default:
        lines.push(...inlineText(inner).split("\n"));
    }
  }
  return lines;
}

function inlineText(raws: readonly unknown[]): string {
  return raws
    .map((raw) => {
      const parsed = richElement.safeParse(raw);
      if (!parsed.success) return "";
      const e = parsed.data;
      switch (e.type) {
        case "text":
          return e.text ?? "";
        case "link":
          return e.text ?? e.url ?? "";
        case "user":
          return `@${e.user_id ?? ""}`;
        case "channel":
          return `#${e.channel_id ?? ""}`;
        case "emoji":
          return `:${e.name ?? ""}:`;
        case "date":
          return e.fallback ?? "";
        default:
          return e.text ?? "";
      }
    })
    .join("");
}

/** A link that opens Slack's Block Kit Builder with these blocks, to see exactly how Slack draws them. */
export function blockKitBuilderUrl(blocks: readonly unknown[]): string {
  return `https://app.slack.com/block-kit-builder#${encodeURIComponent(JSON.stringify({ blocks }))}`;
}
