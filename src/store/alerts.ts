import { type Kysely, sql } from "kysely";
import { z } from "zod";
import { type AlertCondition, alertConditionSchema } from "../query/alert-rule.js";
import { type CallFilter, callFilterSchema, type Lang, langSchema } from "../query/types.js";
import { retryOnConnectionLoss } from "./retry.js";
import type { AlertEpisodesTable, Database } from "./schema.js";

/**
 * Alert rules, their mutes and their episodes (migration 007). A rule is named by its channel and
 * its number there, and every method that changes one takes the channel: a rule is changed or
 * removed only from its own channel. Episodes are the alerts' ledger: at most one open per
 * (channel, rule), and each post of an episode (alert, thread update, resolution) is claimed
 * before it is sent (`claimPost`, a compare-and-set on its attempt time) and its ts recorded after
 * (`markPosted`), so two replicas cannot both send it and a restart knows it may exist.
 * Times are epoch ms. Every method is retried when its connection died; each says why that is safe.
 */

export const RULE_NUMBER_OUTAGE = 0;

export interface AlertRule {
  channelId: string;
  number: number;
  filter: CallFilter;
  condition: AlertCondition;
  lang: Lang;
  timeZone: string;
  createdBy: string;
  createdAt: Date;
  mutedUntil: Date | undefined;
}

export type AlertRuleInput = Omit<AlertRule, "number" | "createdAt" | "mutedUntil">;

export type PostStage = "alert" | "update" | "resolve";

export const episodeSummarySchema = z.record(z.string(), z.union([z.string(), z.number()]));
export type EpisodeSummary = z.infer<typeof episodeSummarySchema>;

export interface AlertEpisode {
  channelId: string;
  ruleNumber: number;
  openedAt: Date;
  status: "open" | "resolved";
  figure: number;
  peak: number;
  peakAt: Date;
  clearSince: Date | undefined;
  resolvedAt: Date | undefined;
  summary: EpisodeSummary;
  posts: Record<PostStage, { ts: string | undefined; attemptedAt: number | undefined }>;
}

export interface EpisodeKey {
  channelId: string;
  ruleNumber: number;
  openedAt: Date;
}

const json = <T extends z.ZodTypeAny>(schema: T, what: string) =>
  z.string().transform((text, ctx): z.infer<T> => {
    try {
      return schema.parse(JSON.parse(text));
    } catch {
      ctx.addIssue({ code: "custom", message: `stored ${what} is not valid` });
      return z.NEVER;
    }
  });

const ruleRow = z.object({
  channel_id: z.string().min(1),
  number: z.coerce.number().int().positive(),
  filter: json(callFilterSchema, "alert filter"),
  condition: json(alertConditionSchema, "alert condition"),
  lang: langSchema,
  time_zone: z.string().min(1),
  created_by: z.string(),
  created_at: z.coerce.number(),
  muted_until: z.coerce.number().nullable(),
});

const num = z.coerce.number();
const episodeRow = z.object({
  channel_id: z.string(),
  rule_number: num.pipe(z.number().int().nonnegative()),
  opened_at: num,
  status: z.enum(["open", "resolved"]),
  figure: num,
  peak: num,
  peak_at: num,
  clear_since: num.nullable(),
  resolved_at: num.nullable(),
  summary: json(episodeSummarySchema, "episode summary"),
  alert_ts: z.string().nullable(),
  alert_attempted_at: num.nullable(),
  update_ts: z.string().nullable(),
  update_attempted_at: num.nullable(),
  resolve_ts: z.string().nullable(),
  resolve_attempted_at: num.nullable(),
});

const date = (ms: number | null) => (ms === null ? undefined : new Date(ms));

function toRule(row: unknown): AlertRule {
  const r = ruleRow.parse(row);
  return {
    channelId: r.channel_id,
    number: r.number,
    filter: r.filter,
    condition: r.condition,
    lang: r.lang,
    timeZone: r.time_zone,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at),
    mutedUntil: date(r.muted_until),
  };
}

