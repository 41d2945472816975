import type { z } from "zod";
import { fastCallRecord } from "./fast-record.js";
import { type CallRecord, callRecordSchema } from "./schemas.js";

/** The records of one page that fit the contract, and what happened to those that did not. */
export interface PageRecords {
  records: CallRecord[];
  skipped: number;
  /** Where the first few misfits went wrong ("[3].startCallTs: …"), for the log; no values. */
  issues: string[];
}

const MAX_ISSUES = 3;

/**
 * Checks each record on its own: the vendor leaves much of a record open, and one odd record must
 * cost that record, not the page (and with it a whole search or an archive slice).
 */
export function readPageRecords(
  list: readonly unknown[],
  schema: z.ZodType<CallRecord> = callRecordSchema,
  listName = "callRecordList",
): PageRecords {
  const records: CallRecord[] = [];
  const issues: string[] = [];
  let skipped = 0;
  // The v1 record has a hand-written fast lane; whatever it does not take, zod judges (and explains).
  const fast = schema === callRecordSchema ? fastCallRecord : undefined;
  list.forEach((item, index) => {
    const quick = fast?.(item);
    if (quick) {
      records.push(quick);
      return;
    }
    const parsed = schema.safeParse(item);
    if (parsed.success) {
      records.push(parsed.data);
      return;
    }
    skipped++;
    const issue = parsed.error.issues[0];
    if (issues.length < MAX_ISSUES && issue) {
      const path = issue.path.map((key) =>
        typeof key === "number" ? `[${key}]` : `.${String(key)}`,
      );
      issues.push(`${listName}[${index}]${path.join("")}: ${issue.message}`);
    }
  });
  return { records, skipped, issues };
}
