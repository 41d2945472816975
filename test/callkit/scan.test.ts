import { afterEach, describe, expect, it } from "vitest";
import { CallKitClient } from "../../src/callkit/client.js";
import { CallKitError } from "../../src/callkit/errors.js";
import type { CallRecord } from "../../src/callkit/schemas.js";
import type { ScanProgress } from "../../src/callkit/source.js";
import { type Simulator, startSimulator } from "../../src/testbed/callkit-sim/server.js";
import { makeRecords } from "./support/records.js";

const sdkAppId = 1400000003;
const secretKey = "scan-test-secret-key-0123456789abcdef";
const nowSec = Math.floor(Date.now() / 1000);
const filter = { startTimestamp: nowSec - 7 * 86_400 + 60, endTimestamp: nowSec + 60 };

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

async function start(
  count: number,
  pagination?: { totalNum?: "total" | "page"; page?: "echo" | "zero-when-done" },
  rateLimit = 200,
  clientPageSize?: number,
): Promise<{ sim: Simulator; client: CallKitClient; records: CallRecord[] }> {
  const records = makeRecords(count, sdkAppId, nowSec);
  sim = await startSimulator({ sdkAppId, secretKey, dataset: records, pagination, rateLimit });
  const client = new CallKitClient({
    sdkAppId,
    secretKey,
    adminUser: "administrator",
    apiUrl: sim.url,
    rateLimit,
    callIdRateLimit: 20,
    timeoutMs: 3500,
    ...(clientPageSize === undefined ? {} : { pageSize: clientPageSize }),
  });
  return { sim, client, records };
}

async function collect(iterable: AsyncIterable<CallRecord>): Promise<string[]> {
  const ids: string[] = [];
  for await (const record of iterable) ids.push(record.callId);
  return ids;
}

describe("CallKitClient.scan", () => {
  it.each([
    // count, reading of totalNum, reading of page, requests expected
    [0, "total", "echo", 1],
    [42, "total", "echo", 1],
    [1050, "total", "echo", 11],
    [1000, "total", "echo", 10],
    [1000, "page", "echo", 11],
    [1050, "page", "echo", 11],
    [1000, "page", "zero-when-done", 10],
    [1000, "total", "zero-when-done", 10],
    [100, "page", "echo", 2],
  ] as const)(
    "%i records, totalNum as %s, page %s: every record once in %i requests",
    async (count, totalNum, page, requests) => {
      const { sim, client, records } = await start(count, { totalNum, page });
      const ids = await collect(client.scan(filter));
      expect(ids).toEqual(records.map((r) => r.callId));
      expect(sim.stats.requests("filter")).toBe(requests);
    },
  );

  it("reports progress with the total when totalNum reads as a total", async () => {
    const { client } = await start(250);
    const progress: { pages: number; records: number; totalNum?: number }[] = [];
    await collect(client.scan(filter, { onProgress: (p) => progress.push(p) }));
    const clean = { skipped: 0, skippedRequestIds: [], requestId: expect.any(String) };
    expect(progress).toEqual([
      { pages: 1, records: 100, totalNum: 250, ...clean },
      { pages: 2, records: 200, totalNum: 250, ...clean },
      { pages: 3, records: 250, totalNum: 250, ...clean },
    ]);
  });

  it("honours the client's page size", async () => {
    const { sim, client, records } = await start(95, undefined, 200, 10);
    const ids = await collect(client.scan(filter, { pageSize: 10 }));
    expect(ids).toEqual(records.map((r) => r.callId));
    expect(sim.stats.requests("filter")).toBe(10);
  });

  it("stops asking when the consumer breaks out", async () => {
    const { sim, client } = await start(5000, { totalNum: "page" });
    let seen = 0;
    for await (const _record of client.scan(filter)) {
      if (++seen === 150) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sim.stats.requests("filter")).toBe(2);
  });

  it("is cancelled promptly by its signal, pending pages included", async () => {
    const { sim, client } = await start(3000);
    sim.faults.inject({ kind: "latency", ms: 5000 });
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 100);
    const error = await collect(client.scan(filter, { signal: controller.signal })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CallKitError);
    expect((error as CallKitError).kind).toBe("cancelled");
    expect(performance.now() - started).toBeLessThan(4000);
  });

  it("fetches pages concurrently yet never exceeds the rate limit in any sliding second", async () => {
    const { sim, client, records } = await start(900, undefined, 40, 10);
    const ids = await collect(client.scan(filter, { pageSize: 10, concurrency: 8 }));
    expect(ids).toEqual(records.map((r) => r.callId));
    expect(sim.stats.requests("filter")).toBe(90);
    expect(sim.stats.rejectedForRate("filter")).toBe(0);
    expect(sim.stats.maxInWindow("filter")).toBeLessThanOrEqual(40);
  });

  it("stops with a clear error when the server ignores the page number", async () => {
    sim = await startSimulator({
      sdkAppId,
      secretKey,
      dataset: makeRecords(500, sdkAppId, nowSec),
      pagination: { totalNum: "page" },
      ignorePage: true,
    });
    const client = new CallKitClient({
      sdkAppId,
      secretKey,
      adminUser: "administrator",
      apiUrl: sim.url,
      rateLimit: 200,
      callIdRateLimit: 20,
      timeoutMs: 3500,
    });
    const error = await collect(client.scan(filter)).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "malformed" });
    expect((error as Error).message).toContain("same records");
    expect(sim.stats.requests("filter")).toBe(2);
  });

  it("passes a page error through to the loop", async () => {
    const { sim, client } = await start(500);
    sim.faults.inject({ kind: "error", code: 70004 });
    const error = await collect(client.scan(filter)).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "config", code: 70004 });
  });
});

