import { z } from "zod";
import { CALL_TYPES, MEDIA_TYPES } from "../callkit/schemas.js";

/**
 * What the query language produces. Schemas (not just types) because a Query travels: it is
 * encoded into Slack button values and comes back from the outside, where it is parsed again.
 */

export const langSchema = z.enum(["en", "zh"]);
export type Lang = z.infer<typeof langSchema>;

/** A window of call start times, in epoch seconds: [startTs, endTs). */
export const windowSchema = z.object({
  startTs: z.number().int().nonnegative(),
  endTs: z.number().int().nonnegative(),
  /** Set when the start asked for was older than the API's 7 days and was moved up to it. */
  requestedStartTs: z.number().int().optional(),
});
export type TimeWindow = z.infer<typeof windowSchema>;

export const userFilterSchema = z.object({
  caller: z.array(z.string()).default([]),
  callee: z.array(z.string()).default([]),
  /** Caller or callee. */
  either: z.array(z.string()).default([]),
});
export type UserFilter = z.infer<typeof userFilterSchema>;

/** The filter words shared by searches and digest subscriptions. */
export const callFilterSchema = z.object({
  /** Results asked for; empty means every result. */
  results: z.array(z.string()).default([]),
  /** Call types asked for; empty means both. */
  callTypes: z.array(z.enum(CALL_TYPES)).default([]),
  /** Media asked for; empty means both. */
  mediaTypes: z.array(z.enum(MEDIA_TYPES)).default([]),
  users: userFilterSchema.default({ caller: [], callee: [], either: [] }),
  /** Room ids asked for (`room 7`, `房间 7`); absent or empty means any room. Matched locally. */
  rooms: z.array(z.string()).optional(),
});
export type CallFilter = z.infer<typeof callFilterSchema>;

export const searchQuerySchema = callFilterSchema.extend({
  kind: z.literal("search"),
  window: windowSchema,
  /** True when the text had no time words and the default (last 24 hours) applies. */
  defaultWindow: z.boolean().default(false),
  pageSize: z.number().int().min(1).max(100).default(20),
  lang: langSchema,
  /**
   * Decisions the parser made that the words alone do not show (a date's day/month order, which
   * Monday "last monday" is, ±30 min around a clock time), one short line each in `lang`.
   */
  notes: z.array(z.string()).optional(),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export const lookupQuerySchema = z.object({
  kind: z.literal("lookup"),
  callIds: z.array(z.string()).min(1),
  lang: langSchema,
});
export type LookupQuery = z.infer<typeof lookupQuerySchema>;

export const helpQuerySchema = z.object({ kind: z.literal("help"), lang: langSchema });
export type HelpQuery = z.infer<typeof helpQuerySchema>;

export const digestCommandSchema = z.object({
  kind: z.literal("digest"),
  action: z.enum(["on", "off", "show", "now"]),
  /** Local time of day for `on`; absent means the default 09:00. */
  at: z
    .object({ hour: z.number().int().min(0).max(23), minute: z.number().int().min(0).max(59) })
    .optional(),
  /** A Slack channel reference as typed (`<#C123|name>` or `#name`); absent means "here". */
  channel: z.string().optional(),
  filter: callFilterSchema,
  lang: langSchema,
});
export type DigestCommand = z.infer<typeof digestCommandSchema>;

export type Query = SearchQuery | LookupQuery | HelpQuery | DigestCommand;

export interface ParseError {
  kind: "error";
  lang: Lang;
  /** One or two sentences for a person: what was not understood and why. */
  message: string;
  /** Words left over, quoted back. */
  unknownWords: string[];
  /** Nearest known word for each typo (`rejcted` → `rejected`). */
  suggestions: { word: string; suggestion: string }[];
  /** Two example commands that would work. */
  examples: string[];
  /**
   * Set when the only problem is that the window lies wholly before the vendor's 7 days: the
   * search as asked (window unclamped), for a caller whose archive may reach back that far.
   */
  beyondReach?: SearchQuery;
  /**
   * Set when the words have more than one reading: the answer asks back instead of guessing.
   * `message` then says so; callers that cannot offer buttons show it as it is.
   */
  question?: ParseQuestion;
}

/** A question back: the unclear words quoted, and each likely reading as a complete search. */
export interface ParseQuestion {
  /** The words that have more than one reading, as typed. */
  unclear: string;
  /** Two or more readings, most likely first. */
  readings: Reading[];
}

export interface Reading {
  /** A short label for a button, in the query's language ("17:00 yesterday → 15:00 today"). */
  label: string;
  /** The search this reading runs (its window unclamped when older than the vendor's 7 days). */
  query: SearchQuery;
}

export interface ParseOptions {
  /** The reference instant. */
  now: Date;
  /** The user's IANA time zone. */
  timeZone: string;
}
