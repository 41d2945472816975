import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RateShare } from "../../src/callkit/client.js";
import { createRateShareCoordinator } from "../../src/runtime/rate-share.js";
import type { Store } from "../../src/store/database.js";
import { createRateReplicaRepository } from "../../src/store/rate-replicas.js";
import { backends, type TestStore } from "../support/store.js";

const REFRESH_MS = 100;
const STALE_MS = 800;
const limits = { rateLimit: 200, callIdRateLimit: 20 };

function replica(store: Store, name: string) {
  const shares: RateShare[] = [];
  const coordinator = createRateShareCoordinator({
    replicas: createRateReplicaRepository(store.db, store.dialect),
    scope: "trtc:1400000001",
    limits,
    apply: (share) => shares.push(share),
    replicaId: name,
    refreshMs: REFRESH_MS,
    staleMs: STALE_MS,
  });
  const last = () => shares.at(-1);
  return { coordinator, shares, last };
}

const until = async (what: () => boolean, ms = 5000) => {
  const end = performance.now() + ms;
  while (!what()) {
    if (performance.now() > end) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe.each(backends())("rate share on $name", (backend) => {
  let store: TestStore;
  beforeEach(async () => {
    if (backend.available) store = await backend.open();
  });
  afterEach(async () => {
    if (backend.available) await store.dispose();
  });

  it.skipIf(!backend.available)(
    "splits the limits among live replicas: lowers at once, holds a newcomer, raises after a leave",
    async () => {
      const a = replica(store, "a");
      await a.coordinator.start();
      expect(a.shares).toEqual([{ rateLimit: 200, callIdRateLimit: 20 }]);

      const b = replica(await store.reopen(), "b");
      await b.coordinator.start();
      // B came while A runs at the whole limit: it waits until A has seen it and slowed down.
      expect(b.shares).toEqual([
        { rateLimit: 100, callIdRateLimit: 10, holdMs: expect.any(Number) },
      ]);
      expect(b.shares[0]?.holdMs).toBeGreaterThanOrEqual(REFRESH_MS + 1000);
      await until(() => a.last()?.rateLimit === 100);
      expect(a.last()).toEqual({ rateLimit: 100, callIdRateLimit: 10 });
      expect(a.coordinator.current()?.live).toBe(2);

      const raisedAfter = performance.now();
      await b.coordinator.stop();
      expect(b.last()?.holdMs).toBeGreaterThanOrEqual(60_000);
      await until(() => a.last()?.rateLimit === 200);
      // Not on the first refresh that saw B gone: one more, so B's last requests have aged out.
      expect(performance.now() - raisedAfter).toBeGreaterThanOrEqual(REFRESH_MS);
      expect(a.shares.filter((s) => s.rateLimit === 200)).toHaveLength(2);
      await a.coordinator.stop();
    },
  );

  it.skipIf(!backend.available)(
    "stops counting a replica that went quiet once its heartbeat is stale",
    async () => {
      const a = replica(store, "a");
      await a.coordinator.start();
      // A replica that beat once and crashed.
      await createRateReplicaRepository(store.db, store.dialect).beat(
        "trtc:1400000001",
        "x",
        STALE_MS,
      );
      await until(() => a.last()?.rateLimit === 100);
      const loweredAt = performance.now();
      await until(() => a.last()?.rateLimit === 200);
      expect(performance.now() - loweredAt).toBeGreaterThanOrEqual(STALE_MS - 3 * REFRESH_MS);
      await a.coordinator.stop();
    },
  );
});
