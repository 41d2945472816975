/**
 * Alerts (issue 16): (1) over an archive of 1,000,000 calls (the simulator's generated 7 days,
 * SQLite), rules evaluated per second by the engine's each-minute tick, for threshold rules and for
 * baseline rules (which also read the same window on each of the last 7 days), and what that
 * leaves of the one-minute period (rules one replica can judge each minute); (2) the delay from a
 * spike's start to its alert on a simulated clock: records reaching the archive on the sync's
 * minutes (ARCHIVE_SYNC_SECONDS 300, settle 10 s), and as they end (what call-event webhooks,
 * issue 14, will give), the engine ticking each minute either way.
 * ALERTS_BENCH_CALLS changes the size.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { createAlertEngine } from "../src/alerts/engine.js";
import { parseAlert } from "../src/alerts/grammar.js";
import type { CallRecord } from "../src/callkit/schemas.js";
import type { ChannelPoster } from "../src/digest/channel.js";
import { silentLogger } from "../src/log.js";
import { slackAlertRenderer } from "../src/slack/blocks/alert.js";
import { createAlertRepository } from "../src/store/alerts.js";
import { createArchiveRepository } from "../src/store/archive.js";
import { createLeaseRepository } from "../src/store/archive-lease.js";
import { openStore, type Store } from "../src/store/database.js";
import { generateDataset } from "../src/testbed/callkit-sim/dataset.js";
import type { Bench, BenchRow } from "./run.js";

const sdkAppId = 1400001616;
const CALLS = Number(process.env.ALERTS_BENCH_CALLS ?? 1_000_000);
const TICKS = 5;

/** A poster that only counts: the bench measures judging, not Slack. */
function countingPoster(): ChannelPoster & { posts: { at: number; text: string }[] } {
  const posts: { at: number; text: string }[] = [];
  let n = 0;
  return {
    posts,
    async postMessage(_channel, message) {
      posts.push({ at: clock, text: message.text });
      return `${++n}.000000`;
    },
    async updateMessage() {},
    async findPost() {
      return { status: "absent" };
    },
    async findReply() {
      return { status: "absent" };
    },
  };
}

let clock = Date.now();

const THRESHOLD_RULES = [
  "alert on failed > 20% over 15m",
  "alert on interrupted > 30 calls over 10m",
  "alert on failed video calls > 25% over 30m",
  "alert on rejected group calls > 40% over 1h",
  "alert on interrupted calls from chen > 5 calls over 15m",
  "alert on not answered > 50 calls over 5m",
  "alert on busy audio calls > 30% over 15m",
  "alert on cancelled > 60% over 2h",
];
const BASELINE_RULES = [
  "alert on interrupted unusual",
  "alert on failed video calls unusual over 30m",
  "alert on rejected unusual over 2h",
  "alert on offline group calls unusual",
];

async function addRules(store: Store, texts: string[], channel: string) {
  const alerts = createAlertRepository(store.db);
  for (const text of texts) {
    const command = parseAlert(text, "en");
    if (command.kind !== "alert" || command.action !== "on") throw new Error(`bad rule ${text}`);
    await alerts.addRule(
      {
        channelId: channel,
        filter: command.filter,
        condition: command.condition,
        lang: "en",
        timeZone: "Asia/Shanghai",
        createdBy: "U0BENCH",
      },
      100,
    );
  }
}

