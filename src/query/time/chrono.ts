import type * as chrono from "chrono-node";
// The two locales the grammar uses, not the package index (which loads all 16 of chrono's
// locales: ~930 modules at start-up).
import * as en from "chrono-node/en";
import * as zhHans from "chrono-node/zh/hans";
import type { Text } from "../text.js";
import type { ClockPoint, TimeFacts } from "./facts.js";
import { isRealDate, type WallDate, type WallTime } from "./wall.js";

/**
 * Clock times, dates and explicit ranges, by chrono. chrono is handed the user's wall clock
 * labelled as UTC (its IANA support is silently broken, and its Chinese parsers read the server's
 * clock), and only the components it is *certain* of are used: everything implied (the day of a
 * bare clock time, the year of a date) is decided here, on the user's own clock.
 */

type Component = Parameters<chrono.ParsedComponents["get"]>[0];

// China's users mean +08:00 by CST, not US Central.
const OPTIONS = { timezones: { CST: 480 } };
const PARSERS: [chrono.Chrono, RegExp][] = [
  [zhHans.casual, /[\u3400-\u9fff]/],
  [
    en.casual,
    /\d|noon|midnight|now|ago|later|tomorrow|today|tonight|yesterday|morning|afternoon|evening|night|second|minute|hour|day|week|month|year|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/,
  ],
];
const EXPLICIT_UTC = /(?<![a-z])(?:utc|gmt)(?![a-z])|\dz(?![a-z])|[+-]00:?00/;

export function takeChronoTimes(text: Text, wall: WallTime, facts: TimeFacts): void {
  const reference = {
    instant: new Date(
      Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second),
    ),
    timezone: 0,
  };
  const today = { year: wall.year, month: wall.month, day: wall.day };
  // Mixed text: Chinese first, then English over what is left. Each parser runs only when the
  // text still holds something it could read (a parse costs ~0.2 ms).
  for (const [parser, worth] of PARSERS) {
    if (!worth.test(text.rest)) continue;
    const results = parser.parse(text.rest, reference, OPTIONS);
    for (const result of results) {
      if (!accept(result, today, facts)) continue;
      facts.phrases.push(result.text.trim());
      text.blank(result.index, result.index + result.text.length);
    }
  }
}

function accept(result: chrono.ParsedResult, today: WallDate, facts: TimeFacts): boolean {
  const start = result.start;
  const date = certainDate(start, today);
  if (date === "invalid") return false;
  if (!start.isCertain("hour")) {
    if (!date) return false;
    facts.days.push(date);
    return true;
  }
  const point = clockPoint(start, date, result.text);
  const endDate = result.end ? certainDate(result.end, today) : undefined;
  if (endDate === "invalid") return false;
  const end = result.end?.isCertain("hour")
    ? clockPoint(result.end, endDate, result.text)
    : undefined;
  facts.points.push(end ? { start: point, end } : { start: point });
  return true;
}

/** The date the text names; a missing year is this year. */
function certainDate(
  components: chrono.ParsedComponents,
  today: WallDate,
): WallDate | undefined | "invalid" {
  if (!components.isCertain("day") || !components.isCertain("month")) return undefined;
  const month = get(components, "month");
  const day = get(components, "day");
  let date: WallDate = { year: today.year, month, day };
  // A date without a year stays in this year even when still ahead: last year's would be far
  // beyond the API's 7 days anyway, and "that is in the future" is the more helpful answer.
  if (components.isCertain("year")) date = { ...date, year: get(components, "year") };
  return isRealDate(date) ? date : "invalid";
}

function clockPoint(
  components: chrono.ParsedComponents,
  date: WallDate | undefined,
  text: string,
): ClockPoint {
  const offset = components.isCertain("timezoneOffset") ? components.get("timezoneOffset") : null;
  const explicitZone =
    offset !== null && offset !== undefined && (offset !== 0 || EXPLICIT_UTC.test(text));
  const point: ClockPoint = {
    hour: get(components, "hour"),
    minute: components.isCertain("minute") ? get(components, "minute") : 0,
    meridiemCertain: components.isCertain("meridiem") || get(components, "hour") > 12,
  };
  if (date) point.date = date;
  if (explicitZone) point.offsetMinutes = offset;
  return point;
}

function get(components: chrono.ParsedComponents, name: Component): number {
  return components.get(name) ?? 0;
}
