import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDigestRunner } from "../../../../src/digest/runner.js";
import { createDigestScheduler } from "../../../../src/digest/scheduler.js";
import { silentLogger } from "../../../../src/log.js";
import { renderDigest } from "../../../../src/slack/blocks/digest.js";
import { createDigestCommands } from "../../../../src/slack/listeners/commands/digest.js";
import { createSlackPoster } from "../../../../src/slack/messaging/channel-poster.js";
import { createDigestRunRepository } from "../../../../src/store/digest-runs.js";
import { createSubscriptionRepository } from "../../../../src/store/subscriptions.js";
import { type Harness, startHarness } from "../../../support/slack-harness.js";
import { backends, type TestStore } from "../../../support/store.js";

/** Through the real app: `/calls` hands the allow-list to the digest command, which checks the channel it names. */

const sqlite = backends()[0] as NonNullable<ReturnType<typeof backends>[0]>;

describe("/calls digest in the real app with ALLOWED_CHANNEL_IDS", () => {
  let store: TestStore;
  let h: Harness;
  beforeAll(async () => {
    store = await sqlite.open();
    const subscriptions = createSubscriptionRepository(store.db);
    const runner = createDigestRunner({
      runs: createDigestRunRepository(store.db),
      source: { scan: () => (async function* () {})() },
      // Nothing may be posted in this test: a poster that cannot reach anything.
      poster: createSlackPoster({ token: "xoxb-unused", slackApiUrl: "http://127.0.0.1:9/" }),
      render: renderDigest,
      logger: silentLogger,
    });
    const scheduler = createDigestScheduler({ subscriptions, runner, logger: silentLogger });
    h = await startHarness({
      allowedChannelIds: ["C1"],
      digest: createDigestCommands({ subscriptions, scheduler, runner, logger: silentLogger }),
    });
  });
  afterAll(async () => {
    await h?.stop();
    await store?.dispose();
  });

  it("typed in an allowed channel, naming one that is not: refused, nothing stored", async () => {
    const { responseId } = await h.command("digest on in <#C0OTHER|other>", { channelId: "C1" });
    const answer = await h.answer(responseId);
    expect(JSON.stringify(answer.body)).toContain("not enabled for <#C0OTHER>");
    expect(await createSubscriptionRepository(store.db).get("C0OTHER")).toBeUndefined();

    const here = await h.command("digest on", { channelId: "C1" });
    expect(JSON.stringify((await h.answer(here.responseId)).body)).toContain(
      "Daily digest on for <#C1>",
    );
  });
});
