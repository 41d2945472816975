import { expect, it } from "vitest";
import { EXAMPLES, VOCABULARY } from "../../src/query/examples.js";
import { parse } from "../../src/query/parse.js";

const NOW = new Date("2026-11-25T06:30:00Z");

it.each([...EXAMPLES.en, ...EXAMPLES.zh])("example %s parses", (text) => {
  for (const timeZone of ["Asia/Shanghai", "America/Los_Angeles"]) {
    expect(parse(text, { now: NOW, timeZone }).kind).not.toBe("error");
  }
});

it("every vocabulary word is understood in both languages", () => {
  const groups = [
    VOCABULARY.results,
    VOCABULARY.groups,
    VOCABULARY.callTypes,
    VOCABULARY.mediaTypes,
  ];
  for (const group of groups) {
    for (const words of Object.values(group)) {
      for (const word of [...words.en, ...words.zh]) {
        expect(parse(`${word} today`, { now: NOW, timeZone: "Asia/Shanghai" }).kind, word).toBe(
          "search",
        );
      }
    }
  }
});
