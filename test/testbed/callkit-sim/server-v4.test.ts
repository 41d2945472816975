import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallRecord } from "../../../src/callkit/schemas.js";
import { type Simulator, startSimulator } from "../../../src/testbed/callkit-sim/server.js";
import {
  ADMIN,
  DAY,
  NOW_MS,
  NOW_SEC,
  record,
  SDK_APP_ID,
  SECRET_KEY,
  signedParams,
} from "./server-helpers.js";
import { forgeUserSig } from "./sig-helpers.js";

/** The simulator's second generation over real HTTP: paths, envelope, values, codes, limits. */

interface V4Answer {
  ActionStatus: string;
  ErrorCode: number;
  ErrorInfo: string;
  RequestId: string;
  Response?: {
    TotalNum?: number;
    Page?: number;
    CallRecordList?: Record<string, unknown>[];
    CallRecord?: Record<string, unknown>;
  };
}

async function postV4(
  sim: Simulator,
  which: "filter" | "callid",
  body: unknown,
  params = signedParams(),
): Promise<V4Answer> {
  const response = await fetch(
    `${sim.url}/v4/call_record_http_srv/get_record_by_${which}?${params}`,
    { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
  );
  expect(response.status).toBe(200);
  return (await response.json()) as V4Answer;
}

const records: CallRecord[] = Array.from({ length: 45 }, (_, i) =>
  record(i, {
    callResult: i === 0 ? "mystery_result" : i % 3 === 0 ? "normal_end" : "not_answer",
    callType: i % 4 === 0 ? "group" : "single",
    callees: i % 4 === 0 ? ["u_a", "u_b"] : ["u_a"],
    acceptTs: i % 3 === 0 ? NOW_SEC - 3600 + i * 60 + 5 : undefined,
  }),
);

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({
    sdkAppId: SDK_APP_ID,
    secretKey: SECRET_KEY,
    now: () => NOW_MS,
    dataset: records,
    generation: "v4",
    v4: { maxPerPage: 20, rateLimit: 12 },
  });
});
afterAll(() => sim.stop());

