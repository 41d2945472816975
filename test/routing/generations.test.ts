import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallKitClient, type RateShare } from "../../src/callkit/client.js";
import { CallKitError } from "../../src/callkit/errors.js";
import type { CallRecord } from "../../src/callkit/schemas.js";
import { createLogger } from "../../src/log.js";
import { runLookup } from "../../src/records/lookup.js";
import { runSearch } from "../../src/records/search.js";
import {
  chooseGenerations,
  createGenerationRouting,
  mergeGenerations,
  shareAcrossGenerations,
} from "../../src/routing/generations.js";
import { type Simulator, startSimulator } from "../../src/testbed/callkit-sim/server.js";
import { makeRecords } from "../callkit/support/records.js";
import { query } from "../records/support.js";

/** Generations combined, against the simulator over HTTP in v1, v4 and both. */

const sdkAppId = 1400000045;
const secretKey = "generations-test-secret-key-0123456789abcdef";
const nowSec = Math.floor(Date.now() / 1000);
const window = { startTimestamp: nowSec - 86_400, endTimestamp: nowSec + 60 };

// 60 calls: 0..29 only in v1, 30..49 in both (an app mid-migration), 50..59 only in v4.
const all = makeRecords(60, sdkAppId, nowSec);
const v1Records = all.slice(0, 50);
const v4Records = all.slice(30).map((r, i) => (i === 25 ? { ...r, callResult: "brand_new" } : r));

function clientsFor(url: string, v4Url = url) {
  const base = { sdkAppId, secretKey, adminUser: "administrator", timeoutMs: 3500 };
  return {
    v1: new CallKitClient({ ...base, apiUrl: url, rateLimit: 200, callIdRateLimit: 20 }),
    v4: new CallKitClient({
      ...base,
      generation: "v4",
      apiUrl: v4Url,
      rateLimit: 200,
      callIdRateLimit: 200,
      retries: 0,
    }),
  };
}

async function collect(iterable: AsyncIterable<CallRecord>): Promise<CallRecord[]> {
  const out: CallRecord[] = [];
  for await (const record of iterable) out.push(record);
  return out;
}

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({
    sdkAppId,
    secretKey,
    dataset: v1Records,
    v4: { dataset: v4Records },
  });
});
afterAll(() => sim.stop());

describe("both generations merged", () => {
  it("scans every call once, a call present in both shown once (v4's record)", async () => {
    const merged = mergeGenerations(clientsFor(sim.url));
    const seen = await collect(merged.scan(window));
    expect(seen).toHaveLength(60);
    expect(new Set(seen.map((r) => r.callId)).size).toBe(60);
    const shared = seen.find((r) => r.callId === all[40]!.callId);
    expect(shared?.generation).toBe("v4");
    expect(seen.find((r) => r.callId === all[5]!.callId)?.generation).toBeUndefined(); // v1's
    expect(seen.find((r) => r.callId === all[55]!.callId)?.callResult).toBe("brand_new");
  });

  it("answers a search over both with the figures of the union", async () => {
    const merged = mergeGenerations(clientsFor(sim.url));
    const result = await runSearch(
      merged,
      query({
        window: { startTs: window.startTimestamp, endTs: window.endTimestamp },
        results: ["reject"],
      }),
    );
    expect(result.summary.total).toBe(all.filter((r) => r.callResult === "reject").length);
  });

  it("looks a callId up in both generations", async () => {
    const merged = mergeGenerations(clientsFor(sim.url));
    sim.stats.reset();
    expect((await merged.getRecordByCallId(all[55]!.callId))?.generation).toBe("v4");
    expect((await merged.getRecordByCallId(all[3]!.callId))?.callId).toBe(all[3]!.callId);
    expect((await merged.getRecordByCallId(all[35]!.callId))?.generation).toBe("v4");
    expect(await merged.getRecordByCallId("no-such-call")).toBeUndefined();
    expect(sim.stats.requests("callId")).toBe(4);
    expect(sim.stats.requests("v4-callId")).toBe(4);
    const story = await runLookup(merged, [all[55]!.callId, all[3]!.callId]);
    expect(JSON.stringify(story)).toContain(all[3]!.callId);
  });

  it("does not say 'not found' when a generation could not answer", async () => {
    const merged = mergeGenerations(clientsFor(sim.url));
    sim.faults.inject({ endpoint: "v4-callId", kind: "error", code: 60003 });
    try {
      // v1 has it: found. v1 has nothing: the v4 failure is the answer.
      expect((await merged.getRecordByCallId(all[3]!.callId))?.callId).toBe(all[3]!.callId);
      await expect(merged.getRecordByCallId("no-such-call")).rejects.toBeInstanceOf(CallKitError);
    } finally {
      sim.faults.clear();
    }
  });
});

