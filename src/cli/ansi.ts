/**
 * The few terminal styles the CLI uses. Every function is the identity when colour is off, so the
 * same rendering code serves terminals, pipes and tests.
 */

export interface Style {
  color: boolean;
  bold(text: string): string;
  italic(text: string): string;
  underline(text: string): string;
  dim(text: string): string;
  code(text: string): string;
  strike(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) =>
  `\u001b[${open}m${text}\u001b[${close}m`;

export function createStyle(color: boolean): Style {
  if (!color) {
    const same = (text: string) => text;
    return {
      color,
      bold: same,
      italic: same,
      underline: same,
      dim: same,
      code: same,
      strike: same,
    };
  }
  return {
    color,
    bold: wrap(1, 22),
    italic: wrap(3, 23),
    underline: wrap(4, 24),
    dim: wrap(2, 22),
    code: wrap(36, 39),
    strike: wrap(9, 29),
  };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point.
const ANSI_PATTERN = /\u001b\[[0-9;]*m/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI_PATTERN, "");
}

/** Width of text as a terminal shows it (ANSI escapes take no room). */
export function visibleWidth(text: string): number {
  let width = 0;
  for (const char of stripAnsi(text)) width += isWide(char) ? 2 : 1;
  return width;
}

/** CJK and full-width characters take two cells: Chinese labels must still line up. */
function isWide(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff)
  );
}

export function padEnd(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - visibleWidth(text)));
}

export function padStart(text: string, width: number): string {
  return " ".repeat(Math.max(0, width - visibleWidth(text))) + text;
}

/** Colour is allowed on a terminal unless NO_COLOR says otherwise; FORCE_COLOR wins. */
export function colorAllowed(
  stream: { isTTY?: boolean },
  env: Record<string, string | undefined>,
): boolean {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.TERM === "dumb") return false;
  return stream.isTTY === true;
}
