import { type ExpressionBuilder, type Kysely, sql, type Transaction } from "kysely";
import { z } from "zod";
import { fastCallRecord } from "../callkit/fast-record.js";
import { type CallRecord, callRecordSchema } from "../callkit/schemas.js";
import type { ArchiveTables } from "./archive-schema.js";
import { type SqliteHandle, storeEngine } from "./database.js";
import type { Database } from "./schema.js";

/**
 * The call archive: what the background sync copied from the vendor, queried by window, result,
 * type, media and user (caller, callee or either) from indexes, newest first.
 * Call times are epoch seconds; a window is [startTs, endTs) of call start times.
 */

export interface ArchiveQuery {
  startTs: number;
  endTs: number;
  /** Empty or absent: every result. */
  results?: readonly string[];
  callTypes?: readonly string[];
  mediaTypes?: readonly string[];
  /** Room ids as text (a record's roomId, stringified as the query language compares it). */
  rooms?: readonly string[];
  /** Each non-empty list must match (as in the query language): caller, callee, caller-or-callee. */
  users?: { caller?: readonly string[]; callee?: readonly string[]; either?: readonly string[] };
}

/** How many calls matched, in all and per callResult (results with no calls are absent). */
export interface ArchiveResultCounts {
  total: number;
  byResult: Record<string, number>;
  /** Calls connected: completed, or interrupted after being answered (callkit's isAnswered). */
  answered: number;
}

/** One bucket of `countSeries`: calls in scope starting in [startTs, startTs + bucket), and those matched. */
export interface ArchiveBucket {
  startTs: number;
  total: number;
  matched: number;
}

/** Where a newest-first page ended: the next page starts strictly older than this. */
export interface ArchiveCursor {
  startTs: number;
  callId: string;
}

export interface ArchivePage {
  records: CallRecord[];
  next: ArchiveCursor | undefined;
}

/** Every call of the app started in [from, until) has been read from the vendor. */
export interface ArchiveCoverage {
  sdkAppId: number;
  from: number;
  until: number;
  /** When progress was last recorded. */
  syncedAt: Date;
  backfilled: boolean;
}

/**
 * A day's digest figures counted by the database (no record read into the app): what the digest
 * accumulator would count from the same calls, read in a few GROUP BYs.
 */
export interface ArchiveDayFigures {
  /** Calls by result, type, media, hour of the day (from `dayStartTs`) and isAnswered. */
  groups: {
    callResult: string;
    callType: string;
    mediaType: string;
    hour: number;
    answered: boolean;
    count: number;
  }[];
  /** Talk seconds of answered calls (talkSeconds), with how many calls had each. */
  talk: { seconds: number; count: number }[];
  /**
   * Callers of failed calls (any result but normal_end) with their counts: every caller whose
   * count reaches the `top`-th largest, so ties at the edge are all there to be ordered exactly.
   */
  failedCallers: { caller: string; count: number }[];
}

export interface ArchiveRepository {
  /** Inserts or replaces records by callId, in batches (idempotent). Returns records written. */
  upsert(records: readonly CallRecord[], now?: Date): Promise<number>;
  /** Newest first; pass the previous page's `next` to go on. */
  page(
    query: ArchiveQuery,
    options: { limit: number; after?: ArchiveCursor },
  ): Promise<ArchivePage>;
  /** Every matching record, newest first, `batchSize` rows in memory at a time (keyset paging). */
  stream(
    query: ArchiveQuery,
    options?: { batchSize?: number; signal?: AbortSignal },
  ): AsyncIterable<CallRecord>;
  count(query: ArchiveQuery): Promise<number>;
  /** One GROUP BY call_result over the query's indexed window: a day's figures without reading rows. */
  countByResult(query: ArchiveQuery): Promise<ArchiveResultCounts>;
  /** The digest's figures for `query` (a day), hours counted from `dayStartTs`. */
  dayFigures(query: ArchiveQuery, dayStartTs: number, top: number): Promise<ArchiveDayFigures>;
  /**
   * Alerts' counts: calls in the query (the scope) per bucket of `bucketSeconds` from
   * `query.startTs`, and how many of them have a result in `matched`; one indexed range read, one
   * GROUP BY, no rows. Buckets without calls are absent. `query.results` is ignored (the scope is
   * every result; `matched` says which are counted).
   */
  countSeries(
    query: ArchiveQuery,
    matched: readonly string[],
    bucketSeconds: number,
  ): Promise<ArchiveBucket[]>;
  get(callId: string): Promise<CallRecord | undefined>;
  coverage(sdkAppId: number): Promise<ArchiveCoverage | undefined>;
  /** Records sync progress (the whole row: the sync job computes it). */
  saveCoverage(coverage: ArchiveCoverage): Promise<void>;
  /**
   * A call told by its end event (webhooks), stored at once and marked unconfirmed; a row already
   * there (confirmed by the records API, or an earlier event) is left as it is. True when written.
   */
  recordFromEvent(record: CallRecord, now?: Date): Promise<boolean>;
  /** Calls written from events that the records API has not confirmed yet, oldest first. */
  unconfirmed(limit?: number): Promise<string[]>;
  isUnconfirmed(callId: string): Promise<boolean>;
  /** Deletes calls started before `beforeTs` and moves coverage up to it; returns calls deleted. */
  prune(beforeTs: number): Promise<number>;
}