describe("auto", () => {
  it.each([
    ["v1", ["v1"]],
    ["v4", ["v4"]],
    ["both", ["v1", "v4"]],
  ] as const)("finds the calls in %s and uses %j", async (generation, expected) => {
    const one = await startSimulator({
      sdkAppId,
      secretKey,
      dataset: { seed: 2, callsPerDay: 200, days: 2 },
      generation,
    });
    const lines: string[] = [];
    try {
      const routing = createGenerationRouting("auto", clientsFor(one.url), {
        logger: createLogger({ level: "info", write: (line) => lines.push(line) }),
      });
      await routing.start();
      routing.stop();
      expect(routing.current()).toEqual(expected);
      expect(routing.describe()).toMatch(/TRTC_API_GENERATION=auto/);
      const logged = lines.map((l) => JSON.parse(l)).find((l) => l.event === "callkit.generations");
      expect(logged?.using).toEqual(expected);
      const seen = await collect(
        routing.source.scan({ startTimestamp: nowSec - 86_400, endTimestamp: nowSec + 60 }),
      );
      expect(seen.length).toBe(one.dataset.count({ startTs: nowSec - 86_400, endTs: nowSec + 60 }));
    } finally {
      await one.stop();
    }
  });

  it("holds scans and lookups asked while the first probe runs until it has chosen", async () => {
    const v4Only = await startSimulator({
      sdkAppId,
      secretKey,
      dataset: { seed: 3, callsPerDay: 200, days: 1 },
      generation: "v4",
    });
    try {
      const routing = createGenerationRouting("auto", clientsFor(v4Only.url));
      // Asked before the probe has answered (the app is healthy by then): v1 holds nothing here,
      // so reading it meanwhile would find no calls.
      const starting = routing.start();
      expect(routing.current()).toEqual(["v1"]);
      const expected = v4Only.dataset.count({ startTs: nowSec - 86_400, endTs: nowSec + 60 });
      const [seen] = await Promise.all([collect(routing.source.scan(window)), starting]);
      routing.stop();
      expect(routing.current()).toEqual(["v4"]);
      expect(expected).toBeGreaterThan(0);
      expect(seen.length).toBe(expected);
      const first = seen[0] as CallRecord;
      const again = createGenerationRouting("auto", clientsFor(v4Only.url));
      const startingAgain = again.start();
      const [found] = await Promise.all([
        again.source.getRecordByCallId(first.callId),
        startingAgain,
      ]);
      again.stop();
      expect(found?.callId).toBe(first.callId);
    } finally {
      await v4Only.stop();
    }
  });

  it("leaves out a generation whose host does not answer, saying why, without secrets", async () => {
    const lines: string[] = [];
    const routing = createGenerationRouting("auto", clientsFor(sim.url, "http://127.0.0.1:9"), {
      logger: createLogger({ level: "info", write: (line) => lines.push(line) }),
    });
    await routing.start();
    routing.stop();
    expect(routing.current()).toEqual(["v1"]);
    const text = lines.join("\n");
    expect(text).toContain("TRTC_V4_API_URL");
    expect(text).not.toContain(secretKey);
    expect(text).not.toMatch(/usersig=/i);
  });

  it("chooses those that answered when none holds calls, v1 when none answered", () => {
    expect(chooseGenerations({ v1: { calls: false }, v4: { calls: false } })).toEqual(["v1", "v4"]);
    expect(chooseGenerations({ v1: { error: "x" }, v4: { calls: false } })).toEqual(["v4"]);
    expect(chooseGenerations({ v1: { error: "x" }, v4: { error: "y" } })).toEqual(["v1"]);
  });

  it("uses a fixed setting without asking", async () => {
    sim.stats.reset();
    const routing = createGenerationRouting("v4", clientsFor(sim.url));
    await routing.start();
    expect(routing.current()).toEqual(["v4"]);
    expect(sim.stats.requests()).toBe(0);
    expect((await collect(routing.source.scan(window))).length).toBe(30);
  });
});

describe("the replicas' share covers both generations", () => {
  it("gives v4 the same fraction of its own limit, rounded down", () => {
    const applied: Record<string, RateShare[]> = { v1: [], v4: [] };
    const fan = shareAcrossGenerations(
      {
        v1: { setRateShare: (s) => applied.v1!.push(s) },
        v4: { setRateShare: (s) => applied.v4!.push(s) },
      },
      { rateLimit: 200, callIdRateLimit: 20, v4RateLimit: 200 },
    );
    fan.setRateShare({ rateLimit: 66, callIdRateLimit: 6, holdMs: 100 });
    expect(applied.v1).toEqual([{ rateLimit: 66, callIdRateLimit: 6, holdMs: 100 }]);
    expect(applied.v4).toEqual([{ rateLimit: 60, callIdRateLimit: 60, holdMs: 100 }]);
  });
});
