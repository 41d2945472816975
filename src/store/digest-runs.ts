import type { Kysely, Updateable } from "kysely";
import { z } from "zod";
import type { Database, DigestRunsTable } from "./schema.js";

/**
 * The exactly-once ledger. A digest is (channel, local date). A replica may post it only while it
 * holds the claim: it gets one by inserting the row (the primary key lets one insert win) or by
 * taking over a claim whose time ran out (a replica that crashed between claim and post).
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
}

/** What the next day's digest needs to compare against, with the filter it was counted under. */
export const digestFiguresSchema = z.object({
  filterKey: z.string(),
  total: z.number().int().nonnegative(),
  byResult: z.record(z.string(), z.number().int().nonnegative()),
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
  };
}

export function createDigestRunRepository(db: Kysely<Database>): DigestRunRepository {
  /** Changes the claim `owner` holds on `key`; false once it was taken over or posted. */
  const updateOwnClaim = async (
    key: RunKey,
    owner: string,
    changes: Updateable<DigestRunsTable>,
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
  const get = async (key: RunKey) => {
    const row = await db
      .selectFrom("digest_runs")
      .selectAll()
      .where("channel_id", "=", key.channelId)
      .where("local_date", "=", key.localDate)
      .executeTakeFirst();
    return row ? toRun(row) : undefined;
  };
  return {
    get,
    async claim(key, owner, ttlMs, now = new Date()) {
      const at = now.getTime();
      const inserted = await db
        .insertInto("digest_runs")
        .values({
          channel_id: key.channelId,
          local_date: key.localDate,
          status: "claimed",
          claimed_by: owner,
          claim_expires_at: at + ttlMs,
          message_ts: null,
          attempts: 1,
          figures: null,
          updated_at: at,
        })
        .onConflict((oc) => oc.columns(["channel_id", "local_date"]).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1)
        return { claimed: true, attempt: 1 };
      // The row exists: take it over only if its claim ran out and nothing was posted. The
      // condition is inside the UPDATE, so two replicas racing here cannot both win.
      const taken = await db
        .updateTable("digest_runs")
        .set((eb) => ({
          claimed_by: owner,
          claim_expires_at: at + ttlMs,
          attempts: eb("attempts", "+", 1),
          updated_at: at,
        }))
        .where("channel_id", "=", key.channelId)
        .where("local_date", "=", key.localDate)
        .where("status", "=", "claimed")
        .where("claim_expires_at", "<=", at)
        .executeTakeFirst();
      const run = await get(key);
      if (!run) throw new Error("digest run vanished while being claimed");
      if (Number(taken.numUpdatedRows) === 1) return { claimed: true, attempt: run.attempts };
      return { claimed: false, reason: run.status === "posted" ? "posted" : "held", run };
    },
    async renew(key, owner, ttlMs, now = new Date()) {
      return updateOwnClaim(key, owner, {
        claim_expires_at: now.getTime() + ttlMs,
        updated_at: now.getTime(),
      });
    },
    async markPosted(key, owner, messageTs, figures, now = new Date()) {
      return updateOwnClaim(key, owner, {
        status: "posted",
        message_ts: messageTs,
        figures: figures ? JSON.stringify(figures) : null,
        updated_at: now.getTime(),
      });
    },
    async release(key, owner, now = new Date()) {
      await updateOwnClaim(key, owner, {
        claim_expires_at: now.getTime(),
        updated_at: now.getTime(),
      });
    },
  };
}
