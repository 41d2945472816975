import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallRecord } from "../../src/callkit/schemas.js";
import { runLookup } from "../../src/records/lookup.js";
import type { Simulator } from "../../src/testbed/callkit-sim/server.js";
import { newestFirst, SDK_APP_ID, simulator, source } from "./support.js";

const HOUR = 3600;

function call(id: string, fields: Partial<CallRecord>): CallRecord {
  const start = fields.startCallTs ?? 0;
  return {
    callId: id,
    sdkAppId: SDK_APP_ID,
    mediaType: "audio",
    roomId: `room-${id}`,
    startCallTs: start,
    acceptTs: 0,
    endTs: start + 30,
    caller: "alice",
    callees: ["bob"],
    totalUserNumber: 2,
    callType: "single",
    callResult: "normal_end",
    ...fields,
  };
}

describe("runLookup with a hand-made story", () => {
  let sim: Simulator;
  const t = Math.floor(Date.now() / 1000) - 3 * HOUR;
  const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
  const records = [
    call(uuid(1), { startCallTs: t, callResult: "interrupt", acceptTs: t + 2, endTs: t + 40 }),
    call(uuid(2), { startCallTs: t + 60, acceptTs: t + 63, endTs: t + 400 }), // the retry
    call(uuid(3), {
      startCallTs: t + 3000,
      caller: "erin",
      callees: ["bob"],
      callResult: "reject",
    }),
    call(uuid(4), {
      startCallTs: t - 3500,
      caller: "zed",
      callees: ["carol", "alice"],
      callType: "group",
    }),
    call(uuid(5), { startCallTs: t + 120, caller: "carol", callees: ["dave"] }), // other users
    call(uuid(6), { startCallTs: t + 60 + HOUR + 5, caller: "alice" }), // just outside 1 h
    call(uuid(7), { startCallTs: t - 2 * HOUR, caller: "bob" }), // well before
  ];

  beforeAll(async () => {
    sim = await simulator({ dataset: records });
  });
  afterAll(() => sim.stop());

  it("finds the call and the same users' calls within an hour either side, by start", async () => {
    const result = await runLookup(source(sim), [uuid(2)]);
    expect(result.notFound).toEqual([]);
    expect(result.found).toHaveLength(1);
    const story = result.found[0]!;
    expect(story.record).toMatchObject(records[1]!);
    expect(story.around.map((r) => r.callId)).toEqual([uuid(4), uuid(1), uuid(3)]);
  });

  it("answers unknown and malformed ids as not found, asking only about plausible ones", async () => {
    sim.stats.reset();
    const result = await runLookup(source(sim), [
      uuid(99),
      uuid(1),
      ` ${uuid(1)} `,
      "x".repeat(5000),
      "two words",
      "",
    ]);
    expect(result.found.map((s) => s.record.callId)).toEqual([uuid(1)]);
    expect(result.notFound).toEqual([uuid(99), "x".repeat(5000), "two words"]);
    expect(sim.stats.requests("callId")).toBe(2);
  });
});

describe("runLookup against a generated data set", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await simulator({ dataset: { seed: 11, days: 1, callsPerDay: 3000 } });
  });
  afterAll(() => sim.stop());

  it.each([0, 17, 250])("record %i: the story matches the data", async (index) => {
    const target = sim.dataset.at(index);
    const users = new Set([target.caller, ...target.callees]);
    const want = newestFirst(
      sim.dataset
        .query({ startTs: target.startCallTs - HOUR, endTs: target.startCallTs + HOUR + 1 })
        .filter(
          (r) =>
            r.callId !== target.callId &&
            (users.has(r.caller) || r.callees.some((c) => users.has(c))),
        ),
    ).reverse();
    const result = await runLookup(source(sim), [target.callId]);
    expect(result.found[0]?.record.callId).toBe(target.callId);
    expect(result.found[0]?.around.map((r) => r.callId)).toEqual(want.map((r) => r.callId));
  });
});