function toEpisode(row: unknown): AlertEpisode {
  const r = episodeRow.parse(row);
  const post = (ts: string | null, at: number | null) => ({
    ts: ts ?? undefined,
    attemptedAt: at ?? undefined,
  });
  return {
    channelId: r.channel_id,
    ruleNumber: r.rule_number,
    openedAt: new Date(r.opened_at),
    status: r.status,
    figure: r.figure,
    peak: r.peak,
    peakAt: new Date(r.peak_at),
    clearSince: date(r.clear_since),
    resolvedAt: date(r.resolved_at),
    summary: r.summary,
    posts: {
      alert: post(r.alert_ts, r.alert_attempted_at),
      update: post(r.update_ts, r.update_attempted_at),
      resolve: post(r.resolve_ts, r.resolve_attempted_at),
    },
  };
}

const TS = { alert: "alert_ts", update: "update_ts", resolve: "resolve_ts" } as const;
const ATTEMPTED = {
  alert: "alert_attempted_at",
  update: "update_attempted_at",
  resolve: "resolve_attempted_at",
} as const;

export type AddRuleOutcome = { added: true; rule: AlertRule } | { added: false; reason: "cap" };

export interface AlertRepository {
  /** Adds a rule numbered after the channel's highest; refused past `maxPerChannel`. */
  addRule(input: AlertRuleInput, maxPerChannel: number, now?: Date): Promise<AddRuleOutcome>;
  listRules(channelId: string): Promise<AlertRule[]>;
  allRules(): Promise<AlertRule[]>;
  getRule(channelId: string, number: number): Promise<AlertRule | undefined>;
  /** Removes the channel's rule and closes its open episode quietly; false if it has no such rule. */
  removeRule(channelId: string, number: number, now?: Date): Promise<boolean>;
  /** Mutes the channel's rule until `until`; false if it has no such rule. */
  mute(channelId: string, number: number, until: Date, by: string): Promise<boolean>;
  openEpisode(channelId: string, ruleNumber: number): Promise<AlertEpisode | undefined>;
  /** Episodes still open, or resolved with their resolution not yet posted. */
  unfinishedEpisodes(): Promise<AlertEpisode[]>;
  getEpisode(key: EpisodeKey): Promise<AlertEpisode | undefined>;
  /** Opens an episode; undefined when one is open already (the partial unique index decides). */
  startEpisode(
    key: EpisodeKey,
    figure: number,
    summary: EpisodeSummary,
  ): Promise<AlertEpisode | undefined>;
  /** The figure of an open episode at `at`: its peak, and since when it has been back under. */
  trackEpisode(
    key: EpisodeKey,
    figure: number,
    clearSince: Date | undefined,
    at: Date,
  ): Promise<void>;
  /** Resolves an open episode; false if it was not open. */
  resolveEpisode(key: EpisodeKey, at: Date): Promise<boolean>;
  /**
   * Claims the right to send a post of an episode: true when its ts is not recorded and its
   * attempt time is still `expectedAttempt` (undefined: never tried); sets it to `at`.
   */
  claimPost(
    key: EpisodeKey,
    stage: PostStage,
    expectedAttempt: number | undefined,
    at: Date,
  ): Promise<boolean>;
  /** Records a post's ts (first one wins); clears nothing else. */
  markPosted(key: EpisodeKey, stage: PostStage, ts: string): Promise<void>;
  /** Episodes of a channel opened in [from, until), oldest first (the digest's "yesterday"). */
  episodesBetween(channelId: string, from: Date, until: Date): Promise<AlertEpisode[]>;
}