/**
 * A call's record appears only when the call ends, and the vendor files it by its START: a call
 * that started before a sync but ended after it is missing from the archive until a later sync
 * re-reads its start. The sync re-reads this far back each run, and answers take the archive as
 * complete only up to this long before its last sync (the vendor answers the rest). Calls longer
 * than this are rare; such a call is missed by the archive.
 */
export const LATE_RECORD_SECONDS = 3 * 3600;

/** Records per transaction: the archive's own writers take a sync's whole write at once. */
const UPSERT_BATCH = 5000;
/** The portable fallback's statements bind every value: kept under SQLite's 32,766 parameters. */
const PORTABLE_BATCH = 500;
const DEFAULT_STREAM_BATCH = 1000;

const rawSchema = z.string().transform((text, ctx) => {
  try {
    const value: unknown = JSON.parse(text);
    return fastCallRecord(value) ?? callRecordSchema.parse(value);
  } catch {
    ctx.addIssue({ code: "custom", message: "archived record is not a valid call record" });
    return z.NEVER;
  }
});

const stateSchema = z.object({
  sdk_app_id: z.number().int(),
  covered_from: z.number().int(),
  synced_until: z.number().int(),
  last_run_at: z.number(),
  backfilled: z.union([z.number(), z.boolean()]).transform(Boolean),
});

type Db = Kysely<Database> | Transaction<Database>;
type RecordsEb = ExpressionBuilder<ArchiveTables & Database, "call_records">;

function filterRecords(eb: RecordsEb, query: ArchiveQuery) {
  const { startTs, endTs } = query;
  const conditions = [eb("start_ts", ">=", startTs), eb("start_ts", "<", endTs)];
  if (query.results?.length) conditions.push(eb("call_result", "in", [...query.results]));
  if (query.callTypes?.length) conditions.push(eb("call_type", "in", [...query.callTypes]));
  if (query.mediaTypes?.length) conditions.push(eb("media_type", "in", [...query.mediaTypes]));
  if (query.rooms?.length) conditions.push(eb("room_id", "in", [...query.rooms]));
  const users = query.users ?? {};
  if (users.caller?.length) conditions.push(eb("caller", "in", [...users.caller]));
  // Callees live in call_participants (one row per callee; callers are call_records.caller,
  // migration 010), indexed on (user_id, start_ts): the same window bounds go into the subquery
  // so it is one index range per user.
  const callee = (ids: readonly string[]) =>
    eb(
      "call_id",
      "in",
      eb
        .selectFrom("call_participants")
        .select("call_participants.call_id")
        .where("call_participants.user_id", "in", [...ids])
        .where("call_participants.start_ts", ">=", startTs)
        .where("call_participants.start_ts", "<", endTs),
    );
  if (users.callee?.length) conditions.push(callee(users.callee));
  if (users.either?.length) {
    conditions.push(eb.or([eb("caller", "in", [...users.either]), callee(users.either)]));
  }
  return eb.and(conditions);
}

/** isAnswered in SQL; absent times are stored as 0, which never passes. */
const ANSWERED_SQL = sql<boolean>`(call_result = 'normal_end' or (call_result = 'interrupt' and accept_ts > start_ts and end_ts >= accept_ts))`;

