import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArchiveSync } from "../../src/archive/sync.js";
import { CallKitClient } from "../../src/callkit/client.js";
import { mergeGenerations } from "../../src/routing/generations.js";
import { createArchiveRepository } from "../../src/store/archive.js";
import { type Simulator, startSimulator } from "../../src/testbed/callkit-sim/server.js";
import { makeRecords } from "../callkit/support/records.js";
import { backends, type TestStore } from "../support/store.js";

/** The archive holds the records of both generations in one table, one row a call, the generation kept. */

const sdkAppId = 1400000046;
const secretKey = "archive-generations-secret-key-0123456789";
const nowSec = Math.floor(Date.now() / 1000);
// 0..19 only in v1, 20..29 in both, 30..39 only in v4.
const all = makeRecords(40, sdkAppId, nowSec - 600);

describe.each(backends())("the archive of both generations on $name", (backend) => {
  let store: TestStore;
  let sim: Simulator;

  beforeAll(async () => {
    if (!backend.available) return;
    store = await backend.open();
    sim = await startSimulator({
      sdkAppId,
      secretKey,
      dataset: all.slice(0, 30),
      v4: { dataset: all.slice(20) },
    });
    const base = {
      sdkAppId,
      secretKey,
      adminUser: "administrator",
      apiUrl: sim.url,
      timeoutMs: 3500,
    };
    const source = mergeGenerations({
      v1: new CallKitClient({ ...base, rateLimit: 200, callIdRateLimit: 20 }),
      v4: new CallKitClient({ ...base, generation: "v4", rateLimit: 200, callIdRateLimit: 200 }),
    });
    await createArchiveSync({ db: store.db, source, sdkAppId, sliceSeconds: 86_400 }).runOnce();
  });
  afterAll(async () => {
    if (!backend.available) return;
    await sim.stop();
    await store.dispose();
  });

  it.skipIf(!backend.available)(
    "keeps one row a call, each with the generation it came from",
    async () => {
      const rows = await store.db
        .selectFrom("call_records")
        .select(["call_id", "generation"])
        .where("sdk_app_id", "=", sdkAppId)
        .execute();
      expect(rows).toHaveLength(40);
      const generationOf = new Map(rows.map((row) => [row.call_id, row.generation]));
      expect(generationOf.get(all[5]!.callId)).toBe("v1");
      expect(generationOf.get(all[25]!.callId)).toBe("v4"); // in both: v4's record is kept
      expect(generationOf.get(all[35]!.callId)).toBe("v4");
      const archived = await createArchiveRepository(store.db).get(all[35]!.callId);
      expect(archived).toMatchObject({
        callId: all[35]!.callId,
        generation: "v4",
        members: expect.any(Array),
      });
    },
  );
});
