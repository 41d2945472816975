/**
 * JSON.parse for webhook bodies that keeps long integers whole. The vendor's v4 samples send user
 * ids as bare 18-digit numbers (`"User_Account": 144115212830834855`), which JSON.parse rounds
 * (Node 20 has no reviver source text). One pass over the raw text quotes every integer literal
 * outside a string that is too long to be exact as a double; the schemas then read ids as text.
 * Numbers that stay exact (counts, epoch ms) are left as numbers.
 */

/** Integer literals with this many digits or more may not be exact as a double (2^53 has 16). */
const UNSAFE_DIGITS = 16;

export function quoteLongIntegers(text: string): string {
  let out = "";
  let last = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // Skip the whole string, escapes included.
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i += 2;
        else if (d === 0x22) {
          i++;
          break;
        } else i++;
      }
      continue;
    }
    if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      if (c === 0x2d) i++;
      while (i < n && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
      const digitsEnd = i;
      // A fraction or exponent makes it a real number: left alone.
      const next = text.charCodeAt(i);
      const isInteger = next !== 0x2e && next !== 0x65 && next !== 0x45;
      while (i < n && /[0-9.eE+-]/.test(text.charAt(i))) i++;
      const digits = digitsEnd - start - (c === 0x2d ? 1 : 0);
      if (isInteger && digits >= UNSAFE_DIGITS) {
        out += `${text.slice(last, start)}"${text.slice(start, digitsEnd)}"`;
        last = digitsEnd;
      }
      continue;
    }
    i++;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** Parses JSON text with long integers as strings; throws SyntaxError like JSON.parse. */
export function parseJsonKeepingIds(text: string): unknown {
  return JSON.parse(quoteLongIntegers(text));
}
