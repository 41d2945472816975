import { describe, expect, it } from "vitest";
import { createStyle } from "../../src/cli/ansi.js";
import { formatDigestText } from "../../src/cli/digest.js";
import { formatLookupText, formatSearchText } from "../../src/cli/format-text.js";
import { createDigestAccumulator, digestDay } from "../../src/report/digest.js";
import { NOW, record, searchResult } from "../slack/blocks/fixtures.js";

/** What the CLI prints of a vendor's strings carries no control byte (ESC, CR, bidi overrides). */

const HOSTILE = "mallory\u001b[31m\rbob\u202e";
// Line breaks are layout; every other control character (and a bidi override) must not print.
const forbidden = (text: string) =>
  [...text].filter((char) => (/\p{Cc}/u.test(char) && char !== "\n") || char === "\u202e");
const escapes = (text: string) => text.split(String.fromCharCode(27)).length - 1;

const hostileRecord = () =>
  record({
    caller: HOSTILE,
    callees: [HOSTILE],
    roomId: HOSTILE,
    callResult: `reject${HOSTILE}`,
    startCallTs: NOW - 600,
  });

function outputs(style = createStyle(false)) {
  const call = hostileRecord();
  const day = digestDay("2023-11-14", "UTC");
  const digest = createDigestAccumulator(day);
  digest.add({ ...call, startCallTs: day.startTs + 60 });
  return {
    search: formatSearchText(searchResult([call]), {
      timeZone: "UTC",
      style,
      description: "calls",
    }),
    lookup: formatLookupText(
      { found: [{ record: call, around: [{ ...call, callId: "n1" }] }], notFound: [HOSTILE] },
      { timeZone: "UTC", style },
    ),
    digest: formatDigestText(digest.result(), style),
  };
}

describe("the CLI's text output", () => {
  it.each(Object.entries(outputs()))(
    "%s: no control bytes, and the callee is still there",
    (_name, text) => {
      expect(forbidden(text)).toEqual([]);
      expect(text).toContain("mallory[31mbob");
    },
  );

  it("with colour, the only escapes are the CLI's own styling", () => {
    const styled = outputs(createStyle(true));
    // The same output for a harmless id has exactly as many escapes: none came from the vendor.
    const harmless = formatSearchText(searchResult([record({ startCallTs: NOW - 600 })]), {
      timeZone: "UTC",
      style: createStyle(true),
      description: "calls",
    });
    expect(escapes(styled.search)).toBe(escapes(harmless));
    expect(styled.search).not.toContain("\r");
  });
});
