import { type Kysely, sql, type UpdateObject } from "kysely";
import { z } from "zod";
import { databaseNowMs, databaseNowPlusMs } from "./clock.js";
import { retryOnConnectionLoss } from "./retry.js";
import type { Database } from "./schema.js";

/**
 * The exactly-once ledger. A digest is (channel, local date). A replica may post it only while it
 * holds the claim: it gets one by inserting the row (the primary key lets one insert win) or by
 * taking over a claim whose time ran out (a replica that crashed between claim and post).
 * Expiries are on the database's clock (see clock.ts): `now` only moves it, for tests.
 * Every method is retried when its connection died (retry.ts); each says why that is safe.
 */

export interface DigestRun {
  channelId: string;
  localDate: string;
  status: "claimed" | "posted";
  claimedBy: string;
  claimExpiresAt: Date;
  messageTs: string | undefined;
  attempts: number;
  figures: DigestFigures | undefined;
  /** Set once a post was sent: the message may exist although no ts was recorded. */
  postAttemptedAt: Date | undefined;
}

/** What the next day's digest needs to compare against, with the filter it was counted under. */
export const digestFiguresSchema = z.object({
  filterKey: z.string(),
  total: z.number().int().nonnegative(),
  byResult: z.record(z.string(), z.number().int().nonnegative()),
  /** Calls per hour slot, for the next day's chart line; absent in figures stored before charts. */
  perHour: z.array(z.number().int().nonnegative()).optional(),
});
export type DigestFigures = z.infer<typeof digestFiguresSchema>;

export type ClaimOutcome =
  | { claimed: true; attempt: number }
  | { claimed: false; reason: "posted" | "held"; run: DigestRun };

export interface DigestRunRepository {
  claim(key: RunKey, owner: string, ttlMs: number, now?: Date): Promise<ClaimOutcome>;
  /** Extends our claim; false if it is no longer ours (it expired and another replica took it). */
  renew(key: RunKey, owner: string, ttlMs: number, now?: Date): Promise<boolean>;
  /** Records the posted message; false if the claim was no longer ours. */
  markPosted(
    key: RunKey,
    owner: string,
    messageTs: string,
    figures?: DigestFigures,
    now?: Date,
  ): Promise<boolean>;
  /** Gives the claim up at once (a post that failed for good), so a later attempt may retry. */
  release(key: RunKey, owner: string, now?: Date): Promise<void>;
  /**
   * Notes, before a post is sent, that it may land (the first time only); false if the claim
   * is no longer ours. `clearPostAttempt` undoes it once the platform said plainly it did not.
   */
  notePostAttempt(key: RunKey, owner: string, now?: Date): Promise<boolean>;
  clearPostAttempt(key: RunKey, owner: string, now?: Date): Promise<boolean>;
  get(key: RunKey): Promise<DigestRun | undefined>;
}

export interface RunKey {
  channelId: string;
  localDate: string;
}

const rowSchema = z.object({
  channel_id: z.string(),
  local_date: z.string(),
  status: z.enum(["claimed", "posted"]),
  claimed_by: z.string(),
  claim_expires_at: z.number(),
  message_ts: z.string().nullable(),
  attempts: z.number().int(),
  figures: z.string().nullable(),
  post_attempted_at: z.number().nullable(),
});

