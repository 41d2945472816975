import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDigestFeature } from "../../src/app/digest.js";
import { silentLogger } from "../../src/log.js";
import { parse } from "../../src/query/parse.js";
import type { Simulator } from "../../src/testbed/callkit-sim/server.js";
import { type FakeSlack, startFakeSlack } from "../../src/testbed/slack-standin/fake-slack.js";
import { clientFor, SIM_NOW_MS, startDigestSimulator } from "../digest/sim-setup.js";
import { backends } from "../support/store.js";

const TOKEN = "xoxb-feature";
const now = () => new Date(SIM_NOW_MS);

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

describe.each(backends())("createDigestFeature on $name", (backend) => {
  it.skipIf(!backend.available)(
    "a subscription made by command survives a restart, which catches it up once",
    async () => {
      const channel = `C0FEAT${backend.name.toUpperCase()}`;
      const store = await backend.open();
      try {
        const options = {
          source: clientFor(sim),
          logger: silentLogger,
          slackToken: TOKEN,
          slackApiUrl: slack.apiUrl,
          now,
        };
        const first = createDigestFeature({ ...options, store });
        const command = parse("digest on at 08:00", { now: now(), timeZone: "Asia/Shanghai" });
        if (command.kind !== "digest") throw new Error("not a digest command");
        const replies: string[] = [];
        await first.handler.handleCommand({
          command,
          userId: "U1",
          channelId: channel,
          timeZone: "Asia/Shanghai",
          respond: async (message) => {
            replies.push(message.text);
          },
        });
        expect(replies[0]).toContain("08:00");
        await first.stop();
        expect(
          slack.calls("chat.postMessage").filter((c) => c.args.channel === channel),
        ).toHaveLength(0);

        // "Restart": a new feature on a new handle; 08:00 Shanghai has passed at 20:00, so it catches up.
        const second = createDigestFeature({ ...options, store: await store.reopen() });
        await second.start();
        const post = await slack.waitForCall(
          (c) => c.method === "chat.postMessage" && c.args.channel === channel,
        );
        expect(String(post.args.text)).toContain("2026-11-02");
        await second.stop();
        const third = createDigestFeature({ ...options, store: await store.reopen() });
        await third.start();
        await third.stop();
        expect(
          slack.calls("chat.postMessage").filter((c) => c.args.channel === channel),
        ).toHaveLength(1);
      } finally {
        await store.dispose();
      }
    },
  );
});
