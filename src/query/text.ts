/**
 * The text being parsed, with what has been understood blanked out. Blanking (instead of cutting)
 * keeps every index stable, so later passes (chrono) can report positions in the same string, and
 * words on either side of an understood phrase never run together into a new word.
 */
export class Text {
  /** NFKC-normalised text, original case (user ids and channel names keep their case). */
  readonly original: string;
  /** The same text lower-cased character by character (same length as `original`). */
  private lower: string;

  constructor(input: string) {
    const normal = input.normalize("NFKC").replace(/[\u3000\u00a0\t\r\n]/g, " ");
    this.original = normal;
    let lower = "";
    for (const char of normal) {
      const low = char.toLowerCase();
      lower += low.length === char.length ? low : char;
    }
    this.lower = lower;
  }

  /** What is still not understood, lower-cased. */
  get rest(): string {
    return this.lower;
  }

  /** Original-case slice (for ids). */
  slice(start: number, end: number): string {
    return this.original.slice(start, end);
  }

  blank(start: number, end: number): void {
    this.lower = this.lower.slice(0, start) + " ".repeat(end - start) + this.lower.slice(end);
  }

  /**
   * Runs a global regex over the remaining text; each match the handler accepts (returns anything
   * but `false`) is blanked. Matches are collected first, so the handler may blank freely.
   */
  take(pattern: RegExp, handler: (match: RegExpExecArray) => unknown): void {
    const matches = [...this.lower.matchAll(pattern)];
    for (const match of matches) {
      const start = match.index;
      const end = start + match[0].length;
      // An earlier accepted match in this pass may have blanked part of this one.
      if (this.lower.slice(start, end) !== match[0]) continue;
      if (handler(match as RegExpExecArray) !== false) this.blank(start, end);
    }
  }

  /** True if the pattern occurs in the remaining text. */
  has(pattern: RegExp): boolean {
    pattern.lastIndex = 0;
    return pattern.test(this.lower);
  }
}

export const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

const compiled = new Map<string, RegExp>();

/** A global regex built from a source once and reused (patterns are assembled from word lists). */
export function re(source: string): RegExp {
  let pattern = compiled.get(source);
  if (!pattern) {
    pattern = new RegExp(source, "g");
    compiled.set(source, pattern);
  }
  return pattern;
}
