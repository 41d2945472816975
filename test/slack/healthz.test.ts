import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RecordSource } from "../../src/callkit/source.js";
import { silentLogger } from "../../src/log.js";
import { createLifecycle } from "../../src/runtime/lifecycle.js";
import { createUpstreamTracker } from "../../src/runtime/upstream-tracker.js";
import { createSlackApp, type SlackApp } from "../../src/slack/app.js";
import type { StoreHealth } from "../../src/store/health.js";
import { type FakeSlack, startFakeSlack } from "../../src/testbed/slack-standin/fake-slack.js";

const TOKEN = "xoxb-healthz-store-test";

describe("/healthz with the store's reading", () => {
  let slack: FakeSlack;
  let app: SlackApp;
  let baseUrl: string;
  let reading: StoreHealth = { status: "ok", since: "2026-01-01T00:00:00.000Z" };
  beforeAll(async () => {
    slack = await startFakeSlack({ botToken: TOKEN });
    app = createSlackApp(
      {
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_SIGNING_SECRET: "healthz-signing-secret-0123456789",
        SLACK_APP_TOKEN: undefined,
        SLACK_API_URL: slack.apiUrl,
        PORT: 0,
        DEFAULT_TIMEZONE: "UTC",
        ALLOWED_USER_IDS: [],
        ALLOWED_CHANNEL_IDS: [],
      },
      {
        // /healthz never reads records.
        source: {} as RecordSource,
        logger: silentLogger,
        now: () => new Date(),
        upstream: createUpstreamTracker(),
        lifecycle: createLifecycle(),
        storeHealth: () => reading,
      },
    );
    const { port } = await app.start();
    baseUrl = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await app?.stop();
    await slack?.stop();
  });

  it("answers 200 with status degraded and the store's reading while the database is down", async () => {
    const ok = await fetch(`${baseUrl}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: "ok", store: { status: "ok" } });

    reading = { status: "degraded", reason: "ECONNREFUSED", since: "2026-01-01T00:01:00.000Z" };
    const down = await fetch(`${baseUrl}/healthz`);
    // 200, not 503: the replica still answers from the vendor (docs/reliability.md).
    expect(down.status).toBe(200);
    expect(await down.json()).toMatchObject({
      status: "degraded",
      store: { status: "degraded", reason: "ECONNREFUSED" },
    });
  });
});
