import { z } from "zod";
import { CALL_TYPES, type CallType, MEDIA_TYPES, type MediaType } from "../callkit/schemas.js";
import { instantOf } from "../query/time/wall.js";
import type { Lang } from "../query/types.js";
import { VOCABULARY } from "../query/vocabulary.js";
import { MONTH_ABBR } from "../time/calendar.js";
import { FORM_TEXT } from "./copy.js";

/**
 * The search form's inputs → the `/calls …` words that ask the same thing. The form never builds
 * a query itself: its words go through the query language like typed ones (one code path, and the
 * reply shows the words so people learn them). Pure; the listener parses Slack's state with zod.
 */

export const RANGE_PRESETS = [
  "last_1h",
  "last_2h",
  "last_24h",
  "today",
  "yesterday",
  "last_7d",
] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const RANGE_CHOICES = [...RANGE_PRESETS, "custom"] as const;
export type RangeChoice = (typeof RANGE_CHOICES)[number];

/** What the results picker offers: the failed group and each result, by the vocabulary's key. */
export const RESULT_CHOICES = [
  "failed",
  "cancel",
  "reject",
  "not_answer",
  "call_busy",
  "interrupt",
  "offline",
  "normal_end",
] as const;
export type ResultChoice = (typeof RESULT_CHOICES)[number];

export const USER_ROLES = ["either", "caller", "callee"] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** The form's block ids: field errors name them. */
export const FORM_BLOCKS = {
  range: "range",
  startDate: "start_date",
  startTime: "start_time",
  endDate: "end_date",
  endTime: "end_time",
  results: "results",
  callTypes: "call_types",
  media: "media",
  users: "users",
  role: "role",
} as const;
export type FormBlock = (typeof FORM_BLOCKS)[keyof typeof FORM_BLOCKS];

export const MAX_FORM_USERS = 10;
const USER_ID = /^[\w.@:+-]{1,64}$/u;

export interface SearchFormInput {
  range: RangeChoice;
  startDate?: string | undefined;
  startTime?: string | undefined;
  endDate?: string | undefined;
  endTime?: string | undefined;
  results: ResultChoice[];
  callTypes: CallType[];
  media: MediaType[];
  /** As typed: ids separated by spaces or commas. */
  users: string;
  role: UserRole;
}

// Slack's state.values: block_id → action_id → the element's value object.
const option = z.object({ value: z.string() });
const selectState = z.object({ selected_option: option.nullable().optional() }).passthrough();
const multiState = z.object({ selected_options: z.array(option).optional() }).passthrough();
const dateState = z.object({ selected_date: z.string().nullable().optional() }).passthrough();
const timeState = z.object({ selected_time: z.string().nullable().optional() }).passthrough();
const textState = z.object({ value: z.string().nullable().optional() }).passthrough();
const stateValuesSchema = z.record(z.string(), z.record(z.string(), z.unknown()));

/** The one element of a block (action_id = block_id in this form), parsed with its schema. */
function element<T extends z.ZodTypeAny>(
  values: Record<string, Record<string, unknown>>,
  block: string,
  schema: T,
): z.infer<T> | undefined {
  const found = values[block]?.[block];
  if (found === undefined) return undefined;
  const parsed = schema.safeParse(found);
  return parsed.success ? parsed.data : undefined;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}$/;

/** Slack's `view.state.values` → the form's input; anything unexpected reads as not given. */
export function readSearchForm(raw: unknown): SearchFormInput {
  const parsed = stateValuesSchema.safeParse(raw);
  const values = parsed.success ? parsed.data : {};
  const pick = (block: string) => element(values, block, selectState)?.selected_option?.value;
  const many = (block: string) =>
    (element(values, block, multiState)?.selected_options ?? []).map((o) => o.value);
  const date = (block: string) => {
    const value = element(values, block, dateState)?.selected_date ?? undefined;
    return value && DATE.test(value) ? value : undefined;
  };
  const time = (block: string) => {
    const value = element(values, block, timeState)?.selected_time ?? undefined;
    return value && TIME.test(value) ? value : undefined;
  };
  const range = pick(FORM_BLOCKS.range);
  const role = pick(FORM_BLOCKS.role);
  return {
    range: (RANGE_CHOICES as readonly string[]).includes(range ?? "")
      ? (range as RangeChoice)
      : "last_24h",
    startDate: date(FORM_BLOCKS.startDate),
    startTime: time(FORM_BLOCKS.startTime),
    endDate: date(FORM_BLOCKS.endDate),
    endTime: time(FORM_BLOCKS.endTime),
    results: many(FORM_BLOCKS.results).filter((v): v is ResultChoice =>
      (RESULT_CHOICES as readonly string[]).includes(v),
    ),
    callTypes: many(FORM_BLOCKS.callTypes).filter((v): v is CallType =>
      (CALL_TYPES as readonly string[]).includes(v),
    ),
    media: many(FORM_BLOCKS.media).filter((v): v is MediaType =>
      (MEDIA_TYPES as readonly string[]).includes(v),
    ),
    users: element(values, FORM_BLOCKS.users, textState)?.value ?? "",
    role: (USER_ROLES as readonly string[]).includes(role ?? "") ? (role as UserRole) : "either",
  };
}

