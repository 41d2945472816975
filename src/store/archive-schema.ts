import type { Generated } from "kysely";

/** The archive's tables (migration 002-archive), joined into `Database` in schema.ts. */

export interface CallRecordsTable {
  call_id: string;
  sdk_app_id: number;
  /** Epoch seconds, as in the vendor's records. */
  start_ts: number;
  accept_ts: number;
  end_ts: number;
  caller: string;
  call_type: string;
  media_type: string;
  call_result: string;
  room_id: string;
  total_user_number: number;
  /** JSON array of user ids. */
  callees: string;
  /** The whole record as the vendor sent it (JSON), so fields we do not know survive. */
  raw: string;
  /** Epoch ms of the last upsert. */
  archived_at: number;
  /** Which records API the row came from: `v1` or `v4` (migration 005; older rows are v1). */
  generation: Generated<string>;
  /** 1: written from the call's end event, not yet returned by the records API (migration 006). */
  unconfirmed: Generated<number>;
}

export interface CallParticipantsTable {
  call_id: string;
  user_id: string;
  role: "caller" | "callee";
  /** The call's start (epoch seconds), copied so a user's calls in a window are one index range. */
  start_ts: number;
}

export interface ArchiveSyncStateTable {
  sdk_app_id: number;
  /** Epoch seconds: every call started in [covered_from, synced_until) has been read. */
  covered_from: number;
  synced_until: number;
  /** Epoch ms of the last recorded progress. */
  last_run_at: number;
  backfilled: Generated<number>;
}

export interface LeasesTable {
  name: string;
  holder: string;
  /** Epoch ms. */
  expires_at: number;
}

export interface ArchiveTables {
  call_records: CallRecordsTable;
  call_participants: CallParticipantsTable;
  archive_sync_state: ArchiveSyncStateTable;
  leases: LeasesTable;
}
