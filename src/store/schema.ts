import type { Generated } from "kysely";
import type { ArchiveTables } from "./archive-schema.js";

/**
 * The tables of the store, as Kysely sees them. Times are epoch milliseconds (bigint on
 * PostgreSQL, read back as numbers; integer on SQLite) so both backends store the same values.
 * A later feature adds its tables by declaring another interface and joining it into `Database`.
 */

export interface SubscriptionsTable {
  channel_id: string;
  hour: number;
  minute: number;
  time_zone: string;
  /** The CallFilter as JSON text: parsed with zod on every read. */
  filter: string;
  lang: string;
  created_by: string;
  created_at: number;
  updated_at: number;
}

export interface DigestRunsTable {
  channel_id: string;
  /** The local day the digest reports on, YYYY-MM-DD in the subscription's time zone. */
  local_date: string;
  status: "claimed" | "posted";
  claimed_by: string;
  claim_expires_at: number;
  message_ts: string | null;
  attempts: Generated<number>;
  /** Result counts of the day (JSON), so the next day's digest can compare without re-reading. */
  figures: string | null;
  updated_at: number;
  /** When a post of this digest was first sent (epoch ms): it may exist even if no ts came back. */
  post_attempted_at: number | null;
}

export interface DigestTables {
  subscriptions: SubscriptionsTable;
  digest_runs: DigestRunsTable;
}

export interface RateReplicasTable {
  /** What the limit is for, e.g. `trtc:1400000001`: the vendor limits each app. */
  scope: string;
  replica_id: string;
  /** Epoch ms by the database's clock. */
  beat_at: number;
}

export interface SavedSearchesTable {
  user_id: string;
  name: string;
  /** The words of `/calls` as typed: parsed again at each run. */
  words: string;
  lang: string;
  created_at: number;
  updated_at: number;
}

export type Database = DigestTables &
  ArchiveTables & { rate_replicas: RateReplicasTable; saved_searches: SavedSearchesTable };
