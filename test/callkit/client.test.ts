import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  CallKitClient,
  type CallKitClientOptions,
  type UpstreamRequestEvent,
} from "../../src/callkit/client.js";
import { CallKitError } from "../../src/callkit/errors.js";
import { type Simulator, startSimulator } from "../../src/testbed/callkit-sim/server.js";
import { makeRecords } from "./support/records.js";
import { expectNoSecretsIn, userSigsSince } from "./support/secrets.js";

const sdkAppId = 1400000002;
const secretKey = "client-test-secret-key-0123456789abcdef";
const nowSec = Math.floor(Date.now() / 1000);
const records = makeRecords(30, sdkAppId, nowSec);
records[0] = { ...records[0]!, callResult: "mystery_result", vendorExtra: { nested: true } };
const window = { startTimestamp: nowSec - 86_400, endTimestamp: nowSec + 60 };

let sim: Simulator;
const testStartSec = Math.floor(Date.now() / 1000);
const events: UpstreamRequestEvent[] = [];

function client(extra: Partial<CallKitClientOptions> = {}): CallKitClient {
  return new CallKitClient({
    sdkAppId,
    secretKey,
    adminUser: "administrator",
    apiUrl: sim.url,
    rateLimit: 200,
    callIdRateLimit: 20,
    timeoutMs: 3500,
    onRequest: (event) => events.push(event),
    ...extra,
  });
}

async function failure(promise: Promise<unknown>): Promise<CallKitError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CallKitError);
    return error as CallKitError;
  }
  throw new Error("expected a CallKitError");
}

/** The secrets rule: neither the key nor any UserSig the server saw shows anywhere. */
function expectNoSecrets(error: CallKitError): void {
  const texts = [
    error.message,
    String(error),
    JSON.stringify(error),
    error.stack ?? "",
    error.explanation,
    JSON.stringify(events),
  ];
  const sigs = userSigsSince(testStartSec, { sdkAppId, secretKey, identifier: "administrator" });
  for (const text of texts) expectNoSecretsIn(text, secretKey, sigs);
}

beforeAll(async () => {
  sim = await startSimulator({ sdkAppId, secretKey, dataset: records });
});
afterAll(() => sim.stop());
afterEach(() => {
  sim.faults.clear();
  events.length = 0;
});

