import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fastCallRecord } from "../../src/callkit/fast-record.js";
import { callRecordSchema } from "../../src/callkit/schemas.js";

/** The fast lane must take exactly what the schema takes, and give back what the schema gives. */

const anything = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.string(),
  fc.constant(""),
  fc.integer(),
  fc.double(),
  fc.constant(2 ** 60),
  fc.boolean(),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 3 }),
  fc.constantFrom("v1", "v4", "v5"),
  fc.object({ maxDepth: 1 }),
);

const good = {
  callId: fc.uuid(),
  sdkAppId: fc.integer({ min: 1 }),
  mediaType: fc.constantFrom("video", "audio", "hologram"),
  roomId: fc.oneof(fc.string(), fc.integer()),
  startCallTs: fc.integer({ min: 0 }),
  acceptTs: fc.oneof(fc.integer({ min: 0 }), fc.constant(null)),
  endTs: fc.oneof(fc.integer({ min: 0 }), fc.constant(null)),
  caller: fc.string(),
  totalUserNumber: fc.integer({ min: 0 }),
  callType: fc.constantFrom("single", "group"),
  callResult: fc.constantFrom("normal_end", "interrupt", "teleported"),
  callees: fc.array(fc.string(), { maxLength: 4 }),
};
const keys = Object.keys(good) as (keyof typeof good)[];

/** A record close to valid: each field is kept, dropped, or replaced by anything. */
const nearRecord = fc
  .tuple(
    fc.record(good),
    fc.array(
      fc.tuple(fc.constantFrom(...keys, "generation", "members", "roomIdType", "extra"), anything),
      {
        maxLength: 3,
      },
    ),
    fc.array(fc.constantFrom(...keys), { maxLength: 2 }),
  )
  .map(([record, replaced, dropped]) => {
    const out: Record<string, unknown> = { ...record };
    for (const [key, value] of replaced) out[key] = value;
    for (const key of dropped) delete out[key];
    return out;
  });

describe("fastCallRecord", () => {
  it("agrees with callRecordSchema on near-valid and broken records", () => {
    const seen = { valid: 0, invalid: 0 };
    fc.assert(
      fc.property(nearRecord, (input) => {
        const zod = callRecordSchema.safeParse(input);
        const fast = fastCallRecord(input);
        seen[zod.success ? "valid" : "invalid"]++;
        if (zod.success) expect(fast).toEqual(zod.data);
        else expect(fast).toBeUndefined();
      }),
      { numRuns: 3000 },
    );
    // Both sides of the boundary were tried, many times.
    expect(seen.valid).toBeGreaterThan(300);
    expect(seen.invalid).toBeGreaterThan(300);
  });

  it.each([[null], [[]], ["a record"], [42]])("leaves %j to the schema", (input) => {
    expect(fastCallRecord(input)).toBeUndefined();
    expect(callRecordSchema.safeParse(input).success).toBe(false);
  });
});