function toRecord(raw: string): CallRecord {
  return rawSchema.parse(raw);
}

interface ParticipantRow {
  call_id: string;
  user_id: string;
  role: "callee";
  start_ts: number;
}

/** A call's callee rows, each user once (a vendor may list a callee twice). */
function calleeRows(record: CallRecord): ParticipantRow[] {
  const rows: ParticipantRow[] = [];
  const seen = new Set<string>();
  for (const user_id of record.callees) {
    if (seen.has(user_id)) continue;
    seen.add(user_id);
    rows.push({ call_id: record.callId, user_id, role: "callee", start_ts: record.startCallTs });
  }
  return rows;
}

function rowsOf(records: readonly CallRecord[], at: number) {
  // One row per callId: PostgreSQL refuses an upsert that touches the same row twice.
  const byId = new Map<string, CallRecord>();
  for (const record of records) byId.set(record.callId, record);
  const rows = [...byId.values()].map((record) => ({
    call_id: record.callId,
    // v4 records carry no SDKAppID (its client fills in the configured one); 0 if ever absent.
    sdk_app_id: record.sdkAppId ?? 0,
    start_ts: record.startCallTs,
    // The vendor may leave these out (unanswered calls): 0 here, absent in `raw`, which is what
    // reads return; the columns only serve ad-hoc SQL.
    accept_ts: record.acceptTs ?? 0,
    end_ts: record.endTs ?? 0,
    caller: record.caller,
    call_type: record.callType,
    media_type: record.mediaType,
    call_result: record.callResult,
    room_id: String(record.roomId),
    total_user_number: record.totalUserNumber ?? 0,
    callees: JSON.stringify(record.callees),
    raw: JSON.stringify(record),
    archived_at: at,
    generation: record.generation ?? "v1",
    // The records API's own answer: confirmed (an event-fed row is 1 until this arrives).
    unconfirmed: 0,
  }));
  // Callees only: the caller is call_records.caller, indexed (migration 010).
  const participants: ParticipantRow[] = [];
  for (const record of byId.values()) participants.push(...calleeRows(record));
  return { rows, participants, ids: [...byId.keys()] };
}

/**
 * A re-read record (each run re-reads 3 h) that the vendor sends as it was is left alone: no
 * row rewritten, no participants replaced. `raw` is the whole record; `unconfirmed` turns an
 * event-fed row into a confirmed one (webhooks); `generation` is the API that answered.
 */
const CHANGED_SQL =
  "call_records.raw <> excluded.raw or call_records.unconfirmed <> excluded.unconfirmed or call_records.generation <> excluded.generation";

async function upsertBatch(db: Db, records: readonly CallRecord[], at: number): Promise<number> {
  const { rows, participants } = rowsOf(records, at);
  if (rows.length === 0) return 0;
  const changed = await db
    .insertInto("call_records")
    .values(rows)
    .onConflict((oc) =>
      oc
        .column("call_id")
        .doUpdateSet((eb) => ({
          sdk_app_id: eb.ref("excluded.sdk_app_id"),
          start_ts: eb.ref("excluded.start_ts"),
          accept_ts: eb.ref("excluded.accept_ts"),
          end_ts: eb.ref("excluded.end_ts"),
          caller: eb.ref("excluded.caller"),
          call_type: eb.ref("excluded.call_type"),
          media_type: eb.ref("excluded.media_type"),
          call_result: eb.ref("excluded.call_result"),
          room_id: eb.ref("excluded.room_id"),
          total_user_number: eb.ref("excluded.total_user_number"),
          callees: eb.ref("excluded.callees"),
          raw: eb.ref("excluded.raw"),
          generation: eb.ref("excluded.generation"),
          unconfirmed: eb.ref("excluded.unconfirmed"),
          archived_at: eb.ref("excluded.archived_at"),
        }))
        .where(sql<boolean>`${sql.raw(CHANGED_SQL)}`),
    )
    .returning("call_id")
    .execute();
  if (changed.length === 0) return rows.length;
  const ids = changed.map((row) => row.call_id);
  const touched = new Set(ids);
  // A record may come back changed (late callees, a new start): its participants are replaced.
  await db.deleteFrom("call_participants").where("call_id", "in", ids).execute();
  const fresh = participants.filter((p) => touched.has(p.call_id));
  for (let i = 0; i < fresh.length; i += PORTABLE_BATCH * 2) {
    await db
      .insertInto("call_participants")
      .values(fresh.slice(i, i + PORTABLE_BATCH * 2))
      .execute();
  }
  return rows.length;
}

