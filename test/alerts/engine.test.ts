import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AlertEngine, createAlertEngine } from "../../src/alerts/engine.js";
import { parseAlert } from "../../src/alerts/grammar.js";
import { createArchiveSync } from "../../src/archive/sync.js";
import { CallKitClient } from "../../src/callkit/client.js";
import { createLogger } from "../../src/log.js";
import type { AlertCommand } from "../../src/query/alert-rule.js";
import { createMetrics, type Metrics } from "../../src/runtime/metrics.js";
import { slackAlertRenderer } from "../../src/slack/blocks/alert.js";
import { createSlackPoster } from "../../src/slack/messaging/channel-poster.js";
import { createAlertRepository } from "../../src/store/alerts.js";
import { createArchiveRepository } from "../../src/store/archive.js";
import { createLeaseRepository } from "../../src/store/archive-lease.js";
import type { Store } from "../../src/store/database.js";
import { type Simulator, startSimulator } from "../../src/testbed/callkit-sim/server.js";
import {
  type FakeSlack,
  type HistoryMessage,
  startFakeSlack,
} from "../../src/testbed/slack-standin/fake-slack.js";
import { backends, type TestStore } from "../support/store.js";
import { normalWeek, SDK_APP_ID, SECRET_KEY, SPIKE_MINUTES, SPIKE_START_MS } from "./week.js";

/**
 * Alerts over the simulator: a normal week with a planted spike of interrupted calls, copied into
 * the archive by the real sync on the sync's minutes, judged each minute of a moved test clock,
 * posted to the Slack stand-in through the real poster.
 */

const TOKEN = "xoxb-alerts";
const CHANNEL = "C0ALERTS";
const MINUTE = 60_000;

let clock = SPIKE_START_MS - 30 * MINUTE;
const now = () => new Date(clock);
let sim: Simulator;
let slack: FakeSlack;

beforeAll(async () => {
  sim = await startSimulator({
    sdkAppId: SDK_APP_ID,
    secretKey: SECRET_KEY,
    now: () => clock,
    dataset: normalWeek({ endMs: SPIKE_START_MS + 12 * 3600_000 }),
  });
  slack = await startFakeSlack({ botToken: TOKEN, now: () => clock });
});
afterAll(async () => {
  await slack.stop();
  await sim.stop();
});

function rule(text: string): Extract<AlertCommand, { action: "on" }> {
  const command = parseAlert(text, "en");
  if (command.kind !== "alert" || command.action !== "on") throw new Error(`not a rule: ${text}`);
  return command;
}

function parts(store: Store, owner: string, logLines: string[] = [], metrics?: Metrics) {
  const client = new CallKitClient({
    sdkAppId: SDK_APP_ID,
    secretKey: SECRET_KEY,
    adminUser: "administrator",
    apiUrl: sim.url,
    rateLimit: 500,
    callIdRateLimit: 20,
    timeoutMs: 5000,
  });
  const lines = createLogger({ level: "info", write: (line) => logLines.push(line) });
  const logger = metrics ? metrics.observe(lines) : lines;
  const sync = createArchiveSync({
    db: store.db,
    source: client,
    sdkAppId: SDK_APP_ID,
    now,
    pageSize: 1000,
    // The week's calls last a minute: a 10-minute overlap finds every late one, at a fraction
    // of the default 3 hours' reads.
    overlapSeconds: 600,
    holder: `sync-${owner}`,
    logger,
  });
  const engine = createAlertEngine({
    alerts: createAlertRepository(store.db),
    archive: createArchiveRepository(store.db),
    leases: createLeaseRepository(store.db),
    poster: createSlackPoster({ token: TOKEN, slackApiUrl: slack.apiUrl, timeoutMs: 2000 }),
    render: slackAlertRenderer,
    sdkAppId: SDK_APP_ID,
    logger,
    now,
    owner,
  });
  return { sync, engine, alerts: createAlertRepository(store.db) };
}

async function addRule(store: Store, text: string) {
  const command = rule(text);
  const added = await createAlertRepository(store.db).addRule(
    {
      channelId: CHANNEL,
      filter: command.filter,
      condition: command.condition,
      lang: "en",
      timeZone: "Asia/Shanghai",
      createdBy: "U1",
    },
    10,
    now(),
  );
  if (!added.added) throw new Error("rule not added");
  return added.rule;
}

/** Moves the clock minute by minute; the sync runs every 5 minutes, the engines every minute. */
async function walk(
  minutes: number,
  sync: { runOnce(): Promise<unknown> },
  engines: AlertEngine[],
  each?: (minute: number) => Promise<void> | void,
  stepMinutes = 1,
) {
  for (let m = 0; m < minutes; m += stepMinutes) {
    clock += stepMinutes * MINUTE;
    // A failed run (the vendor down) is logged by the sync's own loop; here it is just a run.
    if (Math.floor(clock / MINUTE) % 5 === 0) await sync.runOnce().catch(() => undefined);
    await Promise.all(engines.map((e) => e.tick()));
    await each?.(m);
  }
}

