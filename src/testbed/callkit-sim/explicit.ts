import type { CallRecord } from "../../callkit/schemas.js";
import type { Columns } from "./columnar.js";

/** Columns over records a test gave explicitly (any values, unknown results included). */
export function explicitColumns(input: readonly CallRecord[]): Columns {
  const records = [...input].sort((a, b) => a.startCallTs - b.startCallTs);
  const resultNames: string[] = [];
  const typeNames: string[] = [];
  const code = (names: string[], name: string) => {
    let i = names.indexOf(name);
    if (i < 0) i = names.push(name) - 1;
    return i;
  };
  const start = new Float64Array(records.length);
  const result = new Uint16Array(records.length);
  const type = new Uint16Array(records.length);
  const byCallId = new Map<string, number>();
  records.forEach((record, i) => {
    start[i] = record.startCallTs;
    result[i] = code(resultNames, record.callResult);
    type[i] = code(typeNames, record.callType);
    if (!byCallId.has(record.callId)) byCallId.set(record.callId, i);
  });
  return {
    size: records.length,
    start,
    result,
    resultNames,
    type,
    typeNames,
    // A copy, so a caller that edits a record cannot change later answers.
    record: (position) => {
      const record = records[position] as CallRecord;
      return { ...record, callees: [...record.callees] };
    },
    position: (callId) => byCallId.get(callId) ?? -1,
  };
}
