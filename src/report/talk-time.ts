/**
 * Talk-time percentiles in bounded memory. Talk times are whole seconds (the vendor's timestamps
 * are), so a histogram with 1 s buckets is exact: every call up to 4 hours lands in its own
 * second. From 4 h to 72 h buckets are 1 minute wide (a percentile there is reported as the
 * bucket's lower edge, off by < 60 s); beyond 72 h one bucket holds the rest and reports the
 * largest value seen. Memory is fixed (about 66 KB) whatever the number of calls.
 */

const FINE_LIMIT = 4 * 3600; // exclusive, seconds
const COARSE_WIDTH = 60;
const COARSE_LIMIT = 72 * 3600; // exclusive, seconds
const COARSE_BUCKETS = (COARSE_LIMIT - FINE_LIMIT) / COARSE_WIDTH;

export interface TalkTimeHistogram {
  add(seconds: number): void;
  readonly count: number;
  /** Nearest-rank percentile (p in (0, 1]): the smallest value with at least p of the values ≤ it. */
  percentile(p: number): number | undefined;
  /** Median: the middle value, or the mean of the two middle values for an even count. */
  median(): number | undefined;
}

export function createTalkTimeHistogram(): TalkTimeHistogram {
  const fine = new Uint32Array(FINE_LIMIT);
  const coarse = new Uint32Array(COARSE_BUCKETS);
  let overflowMax = 0;
  let count = 0;

  /** The value of rank `rank` (1-based) in ascending order. */
  const valueAtRank = (rank: number): number => {
    let seen = 0;
    for (let s = 0; s < FINE_LIMIT; s++) {
      seen += fine[s]!;
      if (seen >= rank) return s;
    }
    for (let b = 0; b < COARSE_BUCKETS; b++) {
      seen += coarse[b]!;
      if (seen >= rank) return FINE_LIMIT + b * COARSE_WIDTH;
    }
    return overflowMax;
  };

  return {
    add(seconds: number) {
      if (!Number.isFinite(seconds) || seconds < 0) return;
      const s = Math.floor(seconds);
      count++;
      if (s < FINE_LIMIT) fine[s]!++;
      else if (s < COARSE_LIMIT) coarse[Math.floor((s - FINE_LIMIT) / COARSE_WIDTH)]!++;
      else {
        overflowMax = Math.max(overflowMax, s);
      }
    },
    get count() {
      return count;
    },
    percentile(p: number) {
      if (count === 0) return undefined;
      const rank = Math.min(count, Math.max(1, Math.ceil(p * count)));
      return valueAtRank(rank);
    },
    median() {
      if (count === 0) return undefined;
      if (count % 2 === 1) return valueAtRank((count + 1) / 2);
      return (valueAtRank(count / 2) + valueAtRank(count / 2 + 1)) / 2;
    },
  };
}
