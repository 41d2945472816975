/**
 * Test-side wall-clock conversion done independently of the code under test (Intl only, no
 * @date-fns/tz), so a table row states its expectation in the words a person would use.
 */

function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** Epoch seconds of a wall-clock time in a zone. */
export function zoned(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  let instant = guess - offsetMs(guess, timeZone);
  instant = guess - offsetMs(instant, timeZone);
  return Math.floor(instant / 1000);
}

/** The wall-clock date in a zone, shifted by whole calendar days. */
export function wallDate(
  instantMs: number,
  timeZone: string,
  addDays = 0,
): [number, number, number] {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  })
    .format(new Date(instantMs))
    .split("-")
    .map(Number);
  const d = new Date(Date.UTC(parts[0]!, parts[1]! - 1, parts[2]! + addDays));
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}