/** call_records' columns in the order the fast writers bind them. */
const RECORD_COLUMNS = [
  "call_id",
  "sdk_app_id",
  "start_ts",
  "accept_ts",
  "end_ts",
  "caller",
  "call_type",
  "media_type",
  "call_result",
  "room_id",
  "total_user_number",
  "callees",
  "raw",
  "archived_at",
  "generation",
  // Every sync write confirms an event-fed row (webhooks): the records API has answered for it.
  "unconfirmed",
] as const;
const RECORD_UPDATES = RECORD_COLUMNS.filter((c) => c !== "call_id")
  .map((c) => `${c} = excluded.${c}`)
  .join(", ");
const UPSERT_SQL = `on conflict (call_id) do update set ${RECORD_UPDATES} where ${CHANGED_SQL}`;

/**
 * SQLite: three statements prepared once per database (an upsert per record; for a new or
 * changed one, its participants deleted and inserted), run in one transaction per batch, the
 * values bound straight from the records (no row objects). better-sqlite3 is synchronous, so
 * each statement costs microseconds with no query building; the batch runs while Kysely's one
 * connection is held, so no Kysely transaction is open around it. Records are taken in order,
 * so of two with one callId the later stays, as on PostgreSQL.
 */
function sqliteWriter(handle: SqliteHandle) {
  const upsertRecord = handle.prepare(
    `insert into call_records (${RECORD_COLUMNS.join(", ")}) values (${RECORD_COLUMNS.map(() => "?").join(", ")}) ${UPSERT_SQL}`,
  );
  const dropParticipants = handle.prepare("delete from call_participants where call_id = ?");
  const addParticipant = handle.prepare(
    "insert into call_participants (call_id, user_id, role, start_ts) values (?, ?, 'callee', ?)",
  );
  return handle.transaction((records: readonly CallRecord[], at: number) => {
    // Records written, as on PostgreSQL: each callId once.
    const ids = new Set<string>();
    for (const record of records) {
      ids.add(record.callId);
      const { changes } = upsertRecord.run(
        record.callId,
        // v4 records carry no SDKAppID (its client fills in the configured one); 0 if ever absent.
        record.sdkAppId ?? 0,
        record.startCallTs,
        record.acceptTs ?? 0,
        record.endTs ?? 0,
        record.caller,
        record.callType,
        record.mediaType,
        record.callResult,
        String(record.roomId),
        record.totalUserNumber ?? 0,
        JSON.stringify(record.callees),
        JSON.stringify(record),
        at,
        record.generation ?? "v1",
        0,
      );
      if (changes === 0) continue;
      dropParticipants.run(record.callId);
      for (const p of calleeRows(record)) addParticipant.run(p.call_id, p.user_id, p.start_ts);
    }
    return ids.size;
  });
}

const sqliteWriters = new WeakMap<SqliteHandle, ReturnType<typeof sqliteWriter>>();

/**
 * PostgreSQL: one statement per table for the whole batch, the rows passed as one array per
 * column and read back with `unnest` (a fixed, small number of parameters whatever the batch
 * size, so the server parses one short statement), in one transaction. The upsert returns the
 * calls it inserted or changed: only theirs have participants to replace. The transaction
 * commits without waiting for its WAL flush (`synchronous_commit = off`, this transaction only):
 * the sync's progress is saved after it, by a commit that does wait, and PostgreSQL flushes
 * WAL in order, so progress that survives a crash implies the records it covers did too.
 */