function load(path: string, records: Iterable<CallRecord>) {
  const db = new SqliteDatabase(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const insert = db.prepare(
    "insert into call_records (call_id, sdk_app_id, start_ts, accept_ts, end_ts, caller, call_type, media_type, call_result, room_id, total_user_number, callees, raw, archived_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
  );
  const member = db.prepare(
    "insert or ignore into call_participants (call_id, user_id, role, start_ts) values (?,?,?,?)",
  );
  const flush = db.transaction((batch: CallRecord[]) => {
    for (const r of batch) {
      insert.run(
        r.callId,
        r.sdkAppId,
        r.startCallTs,
        r.acceptTs ?? 0,
        r.endTs ?? 0,
        r.caller,
        r.callType,
        r.mediaType,
        r.callResult,
        String(r.roomId),
        r.totalUserNumber ?? 0,
        JSON.stringify(r.callees),
        JSON.stringify(r),
        0,
      );
      // Callees only (migration 010): the caller is call_records.caller.
      for (const c of new Set(r.callees)) member.run(r.callId, c, "callee", r.startCallTs);
    }
  });
  let batch: CallRecord[] = [];
  for (const r of records) {
    batch.push(r);
    if (batch.length === 20_000) {
      flush(batch);
      batch = [];
    }
  }
  flush(batch);
  db.exec("analyze");
  db.close();
}

async function throughput(folder: string): Promise<BenchRow[]> {
  const endMs = Date.now();
  const dataset = generateDataset({ sdkAppId, seed: 16, days: 7, callsPerDay: CALLS / 7, endMs });
  const path = join(folder, "alerts.sqlite");
  const store = await openStore(`sqlite:${path}`);
  await store.close();
  const t = performance.now();
  load(
    path,
    (function* () {
      for (let i = 0; i < dataset.size; i++) yield dataset.at(i);
    })(),
  );
  const loadSeconds = (performance.now() - t) / 1000;
  const rows: BenchRow[] = [];
  for (const [kind, texts] of [
    ["threshold", THRESHOLD_RULES],
    ["baseline", BASELINE_RULES],
  ] as const) {
    const reopened = await openStore(`sqlite:${path}`);
    await reopened.db.deleteFrom("alert_rules").execute();
    await reopened.db.deleteFrom("alert_episodes").execute();
    await addRules(reopened, texts, "C0BENCH");
    const archive = createArchiveRepository(reopened.db);
    await archive.saveCoverage({
      sdkAppId,
      from: Math.floor(endMs / 1000) - 7 * 86_400,
      until: Math.floor(endMs / 1000),
      syncedAt: new Date(endMs),
      backfilled: true,
    });
    const poster = countingPoster();
    // Judged at the busiest hour of the data's last day, as the minutes go by.
    clock = endMs;
    const engine = createAlertEngine({
      alerts: createAlertRepository(reopened.db),
      archive,
      leases: createLeaseRepository(reopened.db),
      poster,
      render: slackAlertRenderer,
      sdkAppId,
      logger: silentLogger,
      now: () => new Date(clock),
    });
    await engine.tick(); // warm
    const started = performance.now();
    let judged = 0;
    for (let i = 0; i < TICKS; i++) judged += (await engine.tick()).rules;
    const seconds = (performance.now() - started) / 1000;
    const perSecond = judged / seconds;
    rows.push({
      name: `${kind} rules over ${dataset.size.toLocaleString("en")} calls (SQLite)`,
      figures: {
        rulesPerSecond: perSecond,
        msPerRule: (1000 * seconds) / judged,
        rulesPerMinute: perSecond * 60,
        loadSeconds,
      },
    });
    await engine.stop();
    await reopened.close();
  }
  return rows;
}

/** Minutes from a spike's start to its alert, records arriving by sync or as calls end. */
async function delay(folder: string, mode: "sync" | "webhook"): Promise<BenchRow> {
  const store = await openStore(`sqlite:${join(folder, `delay-${mode}.sqlite`)}`);
  try {
    const start = Math.floor(Date.UTC(2026, 2, 5, 5, 0) / 1000);
    const spike = start + 3600;
    const calls: CallRecord[] = [];
    let n = 0;
    const call = (at: number, result: string, seconds: number): CallRecord => ({
      callId: `bench-${n++}`,
      sdkAppId,
      mediaType: "video",
      roomId: `r${n % 40}`,
      startCallTs: at,
      acceptTs: at + 3,
      endTs: at + seconds,
      caller: `u${n % 31}`,
      totalUserNumber: 2,
      callType: "single",
      callResult: result,
      callees: [`u${(n * 7) % 31}`],
    });
    // Two calls a minute as usual (1 in 50 interrupted), then 3 interrupted a minute more; calls
    // last 1 to 5 minutes, and a record exists only once its call ended.
    for (let t = start - 7 * 86_400; t < spike + 7200; t += 30)
      calls.push(call(t, n % 50 === 0 ? "interrupt" : "normal_end", 60 + (n % 5) * 60));
    for (let t = spike; t < spike + 3600; t += 20)
      calls.push(call(t, "interrupt", 60 + (n % 5) * 60));
    await addRules(store, ["alert on interrupted > 30 calls over 15m"], "C0DELAY");
    const archive = createArchiveRepository(store.db);
    const poster = countingPoster();
    clock = (spike - 1800) * 1000;
    const engine = createAlertEngine({
      alerts: createAlertRepository(store.db),
      archive,
      leases: createLeaseRepository(store.db),
      poster,
      render: slackAlertRenderer,
      sdkAppId,
      logger: silentLogger,
      now: () => new Date(clock),
    });
    const arrived = (nowSec: number) =>
      calls.filter(
        (c) => (c.endTs ?? 0) + 5 <= nowSec && (mode === "webhook" || c.startCallTs < nowSec - 10),
      );
    let copiedUntil = 0;
    const copy = async (nowSec: number) => {
      const fresh = arrived(nowSec).filter((c) => (c.endTs ?? 0) + 5 > copiedUntil);
      await archive.upsert(fresh, new Date(nowSec * 1000));
      copiedUntil = nowSec;
      await archive.saveCoverage({
        sdkAppId,
        from: start - 7 * 86_400,
        until: mode === "webhook" ? nowSec : nowSec - 10,
        syncedAt: new Date(nowSec * 1000),
        backfilled: true,
      });
    };
    await copy(Math.floor(clock / 1000));
    // The sync's own window re-reads late calls: here each copy takes every call ended by then.
    let alertAt: number | undefined;
    for (let minute = 0; minute < 120 && alertAt === undefined; minute++) {
      clock += 60_000;
      const nowSec = Math.floor(clock / 1000);
      if (mode === "webhook" || nowSec % 300 === 0) await copy(nowSec);
      await engine.tick();
      if (poster.posts.length > 0) alertAt = poster.posts[0]?.at;
    }
    const minutes = alertAt === undefined ? Number.NaN : (alertAt / 1000 - spike) / 60;
    // When the rule's figure first truly passed 30 (counting every call by its start).
    let crossed = Number.NaN;
    for (let t = spike; t < spike + 3600; t += 10) {
      const inWindow = calls.filter(
        (c) => c.callResult === "interrupt" && c.startCallTs >= t - 900 && c.startCallTs < t,
      ).length;
      if (inWindow > 30) {
        crossed = (t - spike) / 60;
        break;
      }
    }
    return {
      name: `spike → alert, records ${mode === "sync" ? "on the sync's minutes (300 s)" : "as calls end (webhooks)"}`,
      figures: {
        minutesAfterSpikeStart: minutes,
        minutesAfterRuleCrossed: minutes - crossed,
        ruleCrossedAtMinute: crossed,
      },
    };
  } finally {
    await store.close();
  }
}

const bench: Bench = async () => {
  const folder = mkdtempSync(join(tmpdir(), "alerts-bench-"));
  try {
    return [
      ...(await throughput(folder)),
      await delay(folder, "sync"),
      await delay(folder, "webhook"),
    ];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
};

export default bench;
