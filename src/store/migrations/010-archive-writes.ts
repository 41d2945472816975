import { type Kysely, type Migration, SqliteAdapter, sql } from "kysely";

/**
 * Fewer b-trees per archived call (issue 19, the sync at the vendor's pace). Every b-tree a row
 * touches is a page read and written per record, and a call had ~2.3 participant rows in four
 * b-trees each:
 * - Callers no longer get participant rows: call_records' (caller, start_ts) index answers "calls
 *   by X", and "calls involving X" is caller = X or a callee row (archive.ts filterRecords).
 * - call_participants_start goes: pruning finds a call's participants by call_id (the primary
 *   key's prefix) through call_records' start index.
 * - On SQLite the table is rebuilt WITHOUT ROWID: the rows live in the primary key's b-tree
 *   instead of a rowid table beside an index holding the same key.
 * - A partial index on unconfirmed calls (archive.ts `unconfirmed()`, oldest first): it read the
 *   whole table; it holds only the few event-fed rows the records API has not returned yet, so
 *   confirmed rows cost it nothing.
 */
export const archiveWritesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
    if (sqlite) {
      await sql`create table call_participants_callees (
        call_id varchar(128) not null,
        user_id varchar(128) not null,
        role varchar(8) not null,
        start_ts bigint not null,
        constraint call_participants_pk primary key (call_id, user_id, role)
      ) without rowid`.execute(db);
      await sql`insert into call_participants_callees (call_id, user_id, role, start_ts)
        select call_id, user_id, role, start_ts from call_participants where role = 'callee'`.execute(
        db,
      );
      await db.schema.dropTable("call_participants").execute();
      await sql`alter table call_participants_callees rename to call_participants`.execute(db);
      await db.schema
        .createIndex("call_participants_user_start")
        .on("call_participants")
        .columns(["user_id", "start_ts", "call_id"])
        .execute();
    } else {
      await sql`delete from call_participants where role = 'caller'`.execute(db);
      await db.schema.dropIndex("call_participants_start").execute();
    }
    await sql`create index call_records_unconfirmed on call_records (archived_at) where unconfirmed = 1`.execute(
      db,
    );
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex("call_records_unconfirmed").execute();
    // Callers' rows are not brought back (they would be rebuilt from call_records.caller).
    await db.schema
      .createIndex("call_participants_start")
      .on("call_participants")
      .column("start_ts")
      .execute();
  },
};
