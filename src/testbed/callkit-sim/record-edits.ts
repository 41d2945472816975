import type { Endpoint } from "./stats.js";

/**
 * Changes to the records of a successful answer, for tests of records that do not look like the
 * contract's table: a field set to any JSON value (null, a wrong type) or left out. `index` is the
 * record's place in the page (or 0 for the one record of a callId answer); records past the end
 * of the page are left alone. Plain data, so a fault survives being posted to a worker thread.
 */
export interface RecordEdit {
  index: number;
  set?: Record<string, unknown>;
  drop?: string[];
}

interface Answer {
  errorCode: number;
  data?: unknown;
}

export function withEditedRecords<A extends Answer>(
  endpoint: Endpoint,
  answer: A,
  edits: readonly RecordEdit[],
): A {
  if (answer.errorCode !== 0 || typeof answer.data !== "object" || answer.data === null) {
    return answer;
  }
  if (endpoint === "callId") {
    return {
      ...answer,
      data: edited(
        answer.data,
        edits.filter((e) => e.index === 0),
      ),
    };
  }
  const data = answer.data as { callRecordList?: unknown };
  if (!Array.isArray(data.callRecordList)) return answer;
  const list = data.callRecordList.map((record, index) =>
    edited(
      record,
      edits.filter((e) => e.index === index),
    ),
  );
  return { ...answer, data: { ...data, callRecordList: list } };
}

function edited(record: unknown, edits: readonly RecordEdit[]): unknown {
  if (edits.length === 0 || typeof record !== "object" || record === null) return record;
  const out: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  for (const edit of edits) {
    for (const key of edit.drop ?? []) delete out[key];
    Object.assign(out, edit.set ?? {});
  }
  return out;
}