describe("CallKitClient.scan and records that do not fit", () => {
  // Newest first, as the simulator serves them: page 1 holds records[0..99].
  const odd = {
    kind: "edit-records" as const,
    times: 1,
    edits: [
      { index: 0, set: { acceptTs: null, endTs: null } },
      { index: 1, drop: ["callees", "totalUserNumber"] },
      { index: 2, set: { startCallTs: "yesterday" } },
    ],
  };

  it.each([
    ["total", "echo"],
    ["page", "echo"],
    ["page", "zero-when-done"],
  ] as const)(
    "keeps the open-field records, skips the wrong type with its requestId, reads on (totalNum as %s, page %s)",
    async (totalNum, page) => {
      const { sim, client, records } = await start(250, { totalNum, page });
      sim.faults.inject(odd);
      const seen: CallRecord[] = [];
      const progress: ScanProgress[] = [];
      for await (const record of client.scan(filter, { onProgress: (p) => progress.push(p) }))
        seen.push(record);
      // A page with a misfit is still a full page: the scan must not take it for the last one.
      expect(seen.map((r) => r.callId)).toEqual(
        records.filter((_, i) => i !== 2).map((r) => r.callId),
      );
      const [unanswered, noCallees] = seen;
      expect(unanswered?.acceptTs).toBeUndefined();
      expect(unanswered?.endTs).toBeUndefined();
      expect(noCallees?.callees).toEqual([]);
      expect(noCallees?.totalUserNumber).toBeUndefined();
      const last = progress.at(-1);
      expect(last?.skipped).toBe(1);
      expect(last?.skippedRequestIds).toEqual([progress[0]?.requestId]);
      expect(progress[0]?.requestId).toMatch(/^[0-9a-f]{32}$/);
    },
  );

  it("reads on past a page where no record fits", async () => {
    const { sim, client, records } = await start(30);
    sim.faults.inject({
      kind: "edit-records",
      times: 1,
      edits: Array.from({ length: 10 }, (_, index) => ({ index, set: { callId: 42 } })),
    });
    let skipped = 0;
    const ids = await collect(
      client.scan(filter, { pageSize: 10, onProgress: (p) => (skipped = p.skipped ?? 0) }),
    );
    expect(ids).toEqual(records.slice(10).map((r) => r.callId));
    expect(skipped).toBe(10);
  });
});