async function upsertBatchPostgres(db: Db, records: readonly CallRecord[], at: number) {
  const { rows, participants } = rowsOf(records, at);
  if (rows.length === 0) return 0;
  const column = <K extends (typeof RECORD_COLUMNS)[number]>(c: K) => rows.map((row) => row[c]);
  await sql`set local synchronous_commit = off`.execute(db);
  const changed = await sql<{
    call_id: string;
  }>`insert into call_records (${sql.raw(RECORD_COLUMNS.join(", "))})
    select * from unnest(
      ${column("call_id")}::text[], ${column("sdk_app_id")}::bigint[], ${column("start_ts")}::bigint[],
      ${column("accept_ts")}::bigint[], ${column("end_ts")}::bigint[], ${column("caller")}::text[],
      ${column("call_type")}::text[], ${column("media_type")}::text[], ${column("call_result")}::text[],
      ${column("room_id")}::text[], ${column("total_user_number")}::int[], ${column("callees")}::text[],
      ${column("raw")}::text[], ${column("archived_at")}::bigint[], ${column("generation")}::text[],
      ${column("unconfirmed")}::int[])
    ${sql.raw(UPSERT_SQL)} returning call_id`.execute(db);
  if (changed.rows.length === 0) return rows.length;
  const ids = changed.rows.map((row) => row.call_id);
  const touched = new Set(ids);
  // A record may come back changed (late callees, a new start): its participants are replaced.
  await sql`delete from call_participants where call_id = any(${ids}::text[])`.execute(db);
  const fresh = participants.filter((p) => touched.has(p.call_id));
  if (fresh.length > 0) {
    await sql`insert into call_participants (call_id, user_id, role, start_ts)
      select * from unnest(${fresh.map((p) => p.call_id)}::text[],
        ${fresh.map((p) => p.user_id)}::text[], ${fresh.map((p) => p.role)}::text[],
        ${fresh.map((p) => p.start_ts)}::bigint[])`.execute(db);
  }
  return rows.length;
}

type DayCounts = Pick<ArchiveDayFigures, "groups" | "talk">;

/** Failed callers read past the top asked, so ties at its edge need no second query. */
const TIE_ROOM = 20;

/**
 * talkSeconds in SQL: answered, both times present (stored as 0 when absent), in order.
 * `fromIndex` (SQLite's slices): the unary + (a no-op on text) keeps SQLite's planner from
 * answering the OR on call_result with two ranges of call_records_result_start, which visits every
 * answered call's row for its times; the day's range of call_records_day_counts holds them.
 */
function talkedSql(fromIndex: boolean) {
  const result = sql.raw(fromIndex ? "+call_result" : "call_result");
  return sql<boolean>`(${result} = 'normal_end' or (${result} = 'interrupt' and accept_ts > start_ts and end_ts >= accept_ts)) and accept_ts > 0 and end_ts >= accept_ts`;
}

/** Answered calls' talk seconds, with how many calls had each. */
function talkTimes(db: Db, query: ArchiveQuery, fromIndex: boolean) {
  return db
    .selectFrom("call_records")
    .select((eb) => [
      sql<number | string>`end_ts - accept_ts`.as("seconds"),
      eb.fn.countAll<number | string>().as("n"),
    ])
    .where((eb) => filterRecords(eb, query))
    .where(talkedSql(fromIndex))
    .groupBy(sql`end_ts - accept_ts`)
    .execute();
}

/**
 * PostgreSQL: one GROUP BY for the groups and one for talk times, run at once on the pool
 * (PostgreSQL aggregates by hashing, whatever the number of rows).
 */
async function countDayAtOnce(db: Db, query: ArchiveQuery, dayStartTs: number): Promise<DayCounts> {
  const where = (eb: RecordsEb) => filterRecords(eb, query);
  const [groups, talk] = await Promise.all([
    db
      .selectFrom("call_records")
      .select((eb) => [
        "call_result",
        "call_type",
        "media_type",
        sql<number | string>`cast((start_ts - ${dayStartTs}) / 3600 as integer)`.as("hour"),
        sql<number | string>`case when ${ANSWERED_SQL} then 1 else 0 end`.as("answered"),
        eb.fn.countAll<number | string>().as("n"),
      ])
      .where(where)
      // By position: PostgreSQL takes the hour's two `$n` (select, group by) as two expressions.
      .groupBy(sql`1, 2, 3, 4, 5`)
      .execute(),
    talkTimes(db, query, false),
  ]);
  return {
    groups: groups.map((row) => ({
      callResult: row.call_result,
      callType: row.call_type,
      mediaType: row.media_type,
      hour: Number(row.hour),
      answered: Number(row.answered) === 1,
      count: Number(row.n),
    })),
    talk: talk.map((row) => ({ seconds: Number(row.seconds), count: Number(row.n) })),
  };
}

