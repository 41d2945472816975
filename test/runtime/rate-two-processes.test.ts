import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/testbed/callkit-sim/server.js";
import { startFixtureProcess } from "../support/fixture-process.js";
import { backends, type TestStore } from "../support/store.js";

const postgres = backends().find((b) => b.name === "postgres");
const SDK_APP_ID = 1400000055;
const SECRET = "rate-two-processes-secret-key-0123456789";
/** The vendor's limit; each process is configured with all of it, as an operator would. */
const LIMIT = 60;
const DURATION_MS = 6000;

interface Counts {
  ok: number;
  rateLimited: number;
  otherErrors: number;
}

function startReplica(env: Record<string, string>) {
  const replica = startFixtureProcess("test/runtime/fixtures/run-rate-replica.ts", env);
  return { ...replica, done: replica.done.then((out) => JSON.parse(out) as Counts) };
}

describe.skipIf(!postgres?.available)("two replica processes on one PostgreSQL", () => {
  let sim: Simulator;
  let store: TestStore;
  beforeAll(async () => {
    sim = await startSimulator({
      sdkAppId: SDK_APP_ID,
      secretKey: SECRET,
      rateLimit: LIMIT,
      dataset: { seed: 3, days: 1, callsPerDay: 2000 },
    });
    store = await (postgres as NonNullable<typeof postgres>).open();
  });
  afterAll(async () => {
    await store?.dispose();
    await sim?.stop();
  });

  async function hammer(coordinate: boolean) {
    sim.stats.reset();
    const env = {
      DATABASE_URL: store.url,
      SCHEMA: store.schema ?? "",
      SIM_URL: sim.url,
      SIM_SDKAPPID: String(SDK_APP_ID),
      SIM_SECRET: SECRET,
      LIMIT: String(LIMIT),
      COORDINATE: coordinate ? "1" : "0",
      REFRESH_MS: "1500",
      DURATION_MS: String(DURATION_MS),
      CONCURRENCY: "12",
      RETRIES: "0",
    };
    const replicas = [startReplica(env), startReplica(env)];
    await Promise.all(replicas.map((r) => r.ready));
    for (const r of replicas) r.go();
    const counts = await Promise.all(replicas.map((r) => r.done));
    return {
      counts,
      busiest: sim.stats.maxInWindow("filter"),
      refused: sim.stats.rejectedForRate("filter"),
    };
  }

  it("each at the whole limit: together they overrun it and the vendor refuses (the failure)", {
    timeout: 60_000,
  }, async () => {
    const { counts, refused } = await hammer(false);
    expect(refused).toBeGreaterThan(0);
    expect(counts.reduce((n, c) => n + c.rateLimited, 0)).toBe(refused);
  });

  it("sharing the limit through the store: never over it in any sliding second, no refusal", {
    timeout: 60_000,
  }, async () => {
    const { counts, busiest, refused } = await hammer(true);
    process.stdout.write(
      `[rate-two-processes] busiest second ${busiest} / limit ${LIMIT} = ${(busiest / LIMIT).toFixed(2)}; ok ${counts.map((c) => c.ok).join(" + ")}\n`,
    );
    expect(refused).toBe(0);
    expect(counts.every((c) => c.rateLimited === 0 && c.otherErrors === 0)).toBe(true);
    expect(busiest).toBeLessThanOrEqual(LIMIT);
    // And they did press against it: both got through, and the busiest second was near it.
    expect(counts.every((c) => c.ok > 0)).toBe(true);
    expect(busiest).toBeGreaterThanOrEqual(0.7 * LIMIT);
  });
});
