import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDigestRunRepository } from "../../src/store/digest-runs.js";
import type { Simulator } from "../../src/testbed/callkit-sim/server.js";
import { type FakeSlack, startFakeSlack } from "../../src/testbed/slack-standin/fake-slack.js";
import { startFixtureProcess } from "../support/fixture-process.js";
import { backends, type TestStore } from "../support/store.js";
import { SDK_APP_ID, SECRET_KEY, SIM_NOW_MS, startDigestSimulator } from "./sim-setup.js";

const postgres = backends().find((b) => b.name === "postgres");
const TOKEN = "xoxb-two-processes";

/** Starts one app process; `ready` resolves once it has opened the store, `go()` lets it claim. */
const startProcess = (env: Record<string, string>) =>
  startFixtureProcess("test/digest/fixtures/run-digest-process.ts", env);

describe.skipIf(!postgres?.available)("two app processes on one PostgreSQL", () => {
  let sim: Simulator;
  let slack: FakeSlack;
  let store: TestStore;
  beforeAll(async () => {
    sim = await startDigestSimulator(200);
    slack = await startFakeSlack({ botToken: TOKEN });
    // A fresh schema with no tables: both processes migrate it at once, then race for the claim.
    store = await (postgres as NonNullable<typeof postgres>).open({ migrate: false });
  });
  afterAll(async () => {
    await store?.dispose();
    await slack?.stop();
    await sim?.stop();
  });

  it("post the digest exactly once", async () => {
    const common = {
      DATABASE_URL: store.url,
      DIGEST_SCHEMA: store.schema ?? "",
      SIM_URL: sim.url,
      SIM_SDKAPPID: String(SDK_APP_ID),
      SIM_SECRET: SECRET_KEY,
      SLACK_TOKEN: TOKEN,
      SLACK_API_URL: slack.apiUrl,
      NOW_MS: String(SIM_NOW_MS),
      CHANNEL: "C0TWOPROC",
      TIME_ZONE: "Asia/Shanghai",
      LOCAL_DATE: "2026-11-02",
    };
    const processes = [
      startProcess({ ...common, OWNER: "p1" }),
      startProcess({ ...common, OWNER: "p2" }),
    ];
    await Promise.all(processes.map((p) => p.ready));
    for (const p of processes) p.go();
    const outcomes = (await Promise.all(processes.map((p) => p.done))).map(
      (line) => JSON.parse(line) as { status: string },
    );
    expect(outcomes.map((o) => o.status).sort()).toEqual(["posted", "skipped"]);
    expect(slack.calls("chat.postMessage")).toHaveLength(1);
    const run = await createDigestRunRepository(store.db).get({
      channelId: "C0TWOPROC",
      localDate: "2026-11-02",
    });
    expect(run?.status).toBe("posted");
  });
});
