import { type Kysely, Migrator, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import type { CallRecord } from "../../src/callkit/schemas.js";
import { createArchiveRepository } from "../../src/store/archive.js";
import { migrateToLatest } from "../../src/store/migrate.js";
import { migrations } from "../../src/store/migrations/index.js";
import type { Database } from "../../src/store/schema.js";
import { makeRecords } from "../callkit/support/records.js";
import { backends, type TestStore } from "../support/store.js";

/**
 * Migration 010 on an archive written before it: callers' participant rows go (call_records has
 * the caller), callees' stay, and every user query answers as before; the sync writes on.
 */

const APP = 1400000010;
const END = 1_760_000_000;
const records: CallRecord[] = makeRecords(40, APP, END).map((record, i) => ({
  ...record,
  callees: i % 4 === 0 ? [`user_${(i + 1) % 9}`, "user_group"] : record.callees,
}));

/** The archive as 002–009 wrote it: a participant row for the caller and for each callee. */
async function writeAsBefore(db: Kysely<Database>) {
  for (const r of records) {
    await sql`insert into call_records (call_id, sdk_app_id, start_ts, accept_ts, end_ts, caller,
      call_type, media_type, call_result, room_id, total_user_number, callees, raw, archived_at,
      generation, unconfirmed) values (${r.callId}, ${APP}, ${r.startCallTs}, ${r.acceptTs ?? 0},
      ${r.endTs ?? 0}, ${r.caller}, ${r.callType}, ${r.mediaType}, ${r.callResult},
      ${String(r.roomId)}, ${r.totalUserNumber ?? 0}, ${JSON.stringify(r.callees)},
      ${JSON.stringify(r)}, ${1}, ${"v1"}, ${0})`.execute(db);
    const users: [string, string][] = [
      [r.caller, "caller"],
      ...r.callees.map((c) => [c, "callee"] as [string, string]),
    ];
    for (const [user, role] of users) {
      await sql`insert into call_participants (call_id, user_id, role, start_ts)
        values (${r.callId}, ${user}, ${role}, ${r.startCallTs})`.execute(db);
    }
  }
}

const ids = (list: readonly CallRecord[]) => list.map((r) => r.callId).sort();

describe.each(backends())("migration 010 on an existing archive on $name", (backend) => {
  let store: TestStore | undefined;
  afterEach(async () => {
    await store?.dispose();
    store = undefined;
  });

  it.skipIf(!backend.available)(
    "keeps callees' rows, drops callers', and user queries answer as before",
    async () => {
      store = await backend.open({ migrate: false });
      const before = Object.fromEntries(
        Object.entries(migrations).filter(([name]) => name < "010"),
      );
      const old = await new Migrator({
        db: store.db,
        provider: { getMigrations: async () => before },
        ...(store.schema ? { migrationTableSchema: store.schema } : {}),
      }).migrateToLatest();
      expect(old.error).toBeUndefined();
      await writeAsBefore(store.db);

      await migrateToLatest(store.db, store.dialect);
      const roles = await sql<{ role: string; n: number | string }>`
        select role, count(*) as n from call_participants group by role`.execute(store.db);
      expect(roles.rows.map((row) => [row.role, Number(row.n)])).toEqual([
        ["callee", records.reduce((n, r) => n + r.callees.length, 0)],
      ]);

      const archive = createArchiveRepository(store.db);
      const window = { startTs: 0, endTs: END + 1 };
      const stream = async (users: { caller?: string[]; callee?: string[]; either?: string[] }) => {
        const out: CallRecord[] = [];
        for await (const r of archive.stream({ ...window, users })) out.push(r);
        return out;
      };
      const involving = (user: string) =>
        records.filter((r) => r.caller === user || r.callees.includes(user));
      expect(ids(await stream({ either: ["user_3"] }))).toEqual(ids(involving("user_3")));
      expect(ids(await stream({ callee: ["user_group"] }))).toEqual(
        ids(records.filter((r) => r.callees.includes("user_group"))),
      );
      expect(ids(await stream({ caller: ["user_2"] }))).toEqual(
        ids(records.filter((r) => r.caller === "user_2")),
      );

      // The sync writes on: a changed record's callees are replaced, an unchanged one left.
      const changed = { ...(records[1] as CallRecord), callees: ["user_new"] };
      expect(await archive.upsert([changed, records[2] as CallRecord])).toBe(2);
      expect(ids(await stream({ callee: ["user_new"] }))).toEqual([changed.callId]);
      expect(await archive.get(changed.callId)).toEqual(changed);
      const stamps = await sql<{ call_id: string; archived_at: number | string }>`
        select call_id, archived_at from call_records
        where call_id in (${changed.callId}, ${(records[2] as CallRecord).callId})`.execute(
        store.db,
      );
      const stamp = new Map(stamps.rows.map((row) => [row.call_id, Number(row.archived_at)]));
      expect(stamp.get((records[2] as CallRecord).callId)).toBe(1);
      expect(stamp.get(changed.callId)).toBeGreaterThan(1);
      expect(await archive.prune(END + 1)).toBe(records.length);
      const left = await sql<{
        n: number | string;
      }>`select count(*) as n from call_participants`.execute(store.db);
      expect(Number(left.rows[0]?.n)).toBe(0);
    },
  );
});
