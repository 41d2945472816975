import { afterEach, describe, expect, it } from "vitest";
import { CallKitClient, type CallKitClientOptions } from "../../src/callkit/client.js";
import { CallKitError } from "../../src/callkit/errors.js";
import type { CallRecord } from "../../src/callkit/schemas.js";
import type { Logger } from "../../src/log.js";
import {
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from "../../src/testbed/callkit-sim/server.js";
import { makeRecords } from "./support/records.js";

/**
 * TRTC_PAGE_SIZE against the simulator over HTTP (issue 20): big pages where the vendor serves
 * them, its cap followed where it cuts pages down (silently), its default where it refuses the
 * size, half the size where a big page times out. Every scan reads every record once, and the
 * requests are counted: the sizes asked, page by page.
 */

const sdkAppId = 1400000020;
const secretKey = "page-size-test-secret-key-0123456789abcdef";
const nowSec = Math.floor(Date.now() / 1000);
const filter = { startTimestamp: nowSec - 7 * 86_400 + 60, endTimestamp: nowSec + 60 };

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

interface Setup {
  sim: Simulator;
  client: CallKitClient;
  records: CallRecord[];
  /** [page, numberPerPage] of every page the scans asked for, in order. */
  asked: [number, number][];
  warnings: { event: string; fields?: Record<string, unknown> }[];
}

async function start(
  count: number,
  simOptions: Partial<SimulatorOptions> = {},
  clientOptions: Partial<CallKitClientOptions> = {},
): Promise<Setup> {
  const records = makeRecords(count, sdkAppId, nowSec);
  const generation = clientOptions.generation ?? "v1";
  sim = await startSimulator({
    sdkAppId,
    secretKey,
    dataset: records,
    generation,
    ...simOptions,
  });
  const warnings: Setup["warnings"] = [];
  const logger: Logger = {
    debug: () => {},
    info: () => {},
    warn: (event, fields) => warnings.push({ event, ...(fields ? { fields } : {}) }),
    error: () => {},
  };
  const client = new CallKitClient({
    sdkAppId,
    secretKey,
    adminUser: "administrator",
    apiUrl: sim.url,
    rateLimit: 200,
    callIdRateLimit: 200,
    timeoutMs: 3500,
    pageSize: 1000,
    logger,
    ...clientOptions,
  });
  const asked: [number, number][] = [];
  const fetch = client.getRecordsPage.bind(client);
  client.getRecordsPage = (pageFilter, options) => {
    asked.push([pageFilter.page ?? 0, pageFilter.numberPerPage ?? 0]);
    return fetch(pageFilter, options);
  };
  return { sim, client, records, asked, warnings };
}

async function ids(iterable: AsyncIterable<CallRecord>): Promise<string[]> {
  const out: string[] = [];
  for await (const record of iterable) out.push(record.callId);
  return out;
}

const every = (records: CallRecord[]) => records.map((record) => record.callId);
const pagesOf = (size: number, from: number, to: number): [number, number][] =>
  Array.from({ length: to - from + 1 }, (_, i): [number, number] => [from + i, size]);

describe("TRTC_PAGE_SIZE on v1", () => {
  it("asks 1000 a page where the vendor serves 1000: a day of 2,500 calls in 3 requests", async () => {
    const { sim, client, records, asked, warnings } = await start(2500);
    expect(await ids(client.scan(filter))).toEqual(every(records));
    expect(asked).toEqual(pagesOf(1000, 1, 3));
    expect(sim.stats.requests("filter")).toBe(3);
    expect(sim.stats.rejectedForRate("filter")).toBe(0);
    expect(warnings).toEqual([]);
  });

  it("grows past a caller's first page of 100 without reading a record twice", async () => {
    const { client, records, asked } = await start(2500);
    expect(await ids(client.scan(filter, { pageSize: 100 }))).toEqual(every(records));
    // Page 1 at 1000 repeats the first 100 (dropped), then pages 2 and 3 at 1000.
    expect(asked).toEqual([[1, 100], ...pagesOf(1000, 1, 3)]);
  });

  it("keeps asking what a one-page answer shows (20 for a Slack page of 15 calls)", async () => {
    const { client, records, asked } = await start(15);
    expect(await ids(client.scan(filter, { pageSize: 20 }))).toEqual(every(records));
    expect(asked).toEqual([[1, 20]]);
  });

  it("follows a silent cap of 100 that totalNum shows, remembers it, and logs it once", async () => {
    const { client, records, asked, warnings } = await start(1050, { maxPerPage: 100 });
    expect(await ids(client.scan(filter))).toEqual(every(records));
    expect(asked).toEqual([[1, 1000], ...pagesOf(100, 2, 11)]);
    expect(client.scanPageSize).toBe(100);
    asked.length = 0;
    expect(await ids(client.scan(filter))).toEqual(every(records));
    expect(asked).toEqual(pagesOf(100, 1, 11));
    expect(warnings).toEqual([
      {
        event: "callkit_page_size_capped",
        fields: { generation: "v1", endpoint: "get_records_by_filter", asked: 1000, served: 100 },
      },
    ]);
  });

  it("follows a silent cap of 250 that the answer cannot tell (totalNum per page): one page more", async () => {
    const { client, records, asked, warnings } = await start(1000, {
      maxPerPage: 250,
      pagination: { totalNum: "page" },
    });
    expect(await ids(client.scan(filter))).toEqual(every(records));
    // Page 1 (250 of 1000 asked) might be the last: page 2 at 250 says it was a cap; page 5 is empty.
    expect(asked).toEqual([[1, 1000], ...pagesOf(250, 2, 5)]);
    expect(client.scanPageSize).toBe(250);
    expect(warnings.map((w) => w.event)).toEqual(["callkit_page_size_capped"]);
  });

  it("follows a cap of 250 that totalNum shows as a total, with pages in flight", async () => {
    const { client, records, asked } = await start(1100, { maxPerPage: 250 });
    expect(await ids(client.scan(filter, { concurrency: 4 }))).toEqual(every(records));
    expect(asked).toEqual([[1, 1000], ...pagesOf(250, 2, 5)]);
  });

  it("costs one request, no more, when a short first page really was the last (totalNum per page)", async () => {
    const { client, records, asked, warnings } = await start(600, {
      pagination: { totalNum: "page" },
    });
    expect(await ids(client.scan(filter))).toEqual(every(records));
    expect(asked).toEqual([
      [1, 1000],
      [2, 600],
    ]);
    // An empty page after it: no cap, nothing remembered.
    expect(client.scanPageSize).toBe(1000);
    expect(warnings).toEqual([]);
  });

  it("reads by pages of 1000 when totalNum is the page count, ending on the short page", async () => {
    const { client, records, asked } = await start(2500, { pagination: { totalNum: "page" } });
    expect(await ids(client.scan(filter))).toEqual(every(records));
    // Page 1 came full at 1000, so 1000 is served: the short page 3 is the last.
    expect(asked).toEqual(pagesOf(1000, 1, 3));
  });

  it("falls back to 100 for good when the vendor refuses a larger size as an invalid parameter", async () => {
    const { sim, client, records, asked, warnings } = await start(1050, { refuseAbove: 100 });
    expect(await ids(client.scan(filter))).toEqual(every(records));
    // Refused at 1000, asked again at once at 100 (no backoff, no second refusal).
    expect(asked).toEqual([[1, 1000], ...pagesOf(100, 1, 11)]);
    expect(sim.stats.requests("filter")).toBe(12);
    asked.length = 0;
    expect(await ids(client.scan(filter))).toEqual(every(records));
    expect(asked).toEqual(pagesOf(100, 1, 11));
    expect(warnings).toEqual([
      {
        event: "callkit_page_size_refused",
        fields: { generation: "v1", endpoint: "get_records_by_filter", asked: 1000, using: 100 },
      },
    ]);
  });

  it("still fails on an invalid parameter that is not the page size", async () => {
    const { client, asked } = await start(10);
    const old = { ...filter, startTimestamp: nowSec - 8 * 86_400 };
    const error = await ids(client.scan(old)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CallKitError);
    expect((error as CallKitError).code).toBe(70001);
    expect(asked).toEqual([
      [1, 1000],
      [1, 100],
    ]);
  });

  it("asks a page that timed out at 1000 once more at 500, and goes on at 500", async () => {
    const { sim, client, records, asked } = await start(1200, {}, { timeoutMs: 400 });
    sim.faults.inject({ kind: "latency", ms: 1500, whenPerPageAbove: 500 });
    expect(await ids(client.scan(filter))).toEqual(every(records));
    expect(asked).toEqual([[1, 1000], ...pagesOf(500, 1, 3)]);
    expect(sim.stats.requests("filter")).toBe(4);
  });

  it("counts a page as failed when it times out at half the size too", async () => {
    const { sim, client, asked } = await start(1200, {}, { timeoutMs: 300 });
    sim.faults.inject({ kind: "latency", ms: 1500, whenPerPageAbove: 100 });
    const error = await ids(client.scan(filter)).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "timeout" });
    expect(asked).toEqual([
      [1, 1000],
      [1, 500],
    ]);
  });

  it("still stops a vendor that ignores the page number, cap or not", async () => {
    const { sim, client } = await start(500, {
      maxPerPage: 100,
      pagination: { totalNum: "page" },
      ignorePage: true,
    });
    const error = await ids(client.scan(filter)).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "malformed" });
    expect(sim.stats.requests("filter")).toBe(2);
  });
});

