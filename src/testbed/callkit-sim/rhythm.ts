import { hash32 } from "./prng.js";

/**
 * How busy each minute is: a daily rhythm in UTC+8 (quiet at night, a late-morning peak and a
 * larger evening one), quieter weekends, and seeded noise per 10 minutes so no two days look
 * alike. Noise is keyed by absolute time, so overlapping windows agree.
 */

/** Relative call volume at each local hour (UTC+8), 0..23. */
const HOURLY = [
  0.25, 0.15, 0.08, 0.05, 0.05, 0.08, 0.2, 0.45, 0.75, 1.0, 1.25, 1.35, 1.1, 0.95, 1.0, 1.05, 1.0,
  0.95, 1.05, 1.3, 1.5, 1.45, 1.0, 0.55,
];
const UTC_OFFSET_SEC = 8 * 3600;
const BUCKET_SEC = 60;

export interface RhythmWeights {
  /** cumulative[i] = weight of all buckets before i; length buckets + 1. */
  cumulative: Float64Array;
  bucketStart: Float64Array;
  bucketWidth: Float64Array;
  total: number;
}

/** Relative volume at an epoch second, before noise. */
export function rhythmAt(epochSec: number): number {
  const local = epochSec + UTC_OFFSET_SEC;
  const hour = (((local % 86_400) + 86_400) % 86_400) / 3600;
  const h = Math.floor(hour);
  const next = (h + 1) % 24;
  const level =
    (HOURLY[h] as number) + ((HOURLY[next] as number) - (HOURLY[h] as number)) * (hour - h);
  // 1970-01-01 was a Thursday: day 0 → weekday 4 (0 = Sunday).
  const weekday = (Math.floor(local / 86_400) + 4) % 7;
  return level * (weekday === 0 || weekday === 6 ? 0.8 : 1);
}

export function rhythmWeights(firstSec: number, endSec: number, seed: number): RhythmWeights {
  const buckets = Math.max(0, Math.ceil((endSec - firstSec) / BUCKET_SEC));
  const cumulative = new Float64Array(buckets + 1);
  const bucketStart = new Float64Array(buckets);
  const bucketWidth = new Float64Array(buckets);
  const noiseKey = hash32(seed, 0x7e7e);
  let total = 0;
  for (let i = 0; i < buckets; i++) {
    const from = firstSec + i * BUCKET_SEC;
    const width = Math.min(BUCKET_SEC, endSec - from);
    const noise = 0.85 + 0.3 * (hash32(noiseKey, Math.floor(from / 600)) / 4294967296);
    bucketStart[i] = from;
    bucketWidth[i] = width;
    total += rhythmAt(from + width / 2) * noise * width;
    cumulative[i + 1] = total;
  }
  return { cumulative, bucketStart, bucketWidth, total };
}
