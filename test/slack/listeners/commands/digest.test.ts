import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDigestRunner } from "../../../../src/digest/runner.js";
import { createDigestScheduler, type DigestScheduler } from "../../../../src/digest/scheduler.js";
import { silentLogger } from "../../../../src/log.js";
import { parse } from "../../../../src/query/parse.js";
import type { DigestCommand } from "../../../../src/query/types.js";
import { renderDigest } from "../../../../src/slack/blocks/digest.js";
import type { SlackMessage } from "../../../../src/slack/blocks/limits.js";
import { createDigestCommands } from "../../../../src/slack/listeners/commands/digest.js";
import { createSlackPoster } from "../../../../src/slack/messaging/channel-poster.js";
import { createDigestRunRepository } from "../../../../src/store/digest-runs.js";
import {
  createSubscriptionRepository,
  type SubscriptionRepository,
} from "../../../../src/store/subscriptions.js";
import type { Simulator } from "../../../../src/testbed/callkit-sim/server.js";
import {
  type FakeSlack,
  startFakeSlack,
} from "../../../../src/testbed/slack-standin/fake-slack.js";
import { clientFor, SIM_NOW_MS, startDigestSimulator } from "../../../digest/sim-setup.js";
import { type SlackFront, startSlackFront } from "../../../digest/slack-front.js";
import { backends, type TestStore } from "../../../support/store.js";

const TOKEN = "xoxb-commands";
const HERE = "C0HERE";
const now = () => new Date(SIM_NOW_MS);

let sim: Simulator;
let slack: FakeSlack;
let front: SlackFront;
beforeAll(async () => {
  sim = await startDigestSimulator(200);
  slack = await startFakeSlack({ botToken: TOKEN });
  front = await startSlackFront(slack.apiUrl);
});
afterAll(async () => {
  await front.stop();
  await slack.stop();
  await sim.stop();
});

function command(text: string, timeZone = "Asia/Shanghai"): DigestCommand {
  const parsed = parse(text, { now: now(), timeZone });
  if (parsed.kind !== "digest") throw new Error(`"${text}" did not parse as a digest command`);
  return parsed;
}

describe.each(backends())("digest commands on $name", (backend) => {
  let store: TestStore;
  let subscriptions: SubscriptionRepository;
  let scheduler: DigestScheduler;
  let replies: SlackMessage[];
  let handler: ReturnType<typeof createDigestCommands>;

  beforeEach(async () => {
    if (!backend.available) return;
    store = await backend.open();
    slack.reset();
    replies = [];
    subscriptions = createSubscriptionRepository(store.db);
    const runner = createDigestRunner({
      runs: createDigestRunRepository(store.db),
      source: clientFor(sim),
      poster: createSlackPoster({ token: TOKEN, slackApiUrl: front.apiUrl }),
      render: renderDigest,
      logger: silentLogger,
      now,
      sleep: async () => {},
    });
    scheduler = createDigestScheduler({ subscriptions, runner, logger: silentLogger, now });
    handler = createDigestCommands({ subscriptions, scheduler, runner, logger: silentLogger, now });
  });
  afterEach(async () => {
    if (!backend.available) return;
    await scheduler.stop();
    await store.dispose();
  });

  const send = (text: string, timeZone = "Asia/Shanghai") =>
    handler.handleCommand({
      command: command(text, timeZone),
      userId: "U1",
      channelId: HERE,
      timeZone,
      respond: async (message) => {
        replies.push(message);
      },
    });
  const lastReply = () => replies.at(-1)?.text ?? "";

  describe.skipIf(!backend.available)("", () => {
    it("on → show → off → off again → show", async () => {
      await send("digest on");
      expect(await subscriptions.get(HERE)).toMatchObject({
        hour: 9,
        minute: 0,
        timeZone: "Asia/Shanghai",
        lang: "en",
        createdBy: "U1",
      });
      expect(lastReply()).toContain("Daily digest on for <#C0HERE>");
      expect(lastReply()).toContain("09:00");
      expect(scheduler.nextRun(HERE)).toBeInstanceOf(Date);

      await send("digest on at 07:30 video group", "America/Los_Angeles");
      expect(await subscriptions.get(HERE)).toMatchObject({
        hour: 7,
        minute: 30,
        timeZone: "America/Los_Angeles",
        filter: { callTypes: ["group"], mediaTypes: ["video"] },
      });
      expect(lastReply()).toContain("updated");

      await send("digest");
      expect(lastReply()).toContain("07:30");
      expect(lastReply()).toContain("America/Los_Angeles");

      await send("digest off");
      expect(lastReply()).toContain("Daily digest off for <#C0HERE>");
      expect(await subscriptions.get(HERE)).toBeUndefined();
      expect(scheduler.nextRun(HERE)).toBeUndefined();

      await send("digest off");
      expect(lastReply()).toContain("no daily digest in <#C0HERE> to turn off");
      await send("digest");
      expect(lastReply()).toContain("No daily digest in <#C0HERE>");
    });

    it("another channel by link", async () => {
      await send("digest on in <#C0OTHER|other>");
      expect(await subscriptions.get("C0OTHER")).toBeDefined();
      expect(await subscriptions.get(HERE)).toBeUndefined();
    });

    it("a channel it cannot identify gets a clear answer and changes nothing", async () => {
      await send("digest on in #nowhere");
      expect(lastReply()).toContain("couldn't tell which channel “#nowhere”");
      expect(await subscriptions.list()).toEqual([]);
    });

    it("Chinese: 日报 开启 9点 answers in Chinese", async () => {
      await send("日报 开启 9点");
      expect(await subscriptions.get(HERE)).toMatchObject({ hour: 9, lang: "zh" });
      expect(lastReply()).toContain("已为 <#C0HERE> 开启日报");
      await send("日报 关闭");
      expect(lastReply()).toContain("已关闭");
    });

    it("an unknown time zone falls back to UTC and says so", async () => {
      await handler.handleCommand({
        command: command("digest on"),
        userId: "U1",
        channelId: HERE,
        timeZone: "Mars/Olympus",
        respond: async (message) => {
          replies.push(message);
        },
      });
      expect(await subscriptions.get(HERE)).toMatchObject({ timeZone: "UTC" });
      expect(JSON.stringify(replies.at(-1)?.blocks)).toContain("Mars/Olympus");
    });

    it("now posts yesterday's digest here", async () => {
      await send("digest now");
      const posts = slack.calls("chat.postMessage");
      expect(posts).toHaveLength(1);
      expect(posts[0]?.args.channel).toBe(HERE);
      expect(String(posts[0]?.args.text)).toContain("2026-11-02");
      expect(lastReply()).toContain("Posted the digest of 2026-11-02");
    });

    it("now with only a room typed uses that room, not the channel's own filter", async () => {
      await send("digest on video calls");
      await send("digest now room 7");
      const posted = JSON.stringify(slack.calls("chat.postMessage").at(-1)?.args);
      expect(posted).toContain("room 7");
      expect(posted).not.toContain("video");
    });

    it("now in a channel the bot is not in says how to fix it", async () => {
      front.fail({ kind: "slack", error: "not_in_channel" });
      await send("digest now");
      expect(lastReply()).toContain("invite me first");
    });
  });
});
