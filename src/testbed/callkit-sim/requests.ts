import { z } from "zod";
import { CALL_TYPES } from "../../callkit/schemas.js";

/**
 * What a request to the simulator must look like, checked as the vendor checks it: query
 * parameters first (70001), the body's fields later (70001), a body that is not JSON (70009).
 * Messages name the parameter and never echo its value (it may be a signature).
 */

const uint = /^\d{1,10}$/;

export const queryParamsSchema = z.object({
  sdkappid: z
    .string({ error: "is required" })
    .regex(uint, { error: "must be the numeric SDKAppID" })
    .transform(Number),
  identifier: z.string({ error: "is required" }).min(1, { error: "must not be empty" }),
  usersig: z.string({ error: "is required" }).min(1, { error: "must not be empty" }),
  random: z
    .string({ error: "is required" })
    .regex(uint, { error: "must be an integer 0..4294967295" })
    .transform(Number)
    .refine((n) => n <= 4_294_967_295, { error: "must be an integer 0..4294967295" }),
  contenttype: z.literal("json", { error: "must be json" }),
});
export type QueryParams = z.infer<typeof queryParamsSchema>;

/**
 * numberPerPage above 1000 is refused rather than cut down: a client that asked for 5000 and
 * silently got 1000 would take the short page for the last one.
 */
export const MAX_PER_PAGE = 1000;
export const DEFAULT_PER_PAGE = 100;

const epochSeconds = z
  .int({
    error: (issue) =>
      issue.input === undefined
        ? "is required (epoch seconds)"
        : "must be an integer (epoch seconds)",
  })
  .nonnegative({
    error: "must not be negative",
  });

export const filterBodySchema = z.object(
  {
    startTimestamp: epochSeconds,
    endTimestamp: epochSeconds.optional(),
    callResult: z.string({ error: "must be a string" }).optional(),
    callType: z.enum(CALL_TYPES, { error: "must be single or group" }).optional(),
    numberPerPage: z
      .int({ error: "must be an integer" })
      .min(1, { error: `must be 1..${MAX_PER_PAGE}` })
      .max(MAX_PER_PAGE, { error: `must be 1..${MAX_PER_PAGE}` })
      .optional(),
    page: z
      .int({ error: "must be an integer" })
      .nonnegative({ error: "must not be negative" })
      .optional(),
  },
  { error: "the body must be a JSON object" },
);
export type FilterBody = z.infer<typeof filterBodySchema>;

export const callIdBodySchema = z.object(
  { callId: z.string({ error: "is required (a string)" }).min(1, { error: "must not be empty" }) },
  { error: "the body must be a JSON object" },
);

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

export function check<T>(schema: z.ZodType<T>, input: unknown, what: string): Checked<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const name = issue?.path.join(".") ?? "";
  return {
    ok: false,
    message: name
      ? `invalid ${what} ${name}: ${issue?.message}`
      : `invalid ${what}: ${issue?.message}`,
  };
}

/** JSON.parse that says "not JSON" instead of throwing. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
