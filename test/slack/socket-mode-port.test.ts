import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RecordSource } from "../../src/callkit/source.js";
import { silentLogger } from "../../src/log.js";
import { listenHealth, PortInUseError } from "../../src/runtime/health-server.js";
import { createLifecycle } from "../../src/runtime/lifecycle.js";
import { createUpstreamTracker } from "../../src/runtime/upstream-tracker.js";
import { createSlackApp } from "../../src/slack/app.js";
import { type FakeSlack, startFakeSlack } from "../../src/testbed/slack-standin/fake-slack.js";

/**
 * Socket Mode's health port. Bolt's own listener had no error handler: a taken PORT crashed the
 * process with a bare EADDRINUSE. The health server now starts first, on its own, with a clear
 * error, so this runs without a real Slack socket (start-up stops before one is opened).
 */

const TOKEN = "xoxb-socket-port-test";
let holder: Server;
let takenPort: number;
let slack: FakeSlack;

beforeAll(async () => {
  slack = await startFakeSlack({ botToken: TOKEN });
  holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, resolve));
  takenPort = (holder.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((resolve) => holder.close(resolve));
  await slack.stop();
});

describe("Socket Mode with PORT taken", () => {
  it("fails start-up with an error naming the port, before opening a socket", async () => {
    const app = createSlackApp(
      {
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_SIGNING_SECRET: "socket-port-signing-secret-0123456789",
        SLACK_APP_TOKEN: "xapp-1-socket-port-test",
        SLACK_API_URL: slack.apiUrl,
        PORT: takenPort,
        DEFAULT_TIMEZONE: "UTC",
        ALLOWED_USER_IDS: [],
        ALLOWED_CHANNEL_IDS: [],
      },
      {
        source: {} as RecordSource,
        logger: silentLogger,
        now: () => new Date(),
        upstream: createUpstreamTracker(),
        lifecycle: createLifecycle(),
      },
    );
    expect(app.mode).toBe("socket");
    const started = app.start();
    await expect(started).rejects.toBeInstanceOf(PortInUseError);
    await expect(started).rejects.toThrow(`PORT ${takenPort} is already in use`);
    expect(slack.calls("apps.connections.open")).toEqual([]);
  });

  it("the health server alone answers /healthz on a free port and 404 elsewhere", async () => {
    const health = await listenHealth(
      {
        "/healthz": (_req, res) => {
          res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
        },
      },
      { port: 0, host: "127.0.0.1" },
    );
    try {
      const ok = await fetch(`http://127.0.0.1:${health.port}/healthz`);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ status: "ok" });
      expect((await fetch(`http://127.0.0.1:${health.port}/other`)).status).toBe(404);
    } finally {
      await health.close();
    }
  });
});