/**
 * The slices SQLite counts a day in. Every zone's offset is a whole number of quarter hours, so a
 * slice counted from the zone's midnight lies inside one hour of its day.
 */
const DAY_SLICE_SECONDS = 900;

/**
 * SQLite: the day in quarter-hour slices, each one index range (call_records_day_counts covers
 * every column read) and a GROUP BY over that slice alone, summed here. SQLite groups by sorting
 * every row; sorting 96 small slices costs a fraction of sorting the whole day at once, and each
 * slice holds the app's one thread for milliseconds, with the event loop served between slices
 * (Slack acks, webhooks) instead of waiting out a second-long query.
 */
async function countDayInSlices(
  db: Db,
  query: ArchiveQuery,
  dayStartTs: number,
): Promise<DayCounts> {
  const groups = new Map<string, DayCounts["groups"][number]>();
  const talk = new Map<number, number>();
  const add = (group: Omit<DayCounts["groups"][number], "count">, count: number) => {
    if (count <= 0) return;
    const key = JSON.stringify([
      group.callResult,
      group.callType,
      group.mediaType,
      group.hour,
      group.answered,
    ]);
    const known = groups.get(key);
    if (known) known.count += count;
    else groups.set(key, { ...group, count });
  };
  const first =
    dayStartTs + Math.floor((query.startTs - dayStartTs) / DAY_SLICE_SECONDS) * DAY_SLICE_SECONDS;
  for (let from = first; from < query.endTs; from += DAY_SLICE_SECONDS) {
    const slice = {
      ...query,
      startTs: Math.max(from, query.startTs),
      endTs: Math.min(from + DAY_SLICE_SECONDS, query.endTs),
    };
    const hour = Math.trunc((from - dayStartTs) / 3600);
    const where = (eb: RecordsEb) => filterRecords(eb, slice);
    const rows = await db
      .selectFrom("call_records")
      .select((eb) => [
        "call_result",
        "call_type",
        "media_type",
        sql<number | string>`sum(case when ${ANSWERED_SQL} then 1 else 0 end)`.as("answered"),
        eb.fn.countAll<number | string>().as("n"),
      ])
      .where(where)
      .groupBy(["call_result", "call_type", "media_type"])
      .execute();
    for (const row of rows) {
      const group = {
        callResult: row.call_result,
        callType: row.call_type,
        mediaType: row.media_type,
        hour,
      };
      const answered = Number(row.answered);
      add({ ...group, answered: true }, answered);
      add({ ...group, answered: false }, Number(row.n) - answered);
    }
    for (const row of await talkTimes(db, slice, true)) {
      const seconds = Number(row.seconds);
      talk.set(seconds, (talk.get(seconds) ?? 0) + Number(row.n));
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return {
    groups: [...groups.values()],
    talk: [...talk].map(([seconds, count]) => ({ seconds, count })),
  };
}

export function createArchiveRepository(db: Kysely<Database>): ArchiveRepository {
  const page: ArchiveRepository["page"] = async (query, { limit, after }) => {
    const rows = await db
      .selectFrom("call_records")
      .select(["call_id", "start_ts", "raw"])
      .where((eb) => filterRecords(eb, query))
      .$if(after !== undefined, (qb) =>
        qb.where((eb) =>
          eb(
            eb.refTuple("start_ts", "call_id"),
            "<",
            eb.tuple(after?.startTs ?? 0, after?.callId ?? ""),
          ),
        ),
      )
      .orderBy("start_ts", "desc")
      .orderBy("call_id", "desc")
      .limit(limit)
      .execute();
    const last = rows.at(-1);
    return {
      records: rows.map((row) => toRecord(row.raw)),
      next:
        last && rows.length === limit
          ? { startTs: Number(last.start_ts), callId: last.call_id }
          : undefined,
    };
  };

  const engine = storeEngine(db);
  const writeBatch = async (batch: readonly CallRecord[], at: number): Promise<number> => {
    const handle = engine?.sqlite;
    if (handle) {
      let write = sqliteWriters.get(handle);
      if (!write) {
        write = sqliteWriter(handle);
        sqliteWriters.set(handle, write);
      }
      const run = write;
      return db.connection().execute(async () => run(batch, at));
    }
    if (engine?.dialect === "postgres") {
      return db.transaction().execute((trx) => upsertBatchPostgres(trx, batch, at));
    }
    // A Kysely not opened by openStore: the portable query builder.
    let written = 0;
    for (let i = 0; i < batch.length; i += PORTABLE_BATCH) {
      const part = batch.slice(i, i + PORTABLE_BATCH);
      written += await db.transaction().execute((trx) => upsertBatch(trx, part, at));
    }
    return written;
  };

  return {
    async upsert(records, now = new Date()) {
      let written = 0;
      for (let i = 0; i < records.length; i += UPSERT_BATCH) {
        written += await writeBatch(records.slice(i, i + UPSERT_BATCH), now.getTime());
      }
      return written;
    },
    page,
    async *stream(query, options = {}) {
      const limit = options.batchSize ?? DEFAULT_STREAM_BATCH;
      let after: ArchiveCursor | undefined;
      do {
        options.signal?.throwIfAborted();
        const result = await page(query, { limit, ...(after ? { after } : {}) });
        yield* result.records;
        after = result.next;
      } while (after);
    },
    async count(query) {
      const row = await db
        .selectFrom("call_records")
        .select((eb) => eb.fn.countAll<number | string>().as("n"))
        .where((eb) => filterRecords(eb, query))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async countByResult(query) {
      const rows = await db
        .selectFrom("call_records")
        .select((eb) => [
          "call_result",
          eb.fn.countAll<number | string>().as("n"),
          // isAnswered in SQL; absent times are stored as 0, which never passes.
          sql<
            number | string
          >`sum(case when call_result = 'normal_end' or (call_result = 'interrupt' and accept_ts > start_ts and end_ts >= accept_ts) then 1 else 0 end)`.as(
            "answered",
          ),
        ])
        .where((eb) => filterRecords(eb, query))
        .groupBy("call_result")
        .execute();
      // Built on a null prototype: a result named "__proto__" or "constructor" stays a plain count.
      const byResult: Record<string, number> = Object.create(null);
      let total = 0;
      let answered = 0;
      for (const row of rows) {
        const n = Number(row.n);
        byResult[row.call_result] = n;
        total += n;
        answered += Number(row.answered ?? 0);
      }
      return { total, byResult: { ...byResult }, answered };
    },
    async dayFigures(query, dayStartTs, top) {
      const where = (eb: RecordsEb) => filterRecords(eb, query);
      const failed = () =>
        db
          .selectFrom("call_records")
          .select((eb) => ["caller", eb.fn.countAll<number | string>().as("n")])
          .where(where)
          .where("call_result", "<>", "normal_end")
          // SQLite would group along call_records_caller_start to save a sort (its planner's
          // choice once ANALYZE has run), visiting every row of the table: 3 s for a day of a
          // million calls, against 0.2 s read from the day's range of the covering index. The
          // unary + keeps the index for the range; PostgreSQL has no + for text (it hashes).
          .groupBy(engine?.dialect === "sqlite" ? sql`+caller` : sql`caller`);
      // Callers beyond the top few, read in the same GROUP BY: the ties at the edge are almost
      // always among them, which saves a second GROUP BY of the day's failed calls.
      const reach = top + TIE_ROOM;
      const [counted, leaders] = await Promise.all([
        engine?.dialect === "sqlite"
          ? countDayInSlices(db, query, dayStartTs)
          : countDayAtOnce(db, query, dayStartTs),
        top > 0 ? failed().orderBy("n", "desc").limit(reach).execute() : [],
      ]);
      // The top-th count: every caller with at least as many, for an exact order with ties.
      // No top asked (the day before's counts): no callers at all.
      const edge = top <= 0 || leaders.length < top ? undefined : Number(leaders[top - 1]?.n);
      const tiesBeyondReach =
        edge !== undefined && leaders.length === reach && Number(leaders.at(-1)?.n) >= edge;
      const callers =
        edge === undefined
          ? leaders
          : tiesBeyondReach
            ? await failed()
                .having((eb) => eb.fn.countAll(), ">=", edge)
                .execute()
            : leaders.filter((row) => Number(row.n) >= edge);
      return {
        ...counted,
        failedCallers: callers.map((row) => ({ caller: row.caller, count: Number(row.n) })),
      };
    },
    async recordFromEvent(record, now = new Date()) {
      return db.transaction().execute(async (trx) => {
        const { rows, participants } = rowsOf([record], now.getTime());
        const inserted = await trx
          .insertInto("call_records")
          .values(rows.map((row) => ({ ...row, unconfirmed: 1 })))
          .onConflict((oc) => oc.column("call_id").doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) return false;
        if (participants.length > 0) {
          await trx.insertInto("call_participants").values(participants).execute();
        }
        return true;
      });
    },
    async unconfirmed(limit = 100) {
      const rows = await db
        .selectFrom("call_records")
        .select("call_id")
        .where("unconfirmed", "=", 1)
        .orderBy("archived_at")
        .limit(limit)
        .execute();
      return rows.map((row) => row.call_id);
    },
    async isUnconfirmed(callId) {
      const row = await db
        .selectFrom("call_records")
        .select("unconfirmed")
        .where("call_id", "=", callId)
        .executeTakeFirst();
      return Number(row?.unconfirmed ?? 0) === 1;
    },
    async countSeries(query, matched, bucketSeconds) {
      const bucket = Math.max(1, Math.floor(bucketSeconds));
      const scope: ArchiveQuery = { ...query, results: [] };
      const index = sql<number | string>`((start_ts - ${query.startTs}) / ${bucket})`;
      const rows = await db
        .selectFrom("call_records")
        .select((eb) => [
          index.as("bucket"),
          eb.fn.countAll<number | string>().as("n"),
          (matched.length > 0
            ? sql<
                number | string
              >`sum(case when call_result in (${sql.join([...matched])}) then 1 else 0 end)`
            : sql<number>`0`
          ).as("m"),
        ])
        .where((eb) => filterRecords(eb, scope))
        .groupBy(sql.ref("bucket"))
        .execute();
      return rows
        .map((row) => ({
          startTs: query.startTs + Math.floor(Number(row.bucket)) * bucket,
          total: Number(row.n),
          matched: Number(row.m ?? 0),
        }))
        .sort((a, b) => a.startTs - b.startTs);
    },
    async get(callId) {
      const row = await db
        .selectFrom("call_records")
        .select("raw")
        .where("call_id", "=", callId)
        .executeTakeFirst();
      return row ? toRecord(row.raw) : undefined;
    },
    async coverage(sdkAppId) {
      const row = await db
        .selectFrom("archive_sync_state")
        .selectAll()
        .where("sdk_app_id", "=", sdkAppId)
        .executeTakeFirst();
      if (!row) return undefined;
      const state = stateSchema.parse(row);
      return {
        sdkAppId: state.sdk_app_id,
        from: state.covered_from,
        until: state.synced_until,
        syncedAt: new Date(state.last_run_at),
        backfilled: state.backfilled,
      };
    },
    async saveCoverage(coverage) {
      const values = {
        sdk_app_id: coverage.sdkAppId,
        covered_from: coverage.from,
        synced_until: coverage.until,
        last_run_at: coverage.syncedAt.getTime(),
        backfilled: coverage.backfilled ? 1 : 0,
      };
      await db
        .insertInto("archive_sync_state")
        .values(values)
        .onConflict((oc) =>
          oc.column("sdk_app_id").doUpdateSet({
            covered_from: values.covered_from,
            synced_until: values.synced_until,
            last_run_at: values.last_run_at,
            backfilled: values.backfilled,
          }),
        )
        .execute();
    },
    async prune(beforeTs) {
      return db.transaction().execute(async (trx) => {
        // By call: call_records' start index finds them, the participants' key has call_id first.
        await trx
          .deleteFrom("call_participants")
          .where("call_id", "in", (eb) =>
            eb.selectFrom("call_records").select("call_id").where("start_ts", "<", beforeTs),
          )
          .execute();
        // A kept diagnosis lives as long as its call.
        await trx.deleteFrom("call_diagnoses").where("start_ts", "<", beforeTs).execute();
        const deleted = await trx
          .deleteFrom("call_records")
          .where("start_ts", "<", beforeTs)
          .executeTakeFirst();
        await trx
          .updateTable("archive_sync_state")
          .set({ covered_from: beforeTs })
          .where("covered_from", "<", beforeTs)
          .execute();
        return Number(deleted.numDeletedRows);
      });
    },
  };
}