describe("TRTC_PAGE_SIZE on v4", () => {
  it("asks 1000 a page where the vendor serves 1000", async () => {
    const { sim, client, records, asked } = await start(
      2500,
      { v4: { maxPerPage: 1000 } },
      { generation: "v4" },
    );
    expect((await ids(client.scan(filter))).sort()).toEqual(every(records).sort());
    expect(asked).toEqual(pagesOf(1000, 1, 3));
    expect(sim.stats.requests("v4-filter")).toBe(3);
  });

  it("follows v4's silent cap that TotalNum shows, and remembers it", async () => {
    const { sim, client, records, asked, warnings } = await start(
      1050,
      { v4: { maxPerPage: 100 } },
      { generation: "v4" },
    );
    expect((await ids(client.scan(filter))).sort()).toEqual(every(records).sort());
    expect(asked).toEqual([[1, 1000], ...pagesOf(100, 2, 11)]);
    expect(sim.stats.requests("v4-filter")).toBe(11);
    expect(client.scanPageSize).toBe(100);
    expect(warnings.map((w) => [w.event, w.fields?.generation])).toEqual([
      ["callkit_page_size_capped", "v4"],
    ]);
  });

  it("follows a cap of 250 whose TotalNum is the page count", async () => {
    const { client, records, asked } = await start(
      1000,
      { v4: { maxPerPage: 250, pagination: { totalNum: "page" } } },
      { generation: "v4" },
    );
    expect((await ids(client.scan(filter))).sort()).toEqual(every(records).sort());
    expect(asked).toEqual([[1, 1000], ...pagesOf(250, 2, 5)]);
  });
});
