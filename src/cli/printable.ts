/**
 * Vendor strings (ids, result names) go to a terminal: an ESC could recolour or clear it, a `\r`
 * overwrite a line, a bidi override reorder what is read. Control characters are dropped; the
 * CLI's own styling is added after, so it is the only escape sequence printed.
 */

const CONTROLS = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** One line of text: every control character goes, line breaks too (a table cell, a field). */
export function printableLine(text: string): string {
  return text.replace(CONTROLS, "");
}

/** Lines of text (messages): control characters go, line breaks stay. */
export function printableText(text: string): string {
  return text.replace(CONTROLS, (char) => (char === "\n" ? char : ""));
}