describe("CallKitClient.getRecordsPage", () => {
  it("returns a page, keeping unknown results and unknown fields", async () => {
    const page = await client().getRecordsPage({ ...window, numberPerPage: 10, page: 1 });
    expect(page.records).toHaveLength(10);
    expect(page.totalNum).toBe(30);
    expect(page.requestId).toMatch(/\S/);
    expect(page.records[0]?.callResult).toBe("mystery_result");
    expect(page.records[0]).toHaveProperty("vendorExtra", { nested: true });
    expect(events).toEqual([
      expect.objectContaining({ endpoint: "get_records_by_filter", outcome: "ok", attempt: 1 }),
    ]);
  });

  it("turns 70011 into an empty page", async () => {
    sim.faults.inject({ kind: "error", code: 70011, times: 1 });
    const page = await client().getRecordsPage(window);
    expect(page.records).toEqual([]);
    expect(events.map((e) => e.outcome)).toEqual(["empty"]);
  });

  it.each([
    { code: 50001, times: undefined, kind: "package_required", requests: 1 },
    { code: 70001, times: undefined, kind: "bug", requests: 1 },
    { code: 70002, times: undefined, kind: "config", requests: 2 },
    { code: 70004, times: undefined, kind: "config", requests: 1 },
    { code: 70009, times: undefined, kind: "bug", requests: 1 },
    { code: 71234, times: undefined, kind: "upstream", requests: 2 },
    { code: 70005, times: undefined, kind: "rate_limited", requests: 4 },
  ])("code $code → $kind after $requests request(s), no secrets", async (row) => {
    sim.faults.inject({ kind: "error", code: row.code, message: `vendor says ${row.code}` });
    const before = sim.stats.requests("filter");
    const error = await failure(client().getRecordsPage(window));
    expect(error.kind).toBe(row.kind);
    expect(error.code).toBe(row.code);
    expect(error.vendorMessage).toBe(`vendor says ${row.code}`);
    expect(error.requestId).toMatch(/\S/);
    expect(sim.stats.requests("filter") - before).toBe(row.requests);
    expect(events.at(-1)?.outcome).toBe("error");
    expect(events.at(-1)?.errorCode).toBe(row.code);
    expectNoSecrets(error);
  });

  it.each([70002, 70003, 70005, 71234])(
    "code %i once: retried (re-signed for 70002/70003) and then succeeds",
    async (code) => {
      sim.faults.inject({ kind: "error", code, times: 1 });
      const before = sim.stats.requests("filter");
      const page = await client().getRecordsPage(window);
      expect(page.records.length).toBeGreaterThan(0);
      expect(events.map((e) => e.outcome)).toEqual(["retry", "ok"]);
      expect(sim.stats.requests("filter") - before).toBe(2);
    },
  );

  it("retries HTTP 502 and succeeds", async () => {
    sim.faults.inject({ kind: "http", status: 502, times: 2 });
    const page = await client().getRecordsPage(window);
    expect(page.records.length).toBeGreaterThan(0);
    expect(events.map((e) => e.status)).toEqual([502, 502, 200]);
  });

  it("gives up on HTTP 502 after the retries, as an upstream error", async () => {
    sim.faults.inject({ kind: "http", status: 502 });
    const error = await failure(client({ retries: 1 }).getRecordsPage(window));
    expect(error).toMatchObject({ kind: "upstream", status: 502, retryable: true });
    expectNoSecrets(error);
  });

  it("times out on a hanging server", async () => {
    sim.faults.inject({ kind: "hang" });
    const error = await failure(client({ timeoutMs: 300, retries: 0 }).getRecordsPage(window));
    expect(error).toMatchObject({ kind: "timeout", retryable: true });
    expectNoSecrets(error);
  });

  it("reports an answer that is not JSON as malformed", async () => {
    sim.faults.inject({ kind: "malformed" });
    const error = await failure(client().getRecordsPage(window));
    expect(error.kind).toBe("malformed");
    expect(events).toHaveLength(1);
    expectNoSecrets(error);
  });

  it("leaves a broken record out of its page, counts it and says where it broke", async () => {
    sim.faults.inject({ kind: "bad-record" });
    const page = await client().getRecordsPage({ ...window, numberPerPage: 10 });
    expect(page.skipped).toBe(1);
    expect(page.records).toHaveLength(9);
    expect(page.records.map((r) => r.callId)).not.toContain(records[0]?.callId);
    expect(events).toEqual([
      expect.objectContaining({
        outcome: "ok",
        requestId: page.requestId,
        skippedRecords: 1,
        skippedIssues: [expect.stringContaining("callRecordList[0].startCallTs")],
      }),
    ]);
  });

  it("still refuses a page whose envelope does not fit, naming the field", async () => {
    // The page's own fields are the envelope: a wrong totalNum is the whole answer's fault.
    sim.faults.inject({ kind: "error", code: 0 });
    const error = await failure(client().getRecordsPage({ ...window, numberPerPage: 10 }));
    expect(error.kind).toBe("malformed");
    expect(error.message).toContain("data");
    expectNoSecrets(error);
  });

  it("refuses a one-call answer whose record does not fit, naming the field", async () => {
    sim.faults.inject({ kind: "bad-record", endpoint: "callId" });
    const error = await failure(client().getRecordByCallId(records[3]!.callId));
    expect(error.kind).toBe("malformed");
    expect(error.message).toContain("data.startCallTs");
    expectNoSecrets(error);
  });

  it("reports an unreachable host as a network error", async () => {
    const closed = await startSimulator({ sdkAppId, secretKey, dataset: [] });
    // A port that was just ours and is now closed: connection refused.
    await closed.stop();
    const error = await failure(client({ apiUrl: closed.url, retries: 1 }).getRecordsPage(window));
    expect(error).toMatchObject({ kind: "network", retryable: true });
    expectNoSecrets(error);
  });

  it("is cancelled by its signal while waiting", async () => {
    sim.faults.inject({ kind: "latency", ms: 2000 });
    const controller = new AbortController();
    const pending = client().getRecordsPage(window, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await failure(pending);
    expect(error.kind).toBe("cancelled");
  });
});

describe("CallKitClient against the simulator's own checks", () => {
  it("re-signs once on a wrong secret key (70002), then reports the configuration", async () => {
    const before = sim.stats.requests("filter");
    const wrongKey = "wrong-secret-key-0123456789abcdef";
    const error = await failure(client({ secretKey: wrongKey }).getRecordsPage(window));
    expect(error).toMatchObject({ kind: "config", code: 70002, retryable: false });
    expect(error.explanation).toContain("TRTC_SECRET_KEY");
    expect(sim.stats.requests("filter") - before).toBe(2);
    const texts = `${error.message} ${JSON.stringify(error)} ${error.stack} ${JSON.stringify(events)}`;
    expectNoSecretsIn(
      texts,
      wrongKey,
      userSigsSince(testStartSec, { sdkAppId, secretKey: wrongKey, identifier: "administrator" }),
    );
  });

  it("reports an identifier that is not an admin (70004) without retrying", async () => {
    const before = sim.stats.requests("filter");
    const error = await failure(client({ adminUser: "alice" }).getRecordsPage(window));
    expect(error).toMatchObject({ kind: "config", code: 70004 });
    expect(sim.stats.requests("filter") - before).toBe(1);
    expect(error.explanation).toContain("TRTC_ADMIN_USER");
  });

  it("re-signs on an expired UserSig (70003) and reports the clock when it stays expired", async () => {
    const ahead = await startSimulator({
      sdkAppId,
      secretKey,
      dataset: [],
      now: () => Date.now() + 25 * 3600 * 1000,
    });
    try {
      const error = await failure(client({ apiUrl: ahead.url, retries: 2 }).getRecordsPage(window));
      expect(error).toMatchObject({ kind: "config", code: 70003 });
      expect(ahead.stats.requests("filter")).toBe(3);
      expect(error.explanation).toMatch(/clock/);
      expectNoSecrets(error);
    } finally {
      await ahead.stop();
    }
  });
});

describe("CallKitClient.getRecordByCallId", () => {
  it("finds one call", async () => {
    const record = await client().getRecordByCallId(records[5]!.callId);
    expect(record?.roomId).toBe("room-5");
  });

  it("answers undefined for 70011", async () => {
    expect(await client().getRecordByCallId("no-such-call")).toBeUndefined();
  });

  it("reports errors of its own endpoint", async () => {
    sim.faults.inject({ kind: "error", code: 70004, endpoint: "callId" });
    const error = await failure(client().getRecordByCallId(records[1]!.callId));
    expect(error).toMatchObject({ kind: "config", code: 70004, endpoint: "get_record_by_callId" });
    expectNoSecrets(error);
  });
});
