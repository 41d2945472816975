import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CallRecord } from "../src/callkit/schemas.js";
import { createArchiveRepository } from "../src/store/archive.js";
import { openStore } from "../src/store/database.js";
import { startSimulator } from "../src/testbed/callkit-sim/server.js";
import { deliver, eventsOfCall, type OutgoingEvent } from "../src/testbed/callkit-sim/webhooks.js";
import { startWebhookApp } from "../test/support/webhook-app.js";
import type { Bench, BenchRow } from "./run.js";

/**
 * The webhook receiver under a burst: the simulator's v4 events for CALLS calls, CONCURRENCY in
 * flight, against the real app over HTTP on SQLite — alone, then while /calls searches run — and
 * the delay from an end event's send to the call being found by an archive query.
 */
const APP = 1400000088;
const SECRET = "bench-webhooks-secret-0123456789abcd";
const CALLS = 300;
const CONCURRENCY = 16;

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

function calls(prefix: string, nowSec: number): CallRecord[] {
  return Array.from({ length: CALLS }, (_, i) => ({
    callId: `${prefix}-${String(i).padStart(6, "0")}`,
    mediaType: i % 2 ? "audio" : "video",
    roomId: `room-${i}`,
    startCallTs: nowSec - 3600 + i,
    acceptTs: nowSec - 3590 + i,
    endTs: nowSec - 600 + i,
    caller: String(100000000000000000n + BigInt(i)),
    totalUserNumber: 2,
    callType: "single",
    callResult: i % 5 === 0 ? "offline" : "normal_end",
    callees: [`callee-${i % 50}`],
    generation: "v4",
  }));
}

async function burst(events: OutgoingEvent[], url: string) {
  const acks: number[] = [];
  const queue = [...events];
  const started = performance.now();
  let failed = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let e = queue.shift(); e; e = queue.shift()) {
        const result = await deliver(e, { url, scheduleMs: [0], timeoutMs: 5000 });
        if (result.ackMs !== undefined) acks.push(result.ackMs);
        else failed++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  acks.sort((a, b) => a - b);
  return { perSecond: acks.length / seconds, p50: pct(acks, 0.5), p99: pct(acks, 0.99), failed };
}

const bench: Bench = async () => {
  const folder = mkdtempSync(join(tmpdir(), "callscope-bench-webhooks-"));
  const nowSec = Math.floor(Date.now() / 1000);
  const sim = await startSimulator({
    sdkAppId: APP,
    secretKey: SECRET,
    dataset: { seed: 11, callsPerDay: 20_000, days: 1 },
    generation: "v4",
  });
  const store = await openStore(`sqlite:${join(folder, "bench.sqlite")}`);
  const app = await startWebhookApp({
    store,
    sdkAppId: APP,
    upstreamUrl: sim.url,
    secretKey: SECRET,
    overrides: { webhook: { confirmAfterMs: [] } },
  });
  const url = app.hookUrl("").replace(/\?$/, "");
  try {
    const eventsOf = (prefix: string) =>
      calls(prefix, nowSec).flatMap((record) => eventsOfCall(record, "v4", APP));
    await burst(eventsOf("warm").slice(0, 200), url);
    const alone = await burst(eventsOf("a"), url);

    let searching = true;
    let searches = 0;
    const searchers = Array.from({ length: 2 }, async () => {
      while (searching) {
        await app.command("failed calls last 6 hours");
        searches++;
      }
    });
    const loaded = await burst(eventsOf("b"), url);
    searching = false;
    await Promise.all(searchers);

    // End event sent → the call found by an archive query (user + window), one call at a time.
    const archive = createArchiveRepository(store.db);
    const delays: number[] = [];
    for (const record of calls("d", nowSec).slice(0, 50)) {
      const end = eventsOfCall(record, "v4", APP).find((e) => e.end);
      if (!end) continue;
      const sent = performance.now();
      await deliver(end, { url, scheduleMs: [0] });
      const query = {
        startTs: record.startCallTs,
        endTs: record.startCallTs + 1,
        users: { caller: [record.caller] },
      };
      while ((await archive.count(query)) === 0) await new Promise((r) => setTimeout(r, 1));
      delays.push(performance.now() - sent);
    }
    delays.sort((a, b) => a - b);
    const rows: BenchRow[] = [
      {
        name: `${CALLS * 4} v4 events (${CALLS} calls), ${CONCURRENCY} in flight, alone`,
        figures: {
          eventsPerSecond: alone.perSecond,
          ackP50Ms: alone.p50,
          ackP99Ms: alone.p99,
          failed: alone.failed,
        },
      },
      {
        name: "the same while 2 people search /calls in a loop",
        figures: {
          eventsPerSecond: loaded.perSecond,
          ackP50Ms: loaded.p50,
          ackP99Ms: loaded.p99,
          failed: loaded.failed,
          searches,
          p99UnderSearchOverAlone: loaded.p99 / alone.p99,
        },
      },
      {
        name: "end event sent → the call found by an archive query (50 calls)",
        figures: { p50Ms: pct(delays, 0.5), p99Ms: pct(delays, 0.99), maxMs: delays.at(-1) ?? 0 },
      },
    ];
    return rows;
  } finally {
    await app.stop();
    await sim.stop();
    rmSync(folder, { recursive: true, force: true });
  }
};

export default bench;