const top = (messages: HistoryMessage[]) => messages.filter((m) => m.thread_ts === undefined);
const replies = (messages: HistoryMessage[], ts: string) =>
  messages.filter((m) => m.thread_ts === ts);
const stage = (m: HistoryMessage) =>
  (m.metadata as { event_payload?: { stage?: string } } | undefined)?.event_payload?.stage;
const text = (m: HistoryMessage) => String(m.text);

describe.each(backends())("alerts over the simulator on $name", (backend) => {
  let store: TestStore;
  beforeEach(async () => {
    if (!backend.available) return;
    clock = SPIKE_START_MS - 30 * MINUTE;
    store = await backend.open();
    slack.reset();
    sim.faults.clear();
    return () => store.dispose();
  });

  describe.skipIf(!backend.available)("", () => {
    it("a threshold rule fires once, updates in its thread, resolves once", async () => {
      await addRule(store, "alert on interrupted > 30 calls over 15m");
      const metrics = createMetrics();
      const { sync, engine } = parts(store, "a", [], metrics);
      await sync.runOnce();
      let firedAt: number | undefined;
      await walk(SPIKE_MINUTES + 90, sync, [engine], () => {
        if (firedAt === undefined && top(slack.messages(CHANNEL)).length > 0) firedAt = clock;
      });
      const messages = slack.messages(CHANNEL);
      const alerts = top(messages);
      expect(alerts).toHaveLength(1);
      const alert = alerts[0]!;
      expect(stage(alert)).toBe("alert");
      // It fired during the spike, minutes after it started (the sync's 5-minute steps).
      expect(firedAt).toBeGreaterThan(SPIKE_START_MS);
      expect(firedAt).toBeLessThan(SPIKE_START_MS + 20 * MINUTE);
      // The resolution edited the top message.
      expect(alert.edited).toBeDefined();
      expect(text(alert)).toMatch(/Resolved · alert #1: interrupted calls > 30 calls over 15 min/);
      const thread = replies(messages, alert.ts);
      expect(thread.map(stage)).toEqual(["update", "resolve"]);
      expect(text(thread[0]!)).toMatch(/Still over after 3\d min: \d+ calls now, peak \d+ calls/);
      expect(text(thread[1]!)).toMatch(/Back under the rule since/);
      // The alert said what crossed, and which callers and calls were involved.
      const blocks = JSON.stringify(alert.blocks);
      expect(blocks).toMatch(/Resolved/);
      const posted = slack
        .calls("chat.postMessage")
        .find((c) => c.args.thread_ts === undefined)?.args;
      expect(JSON.stringify(posted?.blocks)).toMatch(/over the rule's \*30 calls\*/);
      expect(JSON.stringify(posted?.blocks)).toMatch(/Top callers/);
      expect(JSON.stringify(posted?.blocks)).toMatch(/alert_show_calls/);
      expect(JSON.stringify(posted?.blocks)).toMatch(/alert_mute_tomorrow/);
      // /metrics counts the episode: one opened, one resolved, three posts (alert, update,
      // resolution), no failure; no channel or rule number in a label.
      const scraped = await metrics.render();
      const count = (event: string) =>
        Number(
          scraped
            .split("\n")
            .find((l) => l.startsWith(`callscope_alerts_total{event="${event}"} `))
            ?.split(" ")
            .at(-1) ?? 0,
        );
      expect([count("opened"), count("resolved"), count("post_failed")]).toEqual([1, 1, 0]);
      expect(count("posted")).toBeGreaterThanOrEqual(1);
      expect(scraped).not.toContain(CHANNEL);
    }, 120_000);

    it("a post whose answer was lost is found by its metadata, not posted again (a restart too)", async () => {
      await addRule(store, "alert on interrupted > 30 calls over 15m");
      const first = parts(store, "a");
      await first.sync.runOnce();
      // The alert's answer and the thread update's answer never come back.
      slack.losePostAnswer("drop", 2);
      await walk(35, first.sync, [first.engine]);
      await first.engine.stop();
      // A restart: a new engine on a new handle of the same store.
      const again = parts(await store.reopen(), "b");
      await walk(SPIKE_MINUTES + 55, first.sync, [again.engine]);
      const messages = slack.messages(CHANNEL);
      expect(top(messages)).toHaveLength(1);
      const alert = top(messages)[0]!;
      expect(replies(messages, alert.ts).map(stage)).toEqual(["update", "resolve"]);
      expect(slack.calls("chat.postMessage")).toHaveLength(3);
      const episodes = await again.alerts.episodesBetween(CHANNEL, new Date(0), now());
      expect(episodes.map((e) => e.posts.alert.ts)).toEqual([alert.ts]);
      expect(slack.calls("conversations.history").length).toBeGreaterThan(0);
      expect(slack.calls("conversations.replies").length).toBeGreaterThan(0);
    }, 240_000);

    it("a baseline rule fires for the spike and not for the normal nightly dip", async () => {
      const added = await addRule(store, "alert on interrupted unusual over 30m");
      const { sync, engine, alerts } = parts(store, "a");
      // Start the evening before: the night (00:00–07:00 Beijing) and the morning come first.
      clock = SPIKE_START_MS - 16 * 3600_000;
      await sync.runOnce();
      let nightTicks = 0;
      // Every 5 minutes through the night (the sync's own steps), then every minute.
      await walk(
        16 * 60 - 5,
        sync,
        [engine],
        () => {
          const hour = new Date(clock + 8 * 3600_000).getUTCHours();
          if (hour >= 1 && hour < 6) nightTicks += 1;
        },
        5,
      );
      clock += 4 * MINUTE;
      expect(nightTicks).toBeGreaterThan(50);
      // Nothing all night and morning.
      expect(top(slack.messages(CHANNEL)).map(text)).toEqual([]);
      expect(await alerts.episodesBetween(CHANNEL, new Date(0), now())).toEqual([]);
      await walk(SPIKE_MINUTES + 60, sync, [engine]);
      const episodes = await alerts.episodesBetween(CHANNEL, new Date(0), now());
      expect(episodes.map((e) => e.ruleNumber)).toEqual([added.number]);
      expect(episodes[0]!.openedAt.getTime()).toBeGreaterThan(SPIKE_START_MS);
      const posted = top(slack.messages(CHANNEL));
      expect(posted).toHaveLength(1);
      expect(JSON.stringify(slack.calls("chat.postMessage")[0]?.args.blocks)).toMatch(
        /usually \*\d+\.\d%\* at this hour/,
      );
    }, 240_000);

    it("a mute holds", async () => {
      const added = await addRule(store, "alert on interrupted > 30 calls over 15m");
      const { sync, engine, alerts } = parts(store, "a");
      await alerts.mute(CHANNEL, added.number, new Date(clock + 3 * 3600_000), "U1");
      await sync.runOnce();
      await walk(SPIKE_MINUTES + 30, sync, [engine]);
      expect(slack.messages(CHANNEL)).toHaveLength(0);
      expect(await alerts.episodesBetween(CHANNEL, new Date(0), now())).toEqual([]);
    }, 120_000);

    it("a vendor outage gives one notice, not an alert, and one word when calls are seen again", async () => {
      await addRule(store, "alert on interrupted > 30 calls over 15m");
      const { sync, engine } = parts(store, "a");
      clock = SPIKE_START_MS - 4 * 3600_000;
      await sync.runOnce();
      sim.faults.inject({ kind: "http", status: 502 });
      await walk(45, sync, [engine]);
      const during = top(slack.messages(CHANNEL));
      expect(during).toHaveLength(1);
      expect(text(during[0]!)).toMatch(/callscope cannot see calls right now/);
      expect(text(during[0]!)).not.toMatch(/Alert #/);
      sim.faults.clear();
      await walk(15, sync, [engine]);
      const after = slack.messages(CHANNEL);
      expect(top(after)).toHaveLength(1);
      const notice = top(after)[0]!;
      expect(notice.edited).toBeDefined();
      expect(text(notice)).toMatch(/callscope can see calls again/);
      expect(replies(after, notice.ts).map(stage)).toEqual(["resolve"]);
    }, 120_000);
  });
});

describe.skipIf(!backends()[1]!.available)("two replicas on one PostgreSQL", () => {
  it("post one alert", async () => {
    clock = SPIKE_START_MS - 30 * MINUTE;
    slack.reset();
    sim.faults.clear();
    const store = await backends()[1]!.open();
    const other = await store.reopen();
    try {
      await addRule(store, "alert on interrupted > 30 calls over 15m");
      const a = parts(store, "replica-a");
      const b = parts(other, "replica-b");
      await a.sync.runOnce();
      // Both tick every minute; halfway through, the lease holder stops and the other takes over.
      await walk(40, a.sync, [a.engine, b.engine]);
      await a.engine.stop();
      await walk(SPIKE_MINUTES + 40, b.sync, [b.engine]);
      const messages = slack.messages(CHANNEL);
      expect(top(messages)).toHaveLength(1);
      expect(replies(messages, top(messages)[0]!.ts).map(stage)).toEqual(["update", "resolve"]);
      expect(slack.calls("chat.postMessage")).toHaveLength(3);
    } finally {
      await store.dispose();
    }
  }, 240_000);
});
