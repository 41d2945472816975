import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArchiveSync } from "../../src/archive/sync.js";
import { createDigestRunner, type DigestTarget } from "../../src/digest/runner.js";
import { createLogger } from "../../src/log.js";
import { everyCall } from "../../src/query/filter.js";
import { type HealthServer, listenHealth } from "../../src/runtime/health-server.js";
import { createMetrics, type Metrics } from "../../src/runtime/metrics.js";
import { renderDigest } from "../../src/slack/blocks/digest.js";
import { createSlackPoster } from "../../src/slack/messaging/channel-poster.js";
import { createDigestRunRepository } from "../../src/store/digest-runs.js";
import type { Simulator } from "../../src/testbed/callkit-sim/server.js";
import { type FakeSlack, startFakeSlack } from "../../src/testbed/slack-standin/fake-slack.js";
import {
  callsBetween,
  DAY,
  startVendor,
  T0,
  T0_MS,
  type Vendor,
} from "../archive/sync-fixtures.js";
import { clientFor, SIM_NOW_MS, startDigestSimulator } from "../digest/sim-setup.js";
import { type SlackFront, startSlackFront } from "../digest/slack-front.js";
import { backends, type TestStore } from "../support/store.js";

/**
 * The jobs' figures in /metrics, scraped over HTTP from a real health server: digests posted,
 * retried and failed (a real runner posting through a faulty Slack front), and the archive sync's
 * records written, lag and scan time (a real sync from the simulator into a real store).
 */

const TOKEN = "xoxb-metrics-jobs";

function sample(text: string, name: string, labels = ""): number | undefined {
  const head = labels === "" ? `${name} ` : `${name}{${labels}} `;
  const line = text.split("\n").find((l) => l.startsWith(head));
  return line === undefined ? undefined : Number(line.split(" ").at(-1));
}

async function scrape(server: HealthServer): Promise<string> {
  const answer = await fetch(`http://127.0.0.1:${server.port}/metrics`);
  expect(answer.status).toBe(200);
  return answer.text();
}

function serve(metrics: Metrics): Promise<HealthServer> {
  return listenHealth(
    {
      "/metrics": (_req, res) => {
        metrics.render().then((text) => res.writeHead(200).end(text));
      },
    },
    { port: 0, host: "127.0.0.1" },
  );
}

const quiet = () => createLogger({ level: "error", write: () => {} });

describe("digests in /metrics", () => {
  let sim: Simulator;
  let slack: FakeSlack;
  let front: SlackFront;
  let store: TestStore;
  const [sqlite] = backends();
  beforeAll(async () => {
    sim = await startDigestSimulator();
    slack = await startFakeSlack({ botToken: TOKEN });
    front = await startSlackFront(slack.apiUrl);
    store = await (sqlite as NonNullable<typeof sqlite>).open();
  });
  afterAll(async () => {
    await store.dispose();
    await front.stop();
    await slack.stop();
    await sim.stop();
  });

  it("counts posted, retried and failed digests, with no channel in a label", async () => {
    const metrics = createMetrics();
    const server = await serve(metrics);
    try {
      const runner = createDigestRunner({
        runs: createDigestRunRepository(store.db),
        source: metrics.timeScans(clientFor(sim), "digest"),
        poster: createSlackPoster({ token: TOKEN, slackApiUrl: front.apiUrl }),
        render: renderDigest,
        logger: metrics.observe(quiet()),
        now: () => new Date(SIM_NOW_MS),
        sleep: async () => {},
        backoffBaseMs: 1,
      });
      const target: DigestTarget = {
        channelId: "C0METRICS",
        timeZone: "UTC",
        filter: everyCall(),
        lang: "en",
      };
      // Two failed posts before the third goes through, then a refusal that will not pass.
      front.fail({ kind: "http", status: 502 }, { kind: "http", status: 503 });
      expect(await runner.run(target, "2026-11-01")).toMatchObject({ status: "posted" });
      front.fail({ kind: "slack", error: "not_in_channel" });
      expect(await runner.run(target, "2026-11-02")).toMatchObject({ status: "failed" });

      const text = await scrape(server);
      expect(sample(text, "callscope_digests_total", 'outcome="posted"')).toBe(1);
      expect(sample(text, "callscope_digests_total", 'outcome="retried"')).toBe(2);
      expect(sample(text, "callscope_digests_total", 'outcome="failed"')).toBe(1);
      // Scans timed under "digest": 11-01 and the day before it (for ▲/▼), then 11-02 alone (the
      // day before is stored by then).
      expect(sample(text, "callscope_scan_seconds_count", 'purpose="digest",outcome="done"')).toBe(
        3,
      );
      expect(text).not.toContain("C0METRICS");
    } finally {
      await server.close();
    }
  });
});

describe.each(backends())("the archive sync in /metrics on $name", (backend) => {
  let vendor: Vendor;
  let store: TestStore;
  beforeAll(async () => {
    if (!backend.available) return;
    vendor = await startVendor(callsBetween(T0 - 3 * DAY, T0 - 60, 900, "m"), () => T0_MS);
    store = await backend.open();
  });
  afterAll(async () => {
    if (!backend.available) return;
    await store.dispose();
    await vendor.stop();
  });

  it.skipIf(!backend.available)(
    "counts records written per slice, the sync's lag and its scans",
    async () => {
      const metrics = createMetrics();
      const server = await serve(metrics);
      try {
        const before = await scrape(server);
        // Nothing synced yet: no lag figure (NaN) rather than a made-up one.
        expect(sample(before, "callscope_archive_sync_lag_seconds")).toBeNaN();
        const sync = createArchiveSync({
          db: store.db,
          source: metrics.timeScans(vendor.client, "archive"),
          sdkAppId: 1400000077,
          now: () => new Date(T0_MS),
          sliceSeconds: DAY,
          logger: metrics.observe(quiet()),
        });
        const run = await sync.runOnce();
        if (!run.ran) throw new Error("the sync did not run");
        expect(run.records).toBe(900);

        const startedScrape = Date.now() / 1000;
        const text = await scrape(server);
        const endedScrape = Date.now() / 1000;
        expect(sample(text, "callscope_archive_records_written_total")).toBe(900);
        expect(sample(text, "callscope_archive_syncs_total", 'outcome="done"')).toBe(1);
        const lag = sample(text, "callscope_archive_sync_lag_seconds") ?? Number.NaN;
        expect(lag).toBeGreaterThanOrEqual(startedScrape - run.until - 1);
        expect(lag).toBeLessThanOrEqual(endedScrape - run.until + 1);
        expect(
          sample(text, "callscope_scan_seconds_count", 'purpose="archive",outcome="done"'),
        ).toBe(run.slices);
        expect(text).not.toContain("m-000");
      } finally {
        await server.close();
      }
    },
  );
});
