import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { everyCall } from "../../src/query/filter.js";
import { createLeaseRepository } from "../../src/store/archive-lease.js";
import { openStore, type Store } from "../../src/store/database.js";
import { createDigestRunRepository } from "../../src/store/digest-runs.js";
import { createSubscriptionRepository } from "../../src/store/subscriptions.js";
import { backends, type TestStore } from "../support/store.js";
import { connectAdmin, namedUrl, type PgAdmin, until } from "./pg-admin.js";

const postgres = backends().find((b) => b.name === "postgres");
const key = { channelId: "C1", localDate: "2026-03-03" };

describe.skipIf(!postgres?.available)("PostgreSQL terminating the store's connections", () => {
  let schemaHolder: TestStore;
  let store: Store;
  let admin: PgAdmin;
  let name: string;
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);

  beforeEach(async () => {
    schemaHolder = await (postgres as NonNullable<typeof postgres>).open();
    name = `callscope-${schemaHolder.schema}`;
    // Probes while ok are left for later (a minute): what turns the reading degraded here is the
    // connections dying, and what turns it back is the 1 s probe while degraded.
    store = await openStore(namedUrl(schemaHolder.url, name), {
      schema: schemaHolder.schema as string,
      healthProbeMs: 60_000,
    });
    admin = await connectAdmin(schemaHolder.url);
    uncaught.length = 0;
    process.on("uncaughtException", onUncaught);
  });
  afterEach(async () => {
    process.off("uncaughtException", onUncaught);
    await admin?.client.query("rollback").catch(() => {});
    await admin?.end();
    await store?.close();
    await schemaHolder?.dispose();
  });

  it("idle and busy connections ended at once: no crash, claims, leases and reads retried, health degraded then ok", async () => {
    // Five connections in the pool, so some are idle when the server ends them.
    await Promise.all(
      Array.from({ length: 5 }, () => sql`select pg_sleep(0.05)`.execute(store.db)),
    );
    expect(store.health().status).toBe("ok");
    await createSubscriptionRepository(store.db).upsert({
      channelId: "C1",
      hour: 9,
      minute: 0,
      timeZone: "UTC",
      filter: everyCall(),
      lang: "en",
      createdBy: "U1",
    });

    // The tables are locked, so the claim, the lease and the read each wait inside their first
    // statement on a checked-out connection: ending those connections must fail that try for
    // sure, and only a retry on a fresh connection can answer.
    await admin.client.query("begin");
    await admin.client.query(
      `lock table ${schemaHolder.schema}.digest_runs, ${schemaHolder.schema}.leases,
       ${schemaHolder.schema}.subscriptions in access exclusive mode`,
    );
    const claim = createDigestRunRepository(store.db).claim(key, "replica-a", 60_000);
    const lease = createLeaseRepository(store.db).acquire("archive-sync:1", "replica-a", 60_000);
    const read = createSubscriptionRepository(store.db).list();
    await until(
      async () => (await admin.waitingOnLocks(name)) === 3,
      "all three wait on the locks",
    );

    const ended = await admin.terminate(name);
    const terminatedAt = Date.now();
    expect(ended).toBeGreaterThanOrEqual(5);
    await admin.client.query("rollback");

    expect(await claim).toEqual({ claimed: true, attempt: 1 });
    expect(await lease).toBe(true);
    expect((await read).map((s) => s.channelId)).toEqual(["C1"]);
    const answeredMs = Date.now() - terminatedAt;
    // Idle clients hear 57P01 or only the socket closing, whichever the event loop sees first.
    expect(store.health()).toMatchObject({
      status: "degraded",
      reason: expect.stringMatching(/^(57P01|Connection terminated unexpectedly)$/),
    });

    await until(() => store.health().status === "ok", "the probe finds the database again");
    const recoveredMs = Date.now() - terminatedAt;
    expect(uncaught).toEqual([]);
    // Retried within the bounded backoff (100 ms, then 200, 400), not after a reconnect storm.
    expect(answeredMs).toBeLessThan(2_000);
    process.stdout.write(
      `[postgres-faults] ${ended} connections ended; answered after ${answeredMs} ms, healthy after ${recoveredMs} ms\n`,
    );
  });

  it("a statement that is not safe to repeat is not retried: it fails for its caller", async () => {
    const subscriptions = createSubscriptionRepository(store.db);
    await subscriptions.upsert({
      channelId: "C1",
      hour: 9,
      minute: 0,
      timeZone: "UTC",
      filter: everyCall(),
      lang: "en",
      createdBy: "U1",
    });
    await admin.client.query("begin");
    await admin.client.query(
      `lock table ${schemaHolder.schema}.subscriptions in access exclusive mode`,
    );
    // Caught at once: it rejects while the test is still ending connections.
    const removal = subscriptions.remove("C1").then(
      () => "removed",
      (error: unknown) => error,
    );
    await until(async () => (await admin.waitingOnLocks(name)) === 1, "the removal waits");
    await admin.terminate(name);
    await admin.client.query("rollback");
    // A retry would have removed it and answered; the caller hears the failure instead, and the
    // removal, rolled back with its connection, left the row.
    expect(await removal).toMatchObject({ code: "57P01" });
    expect((await subscriptions.list()).map((s) => s.channelId)).toEqual(["C1"]);
    expect(uncaught).toEqual([]);
  });
});
