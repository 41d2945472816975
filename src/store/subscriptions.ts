import type { Kysely } from "kysely";
import { z } from "zod";
import { type CallFilter, callFilterSchema, type Lang, langSchema } from "../query/types.js";
import { retryOnConnectionLoss } from "./retry.js";
import type { Database } from "./schema.js";

export interface Subscription {
  channelId: string;
  hour: number;
  minute: number;
  timeZone: string;
  filter: CallFilter;
  lang: Lang;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export type SubscriptionInput = Omit<Subscription, "createdAt" | "updatedAt">;

/** A row read back is input from outside the process: checked before anyone relies on it. */
const rowSchema = z.object({
  channel_id: z.string().min(1),
  hour: z.number().int().min(0).max(23),
  minute: z.number().int().min(0).max(59),
  time_zone: z.string().min(1),
  filter: z.string().transform((text, ctx) => {
    try {
      return callFilterSchema.parse(JSON.parse(text));
    } catch {
      ctx.addIssue({ code: "custom", message: "subscription filter is not a valid CallFilter" });
      return z.NEVER;
    }
  }),
  lang: langSchema,
  created_by: z.string(),
  created_at: z.number(),
  updated_at: z.number(),
});

function toSubscription(row: unknown): Subscription {
  const r = rowSchema.parse(row);
  return {
    channelId: r.channel_id,
    hour: r.hour,
    minute: r.minute,
    timeZone: r.time_zone,
    filter: r.filter,
    lang: r.lang,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}

export interface SubscriptionRepository {
  /** Creates or replaces the channel's subscription; returns it and whether it existed before. */
  upsert(
    input: SubscriptionInput,
    now?: Date,
  ): Promise<{ subscription: Subscription; replaced: boolean }>;
  get(channelId: string): Promise<Subscription | undefined>;
  /** True when there was one to remove. */
  remove(channelId: string): Promise<boolean>;
  list(): Promise<Subscription[]>;
  /** How many there are (the workspace's cap). */
  count(): Promise<number>;
}

export function createSubscriptionRepository(db: Kysely<Database>): SubscriptionRepository {
  // Reads are retried when their connection died (retry.ts): safe to repeat. Writes are not:
  // upsert and remove answer "was there one before", which a repeat after a lost answer gets wrong.
  const get = (channelId: string) =>
    retryOnConnectionLoss(async () => {
      const row = await db
        .selectFrom("subscriptions")
        .selectAll()
        .where("channel_id", "=", channelId)
        .executeTakeFirst();
      return row ? toSubscription(row) : undefined;
    });
  return {
    get,
    async upsert(input, now = new Date()) {
      const at = now.getTime();
      const values = {
        channel_id: input.channelId,
        hour: input.hour,
        minute: input.minute,
        time_zone: input.timeZone,
        filter: JSON.stringify(callFilterSchema.parse(input.filter)),
        lang: input.lang,
        created_by: input.createdBy,
        created_at: at,
        updated_at: at,
      };
      const replaced = await db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom("subscriptions")
          .select("channel_id")
          .where("channel_id", "=", input.channelId)
          .executeTakeFirst();
        await trx
          .insertInto("subscriptions")
          .values(values)
          .onConflict((oc) =>
            oc.column("channel_id").doUpdateSet({
              hour: values.hour,
              minute: values.minute,
              time_zone: values.time_zone,
              filter: values.filter,
              lang: values.lang,
              created_by: values.created_by,
              updated_at: at,
            }),
          )
          .execute();
        return existing !== undefined;
      });
      const subscription = await get(input.channelId);
      if (!subscription) throw new Error("subscription vanished right after it was saved");
      return { subscription, replaced };
    },
    async remove(channelId) {
      const result = await db
        .deleteFrom("subscriptions")
        .where("channel_id", "=", channelId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    // A read: safe to repeat.
    count: () =>
      retryOnConnectionLoss(async () => {
        const row = await db
          .selectFrom("subscriptions")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow();
        return Number(row.n);
      }),
    list: () =>
      retryOnConnectionLoss(async () => {
        const rows = await db
          .selectFrom("subscriptions")
          .selectAll()
          .orderBy("channel_id")
          .execute();
        return rows.map(toSubscription);
      }),
  };
}
