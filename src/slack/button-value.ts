import { z } from "zod";
import { CALL_TYPES, MEDIA_TYPES } from "../callkit/schemas.js";
import { type Lang, langSchema, type SearchQuery, searchQuerySchema } from "../query/types.js";
import { API_REACH_SECONDS } from "../query/window.js";
import { BUTTON_PROBLEM_TEXT } from "./copy.js";

/**
 * Buttons are stateless: their `value` carries everything a click needs, in a compact, versioned
 * form. The value comes back from the outside, so it is parsed with zod like any other input.
 */

export const BUTTON_VALUE_LIMIT = 2000;
const VERSION = "v1";

export type ButtonPayload =
  | { kind: "page"; query: SearchQuery; pageIndex: number; words?: string }
  | { kind: "lookup"; callIds: string[]; lang: Lang };

const idList = z.array(z.string().min(1).max(512)).max(100);

const compactSchema = z.discriminatedUnion("k", [
  z.object({
    k: z.literal("p"),
    r: z.array(z.string().min(1).max(64)).max(20),
    t: z.array(z.enum(CALL_TYPES)).max(2),
    m: z.array(z.enum(MEDIA_TYPES)).max(2),
    u: z.tuple([idList, idList, idList]),
    o: idList.optional(),
    w: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
    q: z.number().int().nonnegative().optional(),
    d: z.union([z.literal(0), z.literal(1)]),
    z: z.number().int().min(1).max(100),
    l: langSchema,
    p: z.number().int().min(0).max(100_000),
    /** The words asked, for the Save button of the next page (absent on older values). */
    s: z.string().min(1).max(500).optional(),
  }),
  z.object({
    k: z.literal("l"),
    c: z.array(z.string().min(1).max(128)).min(1).max(50),
    l: langSchema,
  }),
]);
type Compact = z.infer<typeof compactSchema>;

function toCompact(payload: ButtonPayload): Compact {
  if (payload.kind === "lookup") return { k: "l", c: payload.callIds, l: payload.lang };
  const { query } = payload;
  return {
    k: "p",
    r: query.results,
    t: query.callTypes,
    m: query.mediaTypes,
    u: [query.users.caller, query.users.callee, query.users.either],
    // Rooms are rare: the key is left out when there are none, so v1 values stay as they were.
    ...(query.rooms && query.rooms.length > 0 ? { o: query.rooms } : {}),
    w: [query.window.startTs, query.window.endTs],
    ...(query.window.requestedStartTs !== undefined ? { q: query.window.requestedStartTs } : {}),
    d: query.defaultWindow ? 1 : 0,
    z: query.pageSize,
    l: query.lang,
    p: payload.pageIndex,
    ...(payload.words ? { s: payload.words } : {}),
  };
}

function fromCompact(compact: Compact): ButtonPayload {
  if (compact.k === "l") return { kind: "lookup", callIds: compact.c, lang: compact.l };
  const query = searchQuerySchema.parse({
    kind: "search",
    results: compact.r,
    callTypes: compact.t,
    mediaTypes: compact.m,
    users: { caller: compact.u[0], callee: compact.u[1], either: compact.u[2] },
    ...(compact.o ? { rooms: compact.o } : {}),
    window: {
      startTs: compact.w[0],
      endTs: compact.w[1],
      ...(compact.q !== undefined ? { requestedStartTs: compact.q } : {}),
    },
    defaultWindow: compact.d === 1,
    pageSize: compact.z,
    lang: compact.l,
  });
  return { kind: "page", query, pageIndex: compact.p, ...(compact.s ? { words: compact.s } : {}) };
}

/** The button value, or undefined when it would not fit Slack's 2000 characters (no button then). */
export function encodeButtonValue(payload: ButtonPayload): string | undefined {
  const value = `${VERSION}.${JSON.stringify(toCompact(payload))}`;
  return value.length <= BUTTON_VALUE_LIMIT ? value : undefined;
}

export type DecodeProblem = "stale" | "tampered" | "expired";

export type DecodeResult =
  | { ok: true; payload: ButtonPayload }
  | { ok: false; problem: DecodeProblem; message: string };

/** `now` is accepted for callers' sake; expiry is judged by beyondVendorReach (see there). */
export function decodeButtonValue(
  value: string | undefined,
  options: { now?: Date; lang?: Lang } = {},
): DecodeResult {
  const lang = options.lang ?? "en";
  const fail = (problem: DecodeProblem): DecodeResult => ({
    ok: false,
    problem,
    message: BUTTON_PROBLEM_TEXT[problem][lang],
  });
  if (value === undefined || value.length > BUTTON_VALUE_LIMIT) return fail("tampered");
  const dot = value.indexOf(".");
  const version = dot > 0 ? value.slice(0, dot) : "";
  if (!/^v\d+$/.test(version)) return fail("tampered");
  if (version !== VERSION) return fail("stale");
  let json: unknown;
  try {
    json = JSON.parse(value.slice(dot + 1));
  } catch {
    return fail("tampered");
  }
  const parsed = compactSchema.safeParse(json);
  if (!parsed.success) return fail("tampered");
  let payload: ButtonPayload;
  try {
    payload = fromCompact(parsed.data);
  } catch {
    return fail("tampered");
  }
  if (payload.kind === "page") {
    const { window } = payload.query;
    if (window.startTs > window.endTs) return fail("tampered");
  }
  return { ok: true, payload };
}

/**
 * True when a page's window ended before the vendor's 7 days: the vendor can no longer read it.
 * Not decided while decoding: an archive may still hold the window, which the page listener asks.
 */
export function beyondVendorReach(query: SearchQuery, now: Date): boolean {
  const oldestReadable = Math.floor(now.getTime() / 1000) - API_REACH_SECONDS;
  return query.window.endTs <= oldestReadable;
}

export function expiredMessage(lang: Lang): string {
  return BUTTON_PROBLEM_TEXT.expired[lang];
}

/** The Save button under an answer: the words asked (not the times they resolved to) and the language. */
export interface SaveValue {
  words: string;
  lang: Lang;
}

const SAVE_VERSION = "s1";
const saveSchema = z.object({ w: z.string().trim().min(1).max(500), l: langSchema });

export function encodeSaveValue(value: SaveValue): string | undefined {
  const encoded = `${SAVE_VERSION}.${JSON.stringify({ w: value.words, l: value.lang })}`;
  return encoded.length <= BUTTON_VALUE_LIMIT ? encoded : undefined;
}

export function decodeSaveValue(value: string | undefined): SaveValue | undefined {
  if (!value?.startsWith(`${SAVE_VERSION}.`) || value.length > BUTTON_VALUE_LIMIT) return undefined;
  try {
    const parsed = saveSchema.safeParse(JSON.parse(value.slice(SAVE_VERSION.length + 1)));
    return parsed.success ? { words: parsed.data.w, lang: parsed.data.l } : undefined;
  } catch {
    return undefined;
  }
}
