import { CallKitClient } from "../../src/callkit/client.js";
import type { CallRecord } from "../../src/callkit/schemas.js";
import type { RecordSource } from "../../src/callkit/source.js";
import { type SearchQuery, searchQuerySchema } from "../../src/query/types.js";
import {
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from "../../src/testbed/callkit-sim/server.js";

export const SDK_APP_ID = 1_400_000_042;
const SECRET = "service-test-secret-key-0123456789abcdef";

export async function simulator(options: Partial<SimulatorOptions> = {}): Promise<Simulator> {
  return startSimulator({ sdkAppId: SDK_APP_ID, secretKey: SECRET, ...options });
}

/** The real client against the simulator, typed as the service's source (it must satisfy it). */
export function source(sim: Simulator): RecordSource & CallKitClient {
  const client = new CallKitClient({
    sdkAppId: SDK_APP_ID,
    secretKey: SECRET,
    adminUser: "administrator",
    apiUrl: sim.url,
    rateLimit: 200,
    callIdRateLimit: 20,
    timeoutMs: 3500,
    retries: 1,
  });
  const asSource: RecordSource = client;
  return Object.assign(asSource, client) as RecordSource & CallKitClient;
}

export function query(
  fields: Partial<SearchQuery> & { window: SearchQuery["window"] },
): SearchQuery {
  return searchQuerySchema.parse({ kind: "search", lang: "en", ...fields });
}

/** Newest first by start, then callId descending: the order the service promises. */
export function newestFirst(records: CallRecord[]): CallRecord[] {
  return [...records].sort((a, b) =>
    a.startCallTs !== b.startCallTs
      ? b.startCallTs - a.startCallTs
      : a.callId < b.callId
        ? 1
        : a.callId > b.callId
          ? -1
          : 0,
  );
}

export function countBy(records: CallRecord[], key: (r: CallRecord) => string) {
  const counts: Record<string, number> = {};
  for (const r of records) counts[key(r)] = (counts[key(r)] ?? 0) + 1;
  return counts;
}
