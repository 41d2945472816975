import { afterEach, describe, expect, it } from "vitest";
import { createCallscope } from "../../src/app/callscope.js";
import { appConfigSchema, parseConfig } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { startSimulator } from "../../src/testbed/callkit-sim/server.js";
import { freePort } from "../../src/testbed/free-port.js";
import { startFakeSlack } from "../../src/testbed/slack-standin/fake-slack.js";
import { sendSlashCommand } from "../../src/testbed/slack-standin/sign.js";
import { callIdsInMessage, type Harness, startHarness } from "../support/slack-harness.js";

/**
 * The whole app (createCallscope, Slack over HTTP, the simulator) in each generation setting:
 * `auto` finds where the calls are, `/calls help` says which generation answers, and searches
 * and lookups reach v4's calls (alone, or merged with v1's).
 */

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe("generations, end to end through Slack", () => {
  it("auto on a v4 app: finds the calls in v4, says so in /calls help, searches and looks them up", async () => {
    h = await startHarness({ generation: "auto", sim: { generation: "v4" } });
    const probe = h.logs("callkit.generations")[0];
    expect(probe).toMatchObject({ setting: "auto", using: ["v4"] });

    const help = await h.answer((await h.command("help")).responseId);
    expect(JSON.stringify(help.body)).toContain("TUICallKit records API: v4");

    const answer = await h.answer((await h.command("calls last 24 hours")).responseId);
    const ids = callIdsInMessage(answer.body);
    expect(ids.size).toBeGreaterThan(0);
    const [first] = [...ids];
    const lookup = await h.answer((await h.command(first as string)).responseId);
    expect(JSON.stringify(lookup.body)).toContain(first);
    expect(h.sim.stats.requests("filter")).toBe(1); // the probe only
  }, 30_000);

  it("auto: healthy before its probe answers; a search asked meanwhile waits and reads v4", async () => {
    const sdkAppId = 1400000046;
    const sim = await startSimulator({
      sdkAppId,
      secretKey: "healthy-before-probe-secret-0123456789",
      dataset: { seed: 8, callsPerDay: 400, days: 2 },
      generation: "v4",
    });
    const slack = await startFakeSlack({ botToken: "xoxb-before-probe" });
    // The probe's page from each generation takes 1.5 s (a slow vendor); later pages do not.
    sim.faults.inject({ endpoint: "filter", kind: "latency", ms: 1500, times: 1 });
    sim.faults.inject({ endpoint: "v4-filter", kind: "latency", ms: 1500, times: 1 });
    const lines: string[] = [];
    const port = await freePort();
    const config = parseConfig(appConfigSchema, {
      TRTC_SDKAPPID: String(sdkAppId),
      TRTC_SECRET_KEY: "healthy-before-probe-secret-0123456789",
      TRTC_API_URL: sim.url,
      TRTC_V4_API_URL: sim.url,
      TRTC_API_GENERATION: "auto",
      SLACK_BOT_TOKEN: "xoxb-before-probe",
      SLACK_SIGNING_SECRET: "before-probe-signing-secret",
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      DEFAULT_TIMEZONE: "UTC",
    });
    const callscope = await createCallscope(config, {
      logger: createLogger({ level: "info", write: (line) => lines.push(line) }),
      store: false,
      host: "127.0.0.1",
    });
    const probed = () => lines.some((line) => line.includes('"event":"callkit.generations"'));
    try {
      const starting = callscope.start();
      let health: Response | undefined;
      while (!health) {
        health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
        if (!health) await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(health.status).toBe(200);
      expect(probed()).toBe(false);
      // Asked now, answered once the probe has chosen v4 (v1 holds no calls here).
      const ack = await sendSlashCommand(
        `http://127.0.0.1:${port}/slack/events`,
        "before-probe-signing-secret",
        {
          command: "/calls",
          text: "calls last 24 hours",
          user_id: "U0ALICE",
          user_name: "alice",
          channel_id: "C1",
          channel_name: "oncall",
          team_id: "T0FAKE",
          response_url: slack.responseUrl("meanwhile"),
          trigger_id: "1.2.3",
        },
      );
      expect(ack.status).toBe(200);
      expect(probed()).toBe(false);
      await starting;
      expect(probed()).toBe(true);
      const answer = await slack.waitForResponse(
        (post) => post.id === "meanwhile" && post.accepted,
      );
      expect(callIdsInMessage(answer.body).size).toBeGreaterThan(0);
      expect(sim.stats.requests("v4-filter")).toBeGreaterThan(1); // the probe, then the search
    } finally {
      await callscope.stop({ graceMs: 1000 });
      await Promise.all([sim.stop(), slack.stop()]);
    }
  }, 30_000);

  it("both: a search counts every call once across the generations", async () => {
    h = await startHarness({ generation: "both", sim: { generation: "both" } });
    const help = await h.answer((await h.command("help")).responseId);
    expect(JSON.stringify(help.body)).toContain("v1 and v4");
    const nowSec = Math.floor(Date.now() / 1000);
    const expected = h.sim.dataset.count({ startTs: nowSec - 3 * 3600, endTs: nowSec + 1 });
    const answer = await h.answer((await h.command("calls last 3 hours")).responseId);
    // The summary states the total; the union of both generations, each call once.
    expect(JSON.stringify(answer.body)).toContain(String(expected));
    expect(h.sim.stats.requests("filter")).toBeGreaterThan(0);
    expect(h.sim.stats.requests("v4-filter")).toBeGreaterThan(0);
  }, 30_000);
});
