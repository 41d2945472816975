import { z } from "zod";
import { callFilterSchema, langSchema } from "./types.js";

/**
 * What an alert rule says, as the grammar produces it and the store keeps it (JSON, parsed with
 * zod on every read). The filter's results are what is counted; its other words (call type,
 * media, users, rooms) are the scope: `failed video calls > 20%` is failed video calls as a share
 * of all video calls.
 */

export const ALERT_MAX_WINDOW_MINUTES = 24 * 60;
/** Baseline rules: days of the archive compared with, at least. */
export const BASELINE_DAYS = 7;
/** Baseline rules: calls in scope below this in the window never page (three calls at night). */
export const DEFAULT_MIN_VOLUME = 20;
export const DEFAULT_BASELINE_WINDOW_MINUTES = 60;

const windowMinutes = z.number().int().min(1).max(ALERT_MAX_WINDOW_MINUTES);

export const alertConditionSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("percent"),
    /** Fires above this share (percent, exclusive). */
    above: z.number().positive().max(100),
    windowMinutes,
  }),
  z.object({
    kind: z.literal("count"),
    /** Fires above this many matching calls in the window (exclusive). */
    above: z.number().int().nonnegative(),
    windowMinutes,
  }),
  z.object({
    kind: z.literal("baseline"),
    windowMinutes,
    /** Calls in scope needed in the window before the rule may fire. */
    minVolume: z.number().int().positive(),
    /** Same-hour windows of this many past days make the baseline. */
    days: z.number().int().min(1).max(30),
  }),
]);
export type AlertCondition = z.infer<typeof alertConditionSchema>;

export const muteSchema = z.union([
  z.object({
    minutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60),
  }),
  z.object({ untilTomorrow: z.literal(true) }),
]);
export type MuteLength = z.infer<typeof muteSchema>;

export const alertCommandSchema = z.discriminatedUnion("action", [
  z.object({
    kind: z.literal("alert"),
    action: z.literal("on"),
    filter: callFilterSchema,
    condition: alertConditionSchema,
    lang: langSchema,
  }),
  z.object({ kind: z.literal("alert"), action: z.literal("list"), lang: langSchema }),
  z.object({
    kind: z.literal("alert"),
    action: z.enum(["off", "show"]),
    rule: z.number().int().positive(),
    lang: langSchema,
  }),
  z.object({
    kind: z.literal("alert"),
    action: z.literal("mute"),
    rule: z.number().int().positive(),
    mute: muteSchema,
    lang: langSchema,
  }),
]);
export type AlertCommand = z.infer<typeof alertCommandSchema>;
