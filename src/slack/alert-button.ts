import { z } from "zod";

/**
 * The value of an alert's Mute buttons: the rule's number and how long. The channel is the one
 * the message is in (the click's own), so a button can only mute a rule of the channel it is in.
 * It comes back from the outside: parsed with zod.
 */

export const ALERT_MUTE_ACTION_ID = "alert_mute";
export const ALERT_MUTE_TOMORROW_ACTION_ID = "alert_mute_tomorrow";
export const ALERT_SHOW_CALLS_ACTION_ID = "alert_show_calls";

const PREFIX = "alert.v1.";

const valueSchema = z.object({
  r: z.number().int().positive().max(1_000_000),
  m: z.union([
    z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60),
    z.literal("tomorrow"),
  ]),
});

export type MuteButton = { rule: number; mute: { minutes: number } | { untilTomorrow: true } };

export function encodeMuteButton(button: MuteButton): string {
  const m = "minutes" in button.mute ? button.mute.minutes : "tomorrow";
  return `${PREFIX}${JSON.stringify({ r: button.rule, m })}`;
}

export function decodeMuteButton(value: unknown): MuteButton | undefined {
  if (typeof value !== "string" || !value.startsWith(PREFIX) || value.length > 200)
    return undefined;
  try {
    const parsed = valueSchema.safeParse(JSON.parse(value.slice(PREFIX.length)));
    if (!parsed.success) return undefined;
    const { r, m } = parsed.data;
    return { rule: r, mute: m === "tomorrow" ? { untilTomorrow: true } : { minutes: m } };
  } catch {
    return undefined;
  }
}
