import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { type CallEvent, callEventSchema } from "../callkit/events/schemas.js";
import { retryOnConnectionLoss } from "./retry.js";
import type { Database } from "./schema.js";

/**
 * The vendor's call events (migration 006), one row per event however often it arrives: the
 * primary key is the hash of the contract's idempotency key, and the insert is one
 * `ON CONFLICT DO NOTHING` statement, so retries and replicas racing on one event store it once.
 */

export interface StoredCallEvent {
  event: CallEvent;
  receivedAt: number;
}

export interface CallEventRepository {
  /** Stores the event unless stored already; true when this call stored it. Safe to repeat. */
  record(event: CallEvent, receivedAt?: Date): Promise<boolean>;
  /** Every event of the call, oldest first (by the vendor's EventTime, then arrival). */
  forCall(callId: string): Promise<StoredCallEvent[]>;
  /** When the newest event arrived (epoch ms), or undefined when none ever did. */
  lastReceivedAt(): Promise<number | undefined>;
  /** Drops events that arrived before `beforeMs`; returns how many. */
  prune(beforeMs: number): Promise<number>;
}

export const eventKeyHash = (key: string) => createHash("sha256").update(key).digest("hex");

export function createCallEventRepository(db: Kysely<Database>): CallEventRepository {
  return {
    // Safe to repeat: a second insert of the same key does nothing.
    record: (event, receivedAt = new Date()) =>
      retryOnConnectionLoss(async () => {
        const result = await db
          .insertInto("call_events")
          .values({
            event_key: eventKeyHash(event.key),
            generation: event.generation,
            call_id: event.callId,
            kind: event.kind,
            command: event.command.slice(0, 64),
            event_ms: event.eventTimeMs,
            received_at: receivedAt.getTime(),
            event: JSON.stringify(event),
          })
          .onConflict((oc) => oc.column("event_key").doNothing())
          .executeTakeFirst();
        return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
      }),
    forCall: (callId) =>
      retryOnConnectionLoss(async () => {
        const rows = await db
          .selectFrom("call_events")
          .select(["event", "received_at"])
          .where("call_id", "=", callId)
          .orderBy("event_ms")
          .orderBy("received_at")
          .limit(1000)
          .execute();
        return rows.flatMap((row) => {
          const parsed = callEventSchema.safeParse(safeJson(row.event));
          return parsed.success ? [{ event: parsed.data, receivedAt: row.received_at }] : [];
        });
      }),
    lastReceivedAt: () =>
      retryOnConnectionLoss(async () => {
        const row = await db
          .selectFrom("call_events")
          .select((eb) => eb.fn.max("received_at").as("last"))
          .executeTakeFirst();
        return row?.last == null ? undefined : Number(row.last);
      }),
    prune: (beforeMs) =>
      retryOnConnectionLoss(async () => {
        const result = await db
          .deleteFrom("call_events")
          .where("received_at", "<", beforeMs)
          .executeTakeFirst();
        return Number(result.numDeletedRows);
      }),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
