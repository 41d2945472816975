import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDigestRunRepository } from "../../src/store/digest-runs.js";
import type { Simulator } from "../../src/testbed/callkit-sim/server.js";
import { type FakeSlack, startFakeSlack } from "../../src/testbed/slack-standin/fake-slack.js";
import { backends, type TestStore } from "../support/store.js";
import { SDK_APP_ID, SECRET_KEY, SIM_NOW_MS, startDigestSimulator } from "./sim-setup.js";

const postgres = backends().find((b) => b.name === "postgres");
const TOKEN = "xoxb-two-processes";

/** Starts one app process; `ready` resolves once it has opened the store, `go()` lets it claim. */
function startProcess(env: Record<string, string>) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "test/digest/fixtures/run-digest-process.ts"],
    {
      env: { ...process.env, ...env },
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  let signalReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    signalReady = resolve;
  });
  const done = new Promise<string>((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.startsWith("ready\n")) signalReady();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve(out.replace("ready\n", "").trim())
        : reject(new Error(`exit ${code}: ${err}`)),
    );
  });
  return { ready, done, go: () => child.stdin.end("go\n") };
}

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