export type FormWords =
  | { ok: true; words: string }
  | { ok: false; errors: Partial<Record<FormBlock, string>> };

const PRESET_WORDS: Record<RangePreset, Record<Lang, string>> = {
  last_1h: { en: "last 1 hour", zh: "最近1小时" },
  last_2h: { en: "last 2 hours", zh: "最近2小时" },
  last_24h: { en: "last 24 hours", zh: "最近24小时" },
  today: { en: "today", zh: "今天" },
  yesterday: { en: "yesterday", zh: "昨天" },
  last_7d: { en: "last 7 days", zh: "最近7天" },
};

const ROLE_WORDS: Record<UserRole, Record<Lang, string>> = {
  either: { en: "with", zh: "用户" },
  caller: { en: "caller", zh: "主叫" },
  callee: { en: "callee", zh: "被叫" },
};

function resultWord(choice: ResultChoice, lang: Lang): string {
  const words = choice === "failed" ? VOCABULARY.groups.failed : VOCABULARY.results[choice];
  return words[lang][0]!;
}

/** "Dec 1 2026 10:00": the one absolute form the query language reads across days in both languages. */
function moment(date: string, time: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return `${MONTH_ABBR[m]} ${d} ${y} ${time}`;
}

/**
 * The words for the form's input, or the field errors Slack shows under each input. Only what
 * the words cannot say is checked here (an end before its start, ids that are not ids); the rest
 * is the query language's to judge, in the same words a typed command gets.
 */
export function formWords(input: SearchFormInput, lang: Lang, timeZone: string): FormWords {
  const t = FORM_TEXT[lang];
  const errors: Partial<Record<FormBlock, string>> = {};
  const ids = input.users
    .split(/[\s,，、]+/u)
    .map((id) => id.trim())
    .filter((id) => id !== "");
  const badId = ids.find((id) => !USER_ID.test(id));
  if (badId !== undefined) errors.users = t.badUserId(badId.slice(0, 40));
  else if (ids.length > MAX_FORM_USERS) errors.users = t.tooManyUsers(MAX_FORM_USERS);

  let time: string;
  if (input.range === "custom") {
    if (!input.startDate) errors.start_date = t.startNeeded;
    if (!input.endDate) errors.end_date = t.endNeeded;
    const startTime = input.startTime ?? "00:00";
    const endTime = input.endTime ?? "00:00";
    if (input.startDate && input.endDate) {
      const at = (date: string, clock: string) => {
        const [y, m, d] = date.split("-").map(Number) as [number, number, number];
        const [h, min] = clock.split(":").map(Number) as [number, number];
        return instantOf({ year: y, month: m, day: d }, h, min, timeZone);
      };
      if (at(input.endDate, endTime) <= at(input.startDate, startTime))
        errors.end_date = t.endBeforeStart;
    }
    time =
      input.startDate && input.endDate
        ? `from ${moment(input.startDate, startTime)} to ${moment(input.endDate, endTime)}`
        : "";
  } else {
    time = PRESET_WORDS[input.range][lang];
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const results = input.results.includes("failed")
    ? ["failed", ...input.results.filter((r) => r === "normal_end")]
    : input.results;
  const parts = [
    ...(results as ResultChoice[]).map((r) => resultWord(r, lang)),
    ...input.callTypes.map((k) => VOCABULARY.callTypes[k][lang][0]!),
    ...input.media.map((k) => VOCABULARY.mediaTypes[k][lang][0]!),
    ...(lang === "en" ? ["calls"] : []),
    ...ids.map((id) => `${ROLE_WORDS[input.role][lang]} ${id}`),
    time,
  ];
  return { ok: true, words: parts.filter((p) => p !== "").join(" ") };
}

/** Where the form's answer goes, carried in the modal's private_metadata (≤ 3000 characters). */
export interface FormOrigin {
  /** The channel the form was opened from; absent when opened from the Home tab (answer by DM). */
  channelId?: string | undefined;
  lang: Lang;
}

const originSchema = z.object({
  c: z
    .string()
    .regex(/^[CGDW][A-Z0-9]{1,20}$/)
    .optional(),
  l: z.enum(["en", "zh"]),
});

export function encodeOrigin(origin: FormOrigin): string {
  return JSON.stringify({ ...(origin.channelId ? { c: origin.channelId } : {}), l: origin.lang });
}

/** undefined for metadata that is not ours (tampered or from an older form). */
export function decodeOrigin(raw: string | undefined): FormOrigin | undefined {
  try {
    const parsed = originSchema.safeParse(JSON.parse(raw ?? ""));
    return parsed.success ? { channelId: parsed.data.c, lang: parsed.data.l } : undefined;
  } catch {
    return undefined;
  }
}
