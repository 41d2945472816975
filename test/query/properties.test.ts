import fc from "fast-check";
import { expect, it } from "vitest";
import { parseStrict } from "../../src/query/parse.js";

const ZONES = ["Asia/Shanghai", "America/Los_Angeles", "Europe/Berlin", "UTC", "Asia/Kolkata"];
const WORDS = [
  "failed",
  "video",
  "calls",
  "last",
  "2",
  "hours",
  "since",
  "9am",
  "yesterday",
  "from",
  "to",
  "10086",
  "between",
  "and",
  "3pm",
  "before",
  "monday",
  "tonight",
  "week",
  "this",
  "30m",
  "around",
  "user",
  "room",
  "7",
  "at",
  "11/25",
  "昨天",
  "最近",
  "两",
  "小时",
  "内",
  "下午",
  "3点",
  "到",
  "5点",
  "以来",
  "上周",
  "周一",
  "晚上",
  "拒接",
  "主叫",
  "前天",
  "现在",
  "从",
  "半",
  "天",
  "digest",
  "日报",
  "开启",
  "3h30m",
  "hung up",
  "11/12",
  "3/4",
  "5pm",
  "一个半小时",
  "打不通",
  "自",
  "until",
  "-2h",
  "0m",
  "2026-02-30",
];
// 2026, covering both DST changes in the US and the EU.
const instant = fc.date({
  min: new Date("2026-01-01T00:00:00Z"),
  max: new Date("2026-12-31T00:00:00Z"),
  noInvalidDate: true,
});
const wordSoup = fc.array(fc.constantFrom(...WORDS), { maxLength: 8 }).map((w) => w.join(" "));

it("no string makes parse throw", () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string({ maxLength: 80 }),
        fc.string({ unit: "binary", maxLength: 40 }),
        wordSoup,
      ),
      instant,
      fc.constantFrom(...ZONES),
      (text, now, timeZone) => {
        parseStrict(text, { now, timeZone });
      },
    ),
    { numRuns: 400 },
  );
});

it("every window found lies within the API's 7 days and never ends in the future", () => {
  fc.assert(
    fc.property(wordSoup, instant, fc.constantFrom(...ZONES), (text, now, timeZone) => {
      const query = parseStrict(text, { now, timeZone });
      if (query.kind !== "search") return;
      const nowTs = Math.floor(now.getTime() / 1000);
      const { startTs, endTs, requestedStartTs } = query.window;
      expect(startTs).toBeGreaterThanOrEqual(nowTs - 7 * 86400);
      expect(startTs).toBeLessThan(endTs);
      expect(endTs).toBeLessThanOrEqual(nowTs);
      if (requestedStartTs !== undefined) expect(requestedStartTs).toBeLessThan(startTs);
    }),
    { numRuns: 400 },
  );
});

it("errors always explain and offer two examples", () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ maxLength: 40 }), wordSoup), instant, (text, now) => {
      const query = parseStrict(text, { now, timeZone: "Asia/Shanghai" });
      if (query.kind !== "error") return;
      expect(query.message.length).toBeGreaterThan(0);
      expect(query.examples).toHaveLength(2);
    }),
    { numRuns: 200 },
  );
});

it("a question back always offers two or more readings, each a searchable window in the past", () => {
  let asked = 0;
  fc.assert(
    fc.property(wordSoup, instant, fc.constantFrom(...ZONES), (text, now, timeZone) => {
      const query = parseStrict(text, { now, timeZone });
      if (query.kind !== "error" || !query.question) return;
      asked++;
      const nowTs = Math.floor(now.getTime() / 1000);
      expect(query.question.unclear.length).toBeGreaterThan(0);
      expect(query.question.readings.length).toBeGreaterThanOrEqual(2);
      for (const { label, query: reading } of query.question.readings) {
        expect(label.length).toBeGreaterThan(0);
        expect(reading.kind).toBe("search");
        expect(reading.window.startTs).toBeLessThan(reading.window.endTs);
        expect(reading.window.endTs).toBeLessThanOrEqual(nowTs);
      }
    }),
    { numRuns: 400 },
  );
  // Not vacuous: the word soup does produce questions.
  expect(asked).toBeGreaterThan(0);
});
