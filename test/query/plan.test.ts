import { expect, describe as group, it } from "vitest";
import type { CallRecord } from "../../src/callkit/schemas.js";
import { plan } from "../../src/query/plan.js";
import type { CallFilter } from "../../src/query/types.js";

const window = { startTs: 1_000, endTs: 2_000 };
const none = { caller: [], callee: [], either: [] };
const q = (over: Partial<CallFilter>) => ({
  results: [],
  callTypes: [],
  mediaTypes: [],
  users: none,
  window,
  ...over,
});
const FAILED = ["cancel", "reject", "not_answer", "call_busy", "interrupt", "offline"];

function record(over: Partial<CallRecord>): CallRecord {
  return {
    callId: "c",
    sdkAppId: 1,
    mediaType: "video",
    roomId: "7",
    startCallTs: 1_500,
    acceptTs: 0,
    endTs: 1_600,
    caller: "alice",
    totalUserNumber: 2,
    callType: "single",
    callResult: "reject",
    callees: ["bob"],
    ...over,
  };
}

group("plan", () => {
  it.each([
    ["every result", q({}), "api-filter", [{ startTimestamp: 1_000, endTimestamp: 2_000 }]],
    [
      "one result",
      q({ results: ["reject"] }),
      "api-filter",
      [{ startTimestamp: 1_000, endTimestamp: 2_000, callResult: "reject" }],
    ],
    [
      "one call type",
      q({ callTypes: ["group"] }),
      "api-filter",
      [{ startTimestamp: 1_000, endTimestamp: 2_000, callType: "group" }],
    ],
    [
      "both call types",
      q({ callTypes: ["single", "group"] }),
      "api-filter",
      [{ startTimestamp: 1_000, endTimestamp: 2_000 }],
    ],
    [
      "failed",
      q({ results: FAILED }),
      "per-result",
      FAILED.map((callResult) => ({ startTimestamp: 1_000, endTimestamp: 2_000, callResult })),
    ],
    [
      "two failures, video group",
      q({ results: ["reject", "cancel"], callTypes: ["group"], mediaTypes: ["video"] }),
      "per-result",
      [
        { startTimestamp: 1_000, endTimestamp: 2_000, callType: "group", callResult: "reject" },
        { startTimestamp: 1_000, endTimestamp: 2_000, callType: "group", callResult: "cancel" },
      ],
    ],
    [
      "completed or rejected",
      q({ results: ["normal_end", "reject"] }),
      "local-filter",
      [{ startTimestamp: 1_000, endTimestamp: 2_000 }],
    ],
  ] as const)("%s", (_name, query, strategy, filters) => {
    const p = plan(query);
    expect(p.strategy).toBe(strategy);
    expect(p.filters).toEqual(filters);
    expect(p.reason.length).toBeGreaterThan(10);
  });

  it.each([
    ["window start is in", q({}), record({ startCallTs: 1_000 }), true],
    ["window end is out", q({}), record({ startCallTs: 2_000 }), false],
    ["result set, member", q({ results: ["normal_end", "reject"] }), record({}), true],
    ["result set, not member", q({ results: ["normal_end", "cancel"] }), record({}), false],
    ["media", q({ mediaTypes: ["audio"] }), record({}), false],
    ["caller", q({ users: { ...none, caller: ["alice"] } }), record({}), true],
    ["caller is not callee", q({ users: { ...none, callee: ["alice"] } }), record({}), false],
    [
      "callee among several",
      q({ users: { ...none, callee: ["carol"] } }),
      record({ callees: ["bob", "carol"] }),
      true,
    ],
    ["either, as callee", q({ users: { ...none, either: ["bob"] } }), record({}), true],
    ["either, absent", q({ users: { ...none, either: ["zed"] } }), record({}), false],
    ["room", q({ rooms: ["8"] }), record({}), false],
    ["unknown result passes an open filter", q({}), record({ callResult: "offline_v2" }), true],
  ] as const)("matches: %s", (_name, query, rec, expected) => {
    expect(plan(query).matches(rec)).toBe(expected);
  });
});
