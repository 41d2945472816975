import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRateReplicaRepository } from "../../src/store/rate-replicas.js";
import { backends, type TestStore } from "../support/store.js";

describe.each(backends())("rate replicas on $name", (backend) => {
  let store: TestStore;
  beforeEach(async () => {
    if (backend.available) store = await backend.open();
  });
  afterEach(async () => {
    if (backend.available) await store.dispose();
  });

  it.skipIf(!backend.available)(
    "counts the replicas of a scope that beat within the stale time, by the database's clock",
    async () => {
      const other = await store.reopen();
      const a = createRateReplicaRepository(store.db, store.dialect);
      const b = createRateReplicaRepository(other.db, other.dialect);
      expect(await a.beat("trtc:1", "a", 15_000)).toBe(1);
      expect(await b.beat("trtc:1", "b", 15_000)).toBe(2);
      expect(await b.beat("trtc:2", "b", 15_000)).toBe(1);
      expect(await a.beat("trtc:1", "a", 15_000)).toBe(2);
      // The row's time is the database's, in epoch ms: close to this machine's, as it is the same.
      const row = await store.db
        .selectFrom("rate_replicas")
        .select("beat_at")
        .where("replica_id", "=", "a")
        .executeTakeFirstOrThrow();
      expect(Math.abs(Number(row.beat_at) - Date.now())).toBeLessThan(5_000);

      // b's heartbeat is 20 s old by the database's clock: a no longer counts it.
      await store.db
        .updateTable("rate_replicas")
        .set({ beat_at: sql<number>`beat_at - 20000` })
        .where("replica_id", "=", "b")
        .where("scope", "=", "trtc:1")
        .execute();
      expect(await a.beat("trtc:1", "a", 15_000)).toBe(1);
      expect(await b.beat("trtc:1", "b", 15_000)).toBe(2);
      await b.leave("trtc:1", "b");
      expect(await a.beat("trtc:1", "a", 15_000)).toBe(1);
      expect(await b.beat("trtc:2", "b", 15_000)).toBe(1);
    },
  );

  it.skipIf(!backend.available)(
    "tells a newcomer when every other replica has beaten since it joined",
    async () => {
      const other = await store.reopen();
      const a = createRateReplicaRepository(store.db, store.dialect);
      const b = createRateReplicaRepository(other.db, other.dialect);
      const alone = await a.beatAndLook("trtc:9", "a", 15_000);
      expect(alone).toMatchObject({ live: 1 });
      expect(alone.oldestOtherBeatMs).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 5));
      const joined = await b.beatAndLook("trtc:9", "b", 15_000);
      expect(joined.live).toBe(2);
      // a's last beat came before b joined: a has not counted b yet.
      expect(joined.oldestOtherBeatMs).toBeLessThan(joined.atMs);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await a.beatAndLook("trtc:9", "a", 15_000);
      const heard = await b.beatAndLook("trtc:9", "b", 15_000);
      expect(heard.oldestOtherBeatMs).toBeGreaterThan(joined.atMs);
    },
  );
});
