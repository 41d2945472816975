import type { Kysely } from "kysely";
import { databaseNowMs, databaseNowPlusMs } from "./clock.js";
import { retryOnConnectionLoss } from "./retry.js";
import type { Database } from "./schema.js";

/**
 * Named leases with an expiry: "one replica does this at a time". A holder that crashes loses
 * its lease when it expires; the conditions sit inside single statements, so two replicas
 * racing for the same lease cannot both win. Expiries are on the database's clock (clock.ts):
 * `now` only moves it, for tests. Each method is retried when its connection died (retry.ts).
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
    // Safe to repeat: acquiring a lease we already hold succeeds and only extends it, so a first
    // run that committed before its answer was lost makes the second one say true, as it should.
    acquire: (name, holder, ttlMs, now) =>
      retryOnConnectionLoss(async () => {
        const inserted = await db
          .insertInto("leases")
          .values({ name, holder, expires_at: databaseNowPlusMs(db, ttlMs, now) })
          .onConflict((oc) => oc.column("name").doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return true;
        const taken = await db
          .updateTable("leases")
          .set({ holder, expires_at: databaseNowPlusMs(db, ttlMs, now) })
          .where("name", "=", name)
          .where((eb) =>
            eb.or([eb("holder", "=", holder), eb("expires_at", "<=", databaseNowMs(db, now))]),
          )
          .executeTakeFirst();
        return Number(taken.numUpdatedRows) === 1;
      }),
    // Safe to repeat: it only moves our own lease's expiry forward again.
    renew: (name, holder, ttlMs, now) =>
      retryOnConnectionLoss(async () => {
        const result = await db
          .updateTable("leases")
          .set({ expires_at: databaseNowPlusMs(db, ttlMs, now) })
          .where("name", "=", name)
          .where("holder", "=", holder)
          .executeTakeFirst();
        return Number(result.numUpdatedRows) === 1;
      }),
    // Safe to repeat: deleting our own lease twice deletes it once.
    release: async (name, holder) => {
      await retryOnConnectionLoss(() =>
        db.deleteFrom("leases").where("name", "=", name).where("holder", "=", holder).execute(),
      );
    },
    // A read: safe to repeat.
    holder: (name, now) =>
      retryOnConnectionLoss(async () => {
        const row = await db
          .selectFrom("leases")
          .select("holder")
          .where("name", "=", name)
          .where("expires_at", ">", databaseNowMs(db, now))
          .executeTakeFirst();
        return row?.holder;
      }),
  };
}
