import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createLeaseRepository } from "../../src/store/archive-lease.js";
import { createDigestRunRepository } from "../../src/store/digest-runs.js";
import { backends, type TestStore } from "../support/store.js";

const key = { channelId: "C1", localDate: "2026-03-03" };
const TEN_MINUTES = 10 * 60_000;

describe.each(backends())("expiries on $name follow the database's clock", (backend) => {
  let store: TestStore;
  beforeEach(async () => {
    if (backend.available) store = await backend.open();
  });
  afterEach(async () => {
    vi.useRealTimers();
    if (backend.available) await store.dispose();
  });

  it.skipIf(!backend.available)(
    "a replica whose clock runs ten minutes ahead cannot take over a fresh claim or lease",
    async () => {
      const runs = createDigestRunRepository(store.db);
      const leases = createLeaseRepository(store.db);
      expect(await runs.claim(key, "on-time", 60_000, new Date())).toMatchObject({ claimed: true });
      expect(await leases.acquire("sync", "on-time", 60_000, new Date())).toBe(true);

      const realNow = Date.now();
      // Only Date is faked: the replica's wall clock, as the runner and the sync read it.
      vi.useFakeTimers({ toFake: ["Date"], now: realNow + TEN_MINUTES });
      expect(await runs.claim(key, "ahead", 60_000, new Date())).toMatchObject({
        claimed: false,
        reason: "held",
      });
      expect(await leases.acquire("sync", "ahead", 60_000, new Date())).toBe(false);
      expect(await leases.holder("sync", new Date())).toBe("on-time");
      // The claim still ends a minute after the database's time, not the replica's.
      const expires = (await runs.get(key))?.claimExpiresAt.getTime() ?? 0;
      expect(Math.abs(expires - (realNow + 60_000))).toBeLessThan(5_000);
    },
  );
});
