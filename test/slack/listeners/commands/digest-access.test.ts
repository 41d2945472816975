import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDigestRunner } from "../../../../src/digest/runner.js";
import { createDigestScheduler } from "../../../../src/digest/scheduler.js";
import { silentLogger } from "../../../../src/log.js";
import { parse } from "../../../../src/query/parse.js";
import { createAccessPolicy } from "../../../../src/slack/access.js";
import { renderDigest } from "../../../../src/slack/blocks/digest.js";
import type { SlackMessage } from "../../../../src/slack/blocks/limits.js";
import {
  createDigestCommands,
  type DigestCommandDeps,
} from "../../../../src/slack/listeners/commands/digest.js";
import { createSlackPoster } from "../../../../src/slack/messaging/channel-poster.js";
import { createLeaseRepository } from "../../../../src/store/archive-lease.js";
import { createDigestRunRepository } from "../../../../src/store/digest-runs.js";
import { createSubscriptionRepository } from "../../../../src/store/subscriptions.js";
import type { Simulator } from "../../../../src/testbed/callkit-sim/server.js";
import {
  type FakeSlack,
  startFakeSlack,
} from "../../../../src/testbed/slack-standin/fake-slack.js";
import { clientFor, SIM_NOW_MS, startDigestSimulator } from "../../../digest/sim-setup.js";
import { backends, type TestStore } from "../../../support/store.js";

/** Who may do what with a channel's digest: the allow-list, ownership, the `now` limit, the cap. */

const TOKEN = "xoxb-digest-access";
const HERE = "C0HERE";
const ALLOWED = "C0ALLOWED";
const FORBIDDEN = "C0FORBIDDEN";
const now = () => new Date(SIM_NOW_MS);
const access = createAccessPolicy({
  allowedUserIds: [],
  allowedChannelIds: [HERE, ALLOWED, "C0THIRD"],
});

let sim: Simulator;
let slack: FakeSlack;
beforeAll(async () => {
  sim = await startDigestSimulator(200);
  slack = await startFakeSlack({ botToken: TOKEN });
});
afterAll(async () => {
  await slack.stop();
  await sim.stop();
});

describe.each(backends())("digest command access on $name", (backend) => {
  let store: TestStore;
  let replies: SlackMessage[];
  beforeEach(async () => {
    if (!backend.available) return;
    store = await backend.open();
    slack.reset();
    replies = [];
    return () => store.dispose();
  });

  const handlerOn = (extra: Partial<DigestCommandDeps> = {}) => {
    const subscriptions = createSubscriptionRepository(store.db);
    const runner = createDigestRunner({
      runs: createDigestRunRepository(store.db),
      source: clientFor(sim),
      poster: createSlackPoster({ token: TOKEN, slackApiUrl: slack.apiUrl }),
      render: renderDigest,
      logger: silentLogger,
      now,
    });
    const scheduler = createDigestScheduler({ subscriptions, runner, logger: silentLogger, now });
    return createDigestCommands({
      subscriptions,
      scheduler,
      runner,
      logger: silentLogger,
      now,
      ...extra,
    });
  };
  const send = (
    handler: ReturnType<typeof createDigestCommands>,
    text: string,
    who: { userId?: string; channelId?: string } = {},
  ) => {
    const command = parse(text, { now: now(), timeZone: "Asia/Shanghai" });
    if (command.kind !== "digest") throw new Error(`"${text}" is not a digest command`);
    return handler.handleCommand({
      command,
      userId: who.userId ?? "U1",
      channelId: who.channelId ?? HERE,
      timeZone: "Asia/Shanghai",
      access,
      respond: async (message) => {
        replies.push(message);
      },
    });
  };
  const lastReply = () => replies.at(-1)?.text ?? "";
  const subscriptions = () => createSubscriptionRepository(store.db);

  describe.skipIf(!backend.available)("", () => {
    it("a channel the allow-list does not allow is refused when named from an allowed one", async () => {
      const handler = handlerOn();
      await send(handler, `digest on in <#${FORBIDDEN}>`);
      expect(lastReply()).toContain(`not enabled for <#${FORBIDDEN}>`);
      await send(handler, `digest now in <#${FORBIDDEN}>`);
      expect(lastReply()).toContain(`not enabled for <#${FORBIDDEN}>`);
      await send(handler, `日报 开启 在 <#${FORBIDDEN}>`);
      expect(lastReply()).toContain("未对");
      expect(await subscriptions().get(FORBIDDEN)).toBeUndefined();
      expect(slack.calls("chat.postMessage")).toHaveLength(0);

      await send(handler, `digest on in <#${ALLOWED}>`);
      expect(await subscriptions().get(ALLOWED)).toMatchObject({ createdBy: "U1" });
    });

    it("a subscription is changed or removed only from its own channel, or by whoever set it", async () => {
      const handler = handlerOn();
      await send(handler, `digest on at 08:00 in <#${ALLOWED}>`, { userId: "U1" });

      await send(handler, `digest off in <#${ALLOWED}>`, { userId: "U2" });
      expect(lastReply()).toContain("Only people in <#C0ALLOWED>, or <@U1>");
      await send(handler, `digest on at 10:00 in <#${ALLOWED}>`, { userId: "U2" });
      expect(lastReply()).toContain("Only people in");
      expect(await subscriptions().get(ALLOWED)).toMatchObject({ hour: 8, createdBy: "U1" });

      // In the channel itself anyone may change it.
      await send(handler, "digest on at 10:00", { userId: "U2", channelId: ALLOWED });
      expect(await subscriptions().get(ALLOWED)).toMatchObject({ hour: 10, createdBy: "U2" });
      // And whoever set it may from anywhere.
      await send(handler, `digest off in <#${ALLOWED}>`, { userId: "U2" });
      expect(lastReply()).toContain("Daily digest off for <#C0ALLOWED>");
      expect(await subscriptions().get(ALLOWED)).toBeUndefined();
    });

    it("digest now is limited per channel, on every replica", async () => {
      const leases = createLeaseRepository(store.db);
      const a = handlerOn({ nowLimit: { leases } });
      const b = handlerOn({
        nowLimit: { leases: createLeaseRepository((await store.reopen()).db) },
      });
      await send(a, "digest now");
      expect(lastReply()).toContain("Posted the digest");
      await send(b, "digest now");
      expect(lastReply()).toContain("Please wait 60 s");
      await send(b, "日报 立即");
      expect(lastReply()).toContain("秒后再试");
      await send(b, `digest now in <#${ALLOWED}>`);
      expect(lastReply()).toContain("Posted the digest");
      expect(slack.calls("chat.postMessage").map((c) => c.args.channel)).toEqual([HERE, ALLOWED]);
    });

    it("the workspace's subscriptions are capped, with a clear message; existing ones still change", async () => {
      const handler = handlerOn({ maxSubscriptions: 2 });
      await send(handler, "digest on");
      await send(handler, "digest on", { channelId: ALLOWED });
      await send(handler, "digest on", { channelId: "C0THIRD" });
      expect(lastReply()).toContain("already has 2 daily digests");
      expect(await subscriptions().count()).toBe(2);
      await send(handler, "digest on at 07:00");
      expect(await subscriptions().get(HERE)).toMatchObject({ hour: 7 });
    });
  });
});