describe("the simulator's v4", () => {
  it("answers in v4's envelope with PascalCase fields and values, caller among the members", async () => {
    const answer = await postV4(sim, "filter", { StartTime: NOW_SEC - DAY, Page: 1 });
    expect(answer).toMatchObject({ ActionStatus: "OK", ErrorCode: 0, ErrorInfo: "" });
    expect(answer.RequestId).toMatch(/^Id-[0-9a-f]{32}-O-Seq-\d+$/);
    // Default page size 10, pages start at 1, TotalNum the whole query's.
    expect(answer.Response?.TotalNum).toBe(45);
    expect(answer.Response?.Page).toBe(1);
    const list = answer.Response?.CallRecordList ?? [];
    expect(list).toHaveLength(10);
    const newest = list[0] as Record<string, unknown>;
    expect(newest).toEqual({
      CallId: "call-044",
      Caller_Account: "user_44",
      CalleeList_Account: ["user_44", "u_a", "u_b"],
      MediaType: "Video",
      CallType: "MultiCall",
      StartTime: NOW_SEC - 3600 + 44 * 60,
      AcceptTime: 0,
      EndTime: NOW_SEC - 3600 + 44 * 60 + 20,
      CallResult: "NotAnswer",
      RoomId: "1044",
      RoomIdType: 1,
    });
    expect(newest).not.toHaveProperty("SdkAppId");
    expect(newest).not.toHaveProperty("TotalUserNumber");
  });

  it("cuts NumberPerPage down to its maximum without saying so", async () => {
    const answer = await postV4(sim, "filter", { StartTime: NOW_SEC - DAY, NumberPerPage: 100 });
    expect(answer.Response?.CallRecordList).toHaveLength(20);
    expect(answer.Response?.TotalNum).toBe(45);
  });

  it("keeps a result value it has no word for, and honours CallResult / CallType when sent", async () => {
    const all = await postV4(sim, "filter", {
      StartTime: NOW_SEC - DAY,
      NumberPerPage: 20,
      Page: 3,
    });
    expect(all.Response?.CallRecordList?.at(-1)).toMatchObject({
      CallId: "call-000",
      CallResult: "mystery_result",
    });
    const answered = await postV4(sim, "filter", {
      StartTime: NOW_SEC - DAY,
      CallResult: "NormalEnd",
      CallType: "SingleCall",
      NumberPerPage: 20,
    });
    const expected = records.filter(
      (r) => r.callResult === "normal_end" && r.callType === "single",
    );
    expect(answered.Response?.TotalNum).toBe(expected.length);
  });

  it("raises a StartTime older than 7 days instead of refusing it, and says 101050 when nothing matches", async () => {
    const old = await postV4(sim, "filter", { StartTime: 0 });
    expect(old.ErrorCode).toBe(0);
    const none = await postV4(sim, "filter", { StartTime: NOW_SEC - DAY, Page: 9 });
    expect(none).toMatchObject({ ActionStatus: "FAIL", ErrorCode: 101050 });
    const byId = await postV4(sim, "callid", { CallId: "no-such-call" });
    expect(byId.ErrorCode).toBe(101050);
  });

  it("answers one call by CallId under Response.CallRecord", async () => {
    const answer = await postV4(sim, "callid", { CallId: "call-003" });
    expect(answer.Response?.CallRecord).toMatchObject({
      CallId: "call-003",
      CallResult: "NormalEnd",
      AcceptTime: NOW_SEC - 3600 + 3 * 60 + 5,
    });
  });

  it("reads the UserSig with v4's codes: expired 70001, wrong key 70009, another identifier 70013, not admin 60010", async () => {
    const sig = (over: Partial<Parameters<typeof forgeUserSig>[0]>) =>
      forgeUserSig({
        sdkAppId: SDK_APP_ID,
        identifier: ADMIN,
        key: SECRET_KEY,
        timeSec: NOW_SEC - 60,
        expire: 3600,
        ...over,
      });
    const body = { StartTime: NOW_SEC - DAY };
    const code = async (params: URLSearchParams) =>
      (await postV4(sim, "filter", body, params)).ErrorCode;
    expect(await code(signedParams({ usersig: sig({ timeSec: NOW_SEC - 7200 }) }))).toBe(70001);
    expect(await code(signedParams({ usersig: sig({ key: "another-key" }) }))).toBe(70009);
    expect(await code(signedParams({ usersig: sig({ identifier: "bob" }) }))).toBe(70013);
    expect(
      await code(signedParams({ identifier: "bob", usersig: sig({ identifier: "bob" }) })),
    ).toBe(60010);
    expect(await code(signedParams({ contenttype: undefined }))).toBe(60002);
    // v1 reads the same expired signature as its own 70003.
    const v1 = await fetch(
      `${sim.url}/v1/records/get_records_by_filter?${signedParams({ usersig: sig({ timeSec: NOW_SEC - 7200 }) })}`,
      { method: "POST", body: JSON.stringify({ startTimestamp: NOW_SEC - DAY }) },
    );
    expect(((await v1.json()) as { errorCode: number }).errorCode).toBe(70003);
  });

  it("limits v4 on its own (60007) and keeps v1 out of v4's data", async () => {
    await new Promise((resolve) => setTimeout(resolve, 1100));
    sim.stats.reset();
    const codes = await Promise.all(
      Array.from({ length: 16 }, () =>
        postV4(sim, "filter", { StartTime: NOW_SEC - DAY }).then((a) => a.ErrorCode),
      ),
    );
    expect(codes.filter((c) => c === 0)).toHaveLength(12);
    expect(codes.filter((c) => c === 60007)).toHaveLength(4);
    expect(sim.stats.rejectedForRate("v4-filter")).toBe(4);
    expect(sim.stats.requests("filter")).toBe(0);
    // v1 is not limited by v4's count, and holds none of the calls (generation "v4").
    const v1 = await fetch(`${sim.url}/v1/records/get_records_by_filter?${signedParams()}`, {
      method: "POST",
      body: JSON.stringify({ startTimestamp: NOW_SEC - DAY }),
    });
    expect(((await v1.json()) as { errorCode: number }).errorCode).toBe(70011);
  });

  it("serves v4 faults in v4's envelope", async () => {
    await new Promise((resolve) => setTimeout(resolve, 1100));
    sim.faults.inject({ endpoint: "v4-filter", kind: "error", code: 101001, times: 1 });
    const failed = await postV4(sim, "filter", { StartTime: NOW_SEC - DAY });
    expect(failed).toMatchObject({ ActionStatus: "FAIL", ErrorCode: 101001 });
    sim.faults.inject({ endpoint: "v4-filter", kind: "bad-record", times: 1 });
    const bad = await postV4(sim, "filter", { StartTime: NOW_SEC - DAY });
    expect(bad.Response?.CallRecordList?.[0]).not.toHaveProperty("StartTime");
    expect(bad.Response?.CallRecordList?.[1]).toHaveProperty("StartTime");
  });
});

describe("the simulator mid-migration (generation both)", () => {
  it("splits one data set between the generations, some calls in both, every call in one at least", async () => {
    const both = await startSimulator({
      sdkAppId: SDK_APP_ID,
      secretKey: SECRET_KEY,
      now: () => NOW_MS,
      dataset: { seed: 5, callsPerDay: 400, days: 2, endMs: NOW_MS },
      generation: "both",
    });
    try {
      const window = { startTs: NOW_SEC - 2 * DAY, endTs: NOW_SEC + 1 };
      const v1 = new Set(both.datasets.v1.query(window).map((r) => r.callId));
      const v4 = new Set(both.datasets.v4.query(window).map((r) => r.callId));
      const all = both.dataset.query(window).map((r) => r.callId);
      const shared = [...v1].filter((id) => v4.has(id));
      expect(all.every((id) => v1.has(id) || v4.has(id))).toBe(true);
      expect(v1.size + v4.size - shared.length).toBe(all.length);
      expect(shared.length).toBeGreaterThan(0);
      expect(v1.size).toBeLessThan(all.length);
      expect(v4.size).toBeLessThan(all.length);
    } finally {
      await both.stop();
    }
  });
});
