import type { CallFilter } from "../../src/query/types.js";
import { wallDate, zoned } from "./zoned.js";

/** The expectation language of the phrase tables, resolved in a zone against a fixed `now`. */

export type At =
  | "now"
  | "min"
  | `-${number}${"m" | "h" | "d"}`
  | [number, string]
  | [string, string]
  | { iso: string };

export interface WindowExpectation {
  start: At;
  end: At;
  requested?: At;
  filter?: Partial<Pick<CallFilter, "results" | "callTypes" | "mediaTypes" | "rooms">> & {
    users?: Partial<CallFilter["users"]>;
  };
  pageSize?: number;
  defaultWindow?: boolean;
  /** A decision the reply must state (`read as yesterday's`, `Monday of last week`). */
  note?: RegExp;
}
/** A question back: the message, and each reading's window (and results, when they differ). */
export interface QuestionExpectation {
  question: RegExp;
  readings: [start: At, end: At, results?: string[]][];
}
export interface ErrorExpectation {
  error: RegExp;
  unknown?: string[];
  suggestion?: [string, string];
}
export type Expectation =
  | WindowExpectation
  | ErrorExpectation
  | QuestionExpectation
  | { kind: "help" };
export type Row = [phrase: string, expected: Expectation | { sh: Expectation; la: Expectation }];

export const SH = "Asia/Shanghai";
export const LA = "America/Los_Angeles";

function clockOf(nowMs: number, timeZone: string): [number, number] {
  const [h, m] = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  })
    .format(new Date(nowMs))
    .split(":")
    .map(Number);
  return [h!, m!];
}

export function resolveAt(at: At, nowMs: number, timeZone: string): number {
  const nowTs = Math.floor(nowMs / 1000);
  if (at === "now") return nowTs;
  // The API's 7 days, less the two minutes kept in hand for the vendor's clock.
  if (at === "min") return nowTs - 7 * 86400 + 120;
  if (typeof at === "string") {
    const amount = Number(at.slice(1, -1));
    const unit = at.slice(-1);
    if (unit === "m") return nowTs - amount * 60;
    if (unit === "h") return nowTs - amount * 3600;
    const [y, mo, d] = wallDate(nowMs, timeZone, -amount);
    const [h, mi] = clockOf(nowMs, timeZone);
    return zoned(y, mo, d, h, mi, timeZone) + (nowTs % 60);
  }
  if (!Array.isArray(at)) return Math.floor(Date.parse(at.iso) / 1000);
  const [day, clock] = at;
  const [h, mi] = clock.split(":").map(Number) as [number, number];
  const [y, mo, d] =
    typeof day === "number"
      ? wallDate(nowMs, timeZone, day)
      : (day.split("-").map(Number) as [number, number, number]);
  return zoned(y, mo, d, h, mi, timeZone);
}

export const FAILED = ["cancel", "reject", "not_answer", "call_busy", "interrupt", "offline"];
/** Never connected: failed less interrupted. */
export const UNCONNECTED = ["cancel", "reject", "not_answer", "call_busy", "offline"];
