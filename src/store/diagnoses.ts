import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

/**
 * Kept diagnoses (migration 009), as JSON text: the store knows nothing of their shape; the reader
 * parses what `load` returns (src/diagnosis/service.ts). A later save of the same call replaces it.
 */
export interface DiagnosisRepository {
  /** The kept JSON value, or undefined; text that is not JSON reads as undefined. */
  load(callId: string): Promise<unknown>;
  save(row: {
    callId: string;
    startTs: number;
    fetchedAt: number;
    diagnosis: unknown;
  }): Promise<void>;
  count(): Promise<number>;
}

export function createDiagnosisRepository(db: Kysely<Database>): DiagnosisRepository {
  return {
    async load(callId) {
      const row = await db
        .selectFrom("call_diagnoses")
        .select("diagnosis")
        .where("call_id", "=", callId)
        .executeTakeFirst();
      if (!row) return undefined;
      try {
        return JSON.parse(row.diagnosis) as unknown;
      } catch {
        return undefined;
      }
    },
    async save(row) {
      const values = {
        call_id: row.callId,
        start_ts: Math.floor(row.startTs),
        fetched_at: Math.floor(row.fetchedAt),
        diagnosis: JSON.stringify(row.diagnosis),
      };
      await db
        .insertInto("call_diagnoses")
        .values(values)
        .onConflict((oc) =>
          oc
            .column("call_id")
            .doUpdateSet({ fetched_at: values.fetched_at, diagnosis: values.diagnosis }),
        )
        .execute();
    },
    async count() {
      const row = await db
        .selectFrom("call_diagnoses")
        .select((eb) => eb.fn.countAll<number | string>().as("n"))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
