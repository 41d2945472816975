/**
 * What the simulator saw: how many requests each endpoint got, how many it turned away for rate,
 * and when it accepted each one, so tests and benchmarks can measure a client's real rate.
 */

/** v1's two endpoints, then v4's: each has its own limit, counts and faults. */
export type Endpoint = "filter" | "callId" | "v4-filter" | "v4-callId";

export interface SimStats {
  requests(endpoint?: Endpoint): number;
  rejectedForRate(endpoint?: Endpoint): number; // 70005 answers
  /** Most requests accepted in any sliding window of `windowMs` (default 1000). */
  maxInWindow(endpoint: Endpoint, windowMs?: number): number;
  /** Times (ms, performance.now-based) of accepted requests, for rate measurement. */
  times(endpoint: Endpoint): readonly number[];
  reset(): void;
}

/** The simulator's side: it records, everyone else reads. */
export interface StatsRecorder extends SimStats {
  arrived(endpoint: Endpoint): void;
  accepted(endpoint: Endpoint, atMs: number): void;
  rejected(endpoint: Endpoint): void;
}

const ENDPOINTS: readonly Endpoint[] = ["filter", "callId", "v4-filter", "v4-callId"];
const zeros = (): Record<Endpoint, number> => ({
  filter: 0,
  callId: 0,
  "v4-filter": 0,
  "v4-callId": 0,
});
const lists = (): Record<Endpoint, number[]> => ({
  filter: [],
  callId: [],
  "v4-filter": [],
  "v4-callId": [],
});

export function createStats(): StatsRecorder {
  let arrivals = zeros();
  let rejections = zeros();
  let accepts = lists();
  const sum = (counts: Record<Endpoint, number>, endpoint?: Endpoint) =>
    endpoint ? counts[endpoint] : ENDPOINTS.reduce((total, e) => total + counts[e], 0);
  return {
    arrived: (endpoint) => {
      arrivals[endpoint]++;
    },
    accepted: (endpoint, atMs) => {
      accepts[endpoint].push(atMs);
    },
    rejected: (endpoint) => {
      rejections[endpoint]++;
    },
    requests: (endpoint) => sum(arrivals, endpoint),
    rejectedForRate: (endpoint) => sum(rejections, endpoint),
    maxInWindow: (endpoint, windowMs = 1000) => maxInWindow(accepts[endpoint], windowMs),
    times: (endpoint) => accepts[endpoint],
    reset: () => {
      arrivals = zeros();
      rejections = zeros();
      accepts = lists();
    },
  };
}

/** Largest number of times t[i..j] with t[j] - t[i] < windowMs (times ascending). */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  let best = 0;
  let from = 0;
  for (let to = 0; to < times.length; to++) {
    while ((times[to] as number) - (times[from] as number) >= windowMs) from++;
    best = Math.max(best, to - from + 1);
  }
  return best;
}
