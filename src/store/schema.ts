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

export interface CallEventsTable {
  /** sha256 (hex) of the event's idempotency key (migration 006). */
  event_key: string;
  generation: string;
  call_id: string;
  kind: string;
  command: string;
  /** The vendor's EventTime, epoch ms. */
  event_ms: number;
  /** When the first copy arrived, epoch ms. */
  received_at: number;
  /** The normalised CallEvent (JSON), parsed with zod on every read. */
  event: string;
}

/** TRTC's account of a failed call, kept as long as the call (migration 009). */
export interface CallDiagnosesTable {
  call_id: string;
  /** The call's start, epoch seconds (as call_records.start_ts): pruned with the call. */
  start_ts: number;
  /** Epoch ms. */
  fetched_at: number;
  /** The Diagnosis as JSON text: parsed with zod on every read. */
  diagnosis: string;
}

export interface AlertRulesTable {
  channel_id: string;
  /** The rule's number in its channel (1, 2, …): what `/calls alert off 2` names. */
  number: number;
  /** The CallFilter as JSON text: parsed with zod on every read. */
  filter: string;
  /** The AlertCondition as JSON text: parsed with zod on every read. */
  condition: string;
  lang: string;
  time_zone: string;
  created_by: string;
  created_at: number;
  muted_until: number | null;
  muted_by: string | null;
}

export interface AlertEpisodesTable {
  channel_id: string;
  /** 0: the channel's "callscope cannot see calls" episode. */
  rule_number: number;
  opened_at: number;
  status: "open" | "resolved";
  figure: number;
  peak: number;
  peak_at: number;
  clear_since: number | null;
  resolved_at: number | null;
  summary: string;
  alert_ts: string | null;
  alert_attempted_at: number | null;
  update_ts: string | null;
  update_attempted_at: number | null;
  resolve_ts: string | null;
  resolve_attempted_at: number | null;
  updated_at: number;
}

export interface AlertTables {
  alert_rules: AlertRulesTable;
  alert_episodes: AlertEpisodesTable;
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
  ArchiveTables &
  AlertTables & {
    rate_replicas: RateReplicasTable;
    call_events: CallEventsTable;
    call_diagnoses: CallDiagnosesTable;
    saved_searches: SavedSearchesTable;
  };