function parseFigures(text: string | null): DigestFigures | undefined {
  if (text === null) return undefined;
  try {
    const parsed = digestFiguresSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function toRun(row: unknown): DigestRun {
  const r = rowSchema.parse(row);
  return {
    channelId: r.channel_id,
    localDate: r.local_date,
    status: r.status,
    claimedBy: r.claimed_by,
    claimExpiresAt: new Date(r.claim_expires_at),
    messageTs: r.message_ts ?? undefined,
    attempts: r.attempts,
    figures: parseFigures(r.figures),
    postAttemptedAt: r.post_attempted_at === null ? undefined : new Date(r.post_attempted_at),
  };
}

export function createDigestRunRepository(db: Kysely<Database>): DigestRunRepository {
  /** Changes the claim `owner` holds on `key`; false once it was taken over or posted. */
  const updateOwnClaim = async (
    key: RunKey,
    owner: string,
    changes: UpdateObject<Database, "digest_runs">,
  ): Promise<boolean> => {
    const result = await db
      .updateTable("digest_runs")
      .set(changes)
      .where("channel_id", "=", key.channelId)
      .where("local_date", "=", key.localDate)
      .where("status", "=", "claimed")
      .where("claimed_by", "=", owner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  };
  // A read: safe to repeat.
  const get = (key: RunKey) =>
    retryOnConnectionLoss(async () => {
      const row = await db
        .selectFrom("digest_runs")
        .selectAll()
        .where("channel_id", "=", key.channelId)
        .where("local_date", "=", key.localDate)
        .executeTakeFirst();
      return row ? toRun(row) : undefined;
    });

  async function claimOnce(key: RunKey, owner: string, ttlMs: number, now?: Date) {
    const inserted = await db
      .insertInto("digest_runs")
      .values({
        channel_id: key.channelId,
        local_date: key.localDate,
        status: "claimed",
        claimed_by: owner,
        claim_expires_at: databaseNowPlusMs(db, ttlMs, now),
        message_ts: null,
        attempts: 1,
        figures: null,
        updated_at: databaseNowMs(db, now),
        post_attempted_at: null,
      })
      .onConflict((oc) => oc.columns(["channel_id", "local_date"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1)
      return { claimed: true, attempt: 1 } as const;
    // The row exists: take it over only if its claim ran out and nothing was posted. The
    // condition is inside the UPDATE, so two replicas racing here cannot both win.
    const taken = await db
      .updateTable("digest_runs")
      .set((eb) => ({
        claimed_by: owner,
        claim_expires_at: databaseNowPlusMs(db, ttlMs, now),
        attempts: eb("attempts", "+", 1),
        updated_at: databaseNowMs(db, now),
      }))
      .where("channel_id", "=", key.channelId)
      .where("local_date", "=", key.localDate)
      .where("status", "=", "claimed")
      .where("claim_expires_at", "<=", databaseNowMs(db, now))
      .executeTakeFirst();
    const run = await get(key);
    if (!run) throw new Error("digest run vanished while being claimed");
    if (Number(taken.numUpdatedRows) === 1)
      return { claimed: true, attempt: run.attempts } as const;
    return { claimed: false, reason: run.status === "posted" ? "posted" : "held", run } as const;
  }

  return {
    get,
    // Safe to repeat: the insert and the takeover each win only under their own condition, so a
    // second run never hands the claim to two owners. If a first run committed but its answer
    // was lost, the second finds our own fresh claim and says "held": this attempt skips and the
    // claim expires for a later one, which is no double post (the ledger's whole point).
    claim: (key, owner, ttlMs, now) =>
      retryOnConnectionLoss(() => claimOnce(key, owner, ttlMs, now)),
    // Safe to repeat: it only moves our own claim's expiry forward again.
    renew: (key, owner, ttlMs, now) =>
      retryOnConnectionLoss(() =>
        updateOwnClaim(key, owner, {
          claim_expires_at: databaseNowPlusMs(db, ttlMs, now),
          updated_at: databaseNowMs(db, now),
        }),
      ),
    // Safe to repeat: a first run that committed left the run posted by us with this message ts,
    // which the second run recognises, instead of reporting the claim lost.
    markPosted: (key, owner, messageTs, figures, now) =>
      retryOnConnectionLoss(async () => {
        const updated = await updateOwnClaim(key, owner, {
          status: "posted",
          message_ts: messageTs,
          figures: figures ? JSON.stringify(figures) : null,
          updated_at: databaseNowMs(db, now),
        });
        if (updated) return true;
        const run = await get(key);
        return run?.status === "posted" && run.claimedBy === owner && run.messageTs === messageTs;
      }),
    // Safe to repeat: it expires our own claim, which is where a second run finds it. The expiry
    // goes to 0, before any clock's "now", so the next claim needs no clock to agree.
    // Safe to repeat: coalesce keeps the first time, so a second run changes nothing.
    notePostAttempt: (key, owner, now) =>
      retryOnConnectionLoss(() =>
        updateOwnClaim(key, owner, {
          post_attempted_at: sql<number>`coalesce(post_attempted_at, ${databaseNowMs(db, now)})`,
          updated_at: databaseNowMs(db, now),
        }),
      ),
    // Safe to repeat: setting null twice leaves null.
    clearPostAttempt: (key, owner, now) =>
      retryOnConnectionLoss(() =>
        updateOwnClaim(key, owner, { post_attempted_at: null, updated_at: databaseNowMs(db, now) }),
      ),
    release: async (key, owner, now) => {
      await retryOnConnectionLoss(() =>
        updateOwnClaim(key, owner, { claim_expires_at: 0, updated_at: databaseNowMs(db, now) }),
      );
    },
  };
}
