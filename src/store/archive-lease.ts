import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

/**
 * Named leases with an expiry: "one replica does this at a time". A holder that crashes loses
 * its lease when it expires; the conditions sit inside single statements, so two replicas
 * racing for the same lease cannot both win.
 */
export interface LeaseRepository {
  /** True when `holder` now holds the lease (it was free, expired, or already ours). */
  acquire(name: string, holder: string, ttlMs: number, now?: Date): Promise<boolean>;
  /** Extends our lease; false when it is no longer ours. */
  renew(name: string, holder: string, ttlMs: number, now?: Date): Promise<boolean>;
  /** Gives it up at once, so another replica may take it without waiting for the expiry. */
  release(name: string, holder: string): Promise<void>;
  holder(name: string, now?: Date): Promise<string | undefined>;
}

export function createLeaseRepository(db: Kysely<Database>): LeaseRepository {
  return {
    async acquire(name, holder, ttlMs, now = new Date()) {
      const at = now.getTime();
      const inserted = await db
        .insertInto("leases")
        .values({ name, holder, expires_at: at + ttlMs })
        .onConflict((oc) => oc.column("name").doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return true;
      const taken = await db
        .updateTable("leases")
        .set({ holder, expires_at: at + ttlMs })
        .where("name", "=", name)
        .where((eb) => eb.or([eb("holder", "=", holder), eb("expires_at", "<=", at)]))
        .executeTakeFirst();
      return Number(taken.numUpdatedRows) === 1;
    },
    async renew(name, holder, ttlMs, now = new Date()) {
      const result = await db
        .updateTable("leases")
        .set({ expires_at: now.getTime() + ttlMs })
        .where("name", "=", name)
        .where("holder", "=", holder)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async release(name, holder) {
      await db.deleteFrom("leases").where("name", "=", name).where("holder", "=", holder).execute();
    },
    async holder(name, now = new Date()) {
      const row = await db
        .selectFrom("leases")
        .select(["holder", "expires_at"])
        .where("name", "=", name)
        .executeTakeFirst();
      return row && Number(row.expires_at) > now.getTime() ? row.holder : undefined;
    },
  };
}