export function createAlertRepository(db: Kysely<Database>): AlertRepository {
  const episodeQuery = (key: EpisodeKey) =>
    db
      .selectFrom("alert_episodes")
      .selectAll()
      .where("channel_id", "=", key.channelId)
      .where("rule_number", "=", key.ruleNumber)
      .where("opened_at", "=", key.openedAt.getTime());
  const update = (key: EpisodeKey) =>
    db
      .updateTable("alert_episodes")
      .where("channel_id", "=", key.channelId)
      .where("rule_number", "=", key.ruleNumber)
      .where("opened_at", "=", key.openedAt.getTime());
  const getEpisode = (key: EpisodeKey) =>
    retryOnConnectionLoss(async () => {
      const row = await episodeQuery(key).executeTakeFirst();
      return row ? toEpisode(row) : undefined;
    });

  return {
    // Not retried: a lost answer after a commit would add the rule twice. The primary key makes
    // two concurrent adds in one channel collide instead of sharing a number; the loser tries again.
    async addRule(input, maxPerChannel, now = new Date()) {
      for (let attempt = 0; ; attempt++) {
        const existing = await db
          .selectFrom("alert_rules")
          .select((eb) => [
            eb.fn.countAll<number | string>().as("n"),
            eb.fn.max("number").as("top"),
          ])
          .where("channel_id", "=", input.channelId)
          .executeTakeFirstOrThrow();
        if (Number(existing.n) >= maxPerChannel) return { added: false, reason: "cap" };
        const number = Number(existing.top ?? 0) + 1;
        const inserted = await db
          .insertInto("alert_rules")
          .values({
            channel_id: input.channelId,
            number,
            filter: JSON.stringify(input.filter),
            condition: JSON.stringify(input.condition),
            lang: input.lang,
            time_zone: input.timeZone,
            created_by: input.createdBy,
            created_at: now.getTime(),
            muted_until: null,
            muted_by: null,
          })
          .onConflict((oc) => oc.columns(["channel_id", "number"]).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) {
          const rule = await this.getRule(input.channelId, number);
          if (rule) return { added: true, rule };
        }
        if (attempt >= 5) throw new Error("could not number the new alert rule");
      }
    },
    // Reads: safe to repeat.
    listRules: (channelId) =>
      retryOnConnectionLoss(async () =>
        (
          await db
            .selectFrom("alert_rules")
            .selectAll()
            .where("channel_id", "=", channelId)
            .orderBy("number")
            .execute()
        ).map(toRule),
      ),
    allRules: () =>
      retryOnConnectionLoss(async () =>
        (
          await db
            .selectFrom("alert_rules")
            .selectAll()
            .orderBy("channel_id")
            .orderBy("number")
            .execute()
        ).map(toRule),
      ),
    getRule: (channelId, number) =>
      retryOnConnectionLoss(async () => {
        const row = await db
          .selectFrom("alert_rules")
          .selectAll()
          .where("channel_id", "=", channelId)
          .where("number", "=", number)
          .executeTakeFirst();
        return row ? toRule(row) : undefined;
      }),
    // Safe to repeat: a second run finds nothing to delete (and says false, which a user sees
    // only if the first answer was lost: the rule is gone either way).
    removeRule: (channelId, number, now = new Date()) =>
      retryOnConnectionLoss(() =>
        db.transaction().execute(async (trx) => {
          const deleted = await trx
            .deleteFrom("alert_rules")
            .where("channel_id", "=", channelId)
            .where("number", "=", number)
            .executeTakeFirst();
          await trx
            .updateTable("alert_episodes")
            // Quietly: no resolution is posted for a rule that is gone (the empty ts says so).
            .set({
              status: "resolved",
              resolved_at: now.getTime(),
              resolve_ts: "",
              updated_at: now.getTime(),
            })
            .where("channel_id", "=", channelId)
            .where("rule_number", "=", number)
            .where("resolve_ts", "is", null)
            .execute();
          return Number(deleted.numDeletedRows) === 1;
        }),
      ),
    // Safe to repeat: it sets the same values again.
    mute: (channelId, number, until, by) =>
      retryOnConnectionLoss(async () => {
        const result = await db
          .updateTable("alert_rules")
          .set({ muted_until: until.getTime(), muted_by: by })
          .where("channel_id", "=", channelId)
          .where("number", "=", number)
          .executeTakeFirst();
        return Number(result.numUpdatedRows) === 1;
      }),
    openEpisode: (channelId, ruleNumber) =>
      retryOnConnectionLoss(async () => {
        const row = await db
          .selectFrom("alert_episodes")
          .selectAll()
          .where("channel_id", "=", channelId)
          .where("rule_number", "=", ruleNumber)
          .where("status", "=", "open")
          .executeTakeFirst();
        return row ? toEpisode(row) : undefined;
      }),
    unfinishedEpisodes: () =>
      retryOnConnectionLoss(async () =>
        (
          await db
            .selectFrom("alert_episodes")
            .selectAll()
            .where((eb) => eb.or([eb("status", "=", "open"), eb("resolve_ts", "is", null)]))
            .orderBy("opened_at")
            .execute()
        ).map(toEpisode),
      ),
    getEpisode,
    // Safe to repeat: the key and the one-open index make a second insert a no-op; the episode
    // read back is the one that is open, whoever inserted it.
    startEpisode: (key, figure, summary) =>
      retryOnConnectionLoss(async () => {
        const at = key.openedAt.getTime();
        const row: AlertEpisodesTable = {
          channel_id: key.channelId,
          rule_number: key.ruleNumber,
          opened_at: at,
          status: "open",
          figure,
          peak: figure,
          peak_at: at,
          clear_since: null,
          resolved_at: null,
          summary: JSON.stringify(summary),
          alert_ts: null,
          alert_attempted_at: null,
          update_ts: null,
          update_attempted_at: null,
          resolve_ts: null,
          resolve_attempted_at: null,
          updated_at: at,
        };
        const inserted = await db
          .insertInto("alert_episodes")
          .values(row)
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) return undefined;
        return getEpisode(key);
      }),
    // Safe to repeat: the peak only grows, the rest is set to the same values.
    trackEpisode: async (key, figure, clearSince, at) => {
      await retryOnConnectionLoss(() =>
        update(key)
          .set((eb) => ({
            figure,
            peak_at: eb
              .case()
              .when("peak", "<", figure)
              .then(at.getTime())
              .else(eb.ref("peak_at"))
              .end(),
            peak: eb.case().when("peak", "<", figure).then(figure).else(eb.ref("peak")).end(),
            clear_since: clearSince ? clearSince.getTime() : null,
            updated_at: at.getTime(),
          }))
          .where("status", "=", "open")
          .execute(),
      );
    },
    // Safe to repeat: the condition on status makes a second run change nothing.
    resolveEpisode: (key, at) =>
      retryOnConnectionLoss(async () => {
        const result = await update(key)
          .set({ status: "resolved", resolved_at: at.getTime(), updated_at: at.getTime() })
          .where("status", "=", "open")
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 1) return true;
        const episode = await getEpisode(key);
        return episode?.status === "resolved" && episode.resolvedAt?.getTime() === at.getTime();
      }),
    // Safe to repeat: a second run after a lost answer finds the attempt moved and says false,
    // so this try does not post; the next one sees the attempt and looks for the post first
    // (at most once, never twice).
    claimPost: (key, stage, expectedAttempt, at) =>
      retryOnConnectionLoss(async () => {
        const column = ATTEMPTED[stage];
        const result = await update(key)
          .set({ [column]: at.getTime(), updated_at: at.getTime() })
          .where(TS[stage], "is", null)
          .where((eb) =>
            expectedAttempt === undefined
              ? eb(column, "is", null)
              : eb(column, "=", expectedAttempt),
          )
          .executeTakeFirst();
        return Number(result.numUpdatedRows) === 1;
      }),
    // Safe to repeat: coalesce keeps the first ts.
    markPosted: async (key, stage, ts) => {
      await retryOnConnectionLoss(() =>
        update(key)
          .set({ [TS[stage]]: sql<string>`coalesce(${sql.ref(TS[stage])}, ${ts})` })
          .execute(),
      );
    },
    episodesBetween: (channelId, from, until) =>
      retryOnConnectionLoss(async () =>
        (
          await db
            .selectFrom("alert_episodes")
            .selectAll()
            .where("channel_id", "=", channelId)
            .where("opened_at", ">=", from.getTime())
            .where("opened_at", "<", until.getTime())
            .orderBy("opened_at")
            .orderBy("rule_number")
            .execute()
        ).map(toEpisode),
      ),
  };
}
