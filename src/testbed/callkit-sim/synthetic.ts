import { type CallRecord, KNOWN_CALL_RESULTS } from "../../callkit/schemas.js";
import type { Columns } from "./columnar.js";
import { hash32, mulberry32, permute32, unpermute32 } from "./prng.js";
import { rhythmWeights } from "./rhythm.js";

/**
 * A seeded, realistic day (or week) of TUICallKit calls, compact enough for a million calls a
 * day: only start time, result, type and media are stored (7 bytes a call); everything else
 * (callId, users, room, answer and end times) is derived from the record's position and the seed
 * whenever it is read, so it is the same on every read.
 *
 * Choices the contract leaves open, made here once:
 * - unanswered calls (cancel, reject, not_answer, call_busy, interrupt before answer) have
 *   acceptTs 0;
 * - `offline` records copy the vendor's own sample: acceptTs == startCallTs, totalUserNumber 0,
 *   and sometimes an endTs hours later;
 * - every other record has totalUserNumber = 1 + callees.length;
 * - calls near the end of the window may end after it (a call in progress when "now" is).
 * One seeded 40-minute incident (interrupts and offline spike) sits in the second half of the
 * window, so digests and "why did calls fail" questions have something to find.
 */

export interface SyntheticOptions {
  sdkAppId: number;
  seed: number;
  endMs: number;
  days: number;
  callsPerDay: number;
}

const RESULTS: readonly string[] = KNOWN_CALL_RESULTS;
const code = (name: string) => RESULTS.indexOf(name);
const CANCEL = code("cancel");
const REJECT = code("reject");
const NOT_ANSWER = code("not_answer");
const NORMAL_END = code("normal_end");
const CALL_BUSY = code("call_busy");
const INTERRUPT = code("interrupt");
const OFFLINE = code("offline");
const TYPES = ["single", "group"] as const;
const SINGLE = 0;
const GROUP = 1;
const MEDIA = ["audio", "video"] as const;

/** Cumulative shares of single-call results: a normal hour, and the incident. */
const SINGLE_MIX: ReadonlyArray<readonly [number, number]> = [
  [0.7, NORMAL_END],
  [0.8, CANCEL],
  [0.87, NOT_ANSWER],
  [0.93, REJECT],
  [0.96, CALL_BUSY],
  [0.985, INTERRUPT],
  [1, OFFLINE],
];
const INCIDENT_MIX: ReadonlyArray<readonly [number, number]> = [
  [0.45, NORMAL_END],
  [0.53, CANCEL],
  [0.6, NOT_ANSWER],
  [0.64, REJECT],
  [0.66, CALL_BUSY],
  [0.92, INTERRUPT],
  [1, OFFLINE],
];
const GROUP_SHARE = 0.15;
const INCIDENT_SECONDS = 40 * 60;

const NAMES = ["chen", "li", "wang", "zhang", "mei", "alice", "bob", "yuki", "sara", "tom", "ravi"];

function pick(mix: ReadonlyArray<readonly [number, number]>, r: number): number {
  for (const [upTo, result] of mix) if (r < upTo) return result;
  return NORMAL_END;
}

function validate(o: SyntheticOptions): void {
  const problems: string[] = [];
  if (!Number.isInteger(o.seed)) problems.push("seed must be an integer");
  if (!Number.isFinite(o.endMs)) problems.push("endMs must be a finite epoch ms");
  if (!(o.days >= 0 && o.days <= 366)) problems.push("days must be between 0 and 366");
  if (!(o.callsPerDay >= 0 && o.callsPerDay <= 5_000_000)) {
    problems.push("callsPerDay must be between 0 and 5,000,000");
  }
  if (problems.length > 0) throw new RangeError(`bad dataset options: ${problems.join("; ")}`);
}

export function syntheticColumns(o: SyntheticOptions): Columns {
  validate(o);
  const endSec = Math.floor(o.endMs / 1000);
  const spanSec = Math.round(o.days * 86_400);
  const firstSec = endSec - spanSec;
  const weights = rhythmWeights(firstSec, endSec, o.seed);
  const size = weights.total > 0 ? Math.round(o.callsPerDay * o.days) : 0;

  const start = new Uint32Array(size);
  const result = new Uint8Array(size);
  const type = new Uint8Array(size);
  const media = new Uint8Array(size);

  // Sorted arrival times without sorting: cumulative sums of exponential gaps, scaled so the
  // (size+1)-th lands on the end, are sorted uniforms; the rhythm's inverse CDF maps them to
  // times. Two passes over the same PRNG stream: the first only learns the scale.
  const arrivalSeed = hash32(o.seed, 0xa11ce);
  let rng = mulberry32(arrivalSeed);
  let scale = 0;
  for (let i = 0; i <= size; i++) scale -= Math.log(1 - rng());
  rng = mulberry32(arrivalSeed);
  const mixRng = mulberry32(hash32(o.seed, 0xb0b));
  const incidentStart = firstSec + Math.floor(spanSec * (0.55 + 0.3 * mulberry32(o.seed)()));
  const { cumulative, bucketStart, bucketWidth } = weights;
  let bucket = 0;
  let sum = 0;
  for (let i = 0; i < size; i++) {
    sum -= Math.log(1 - rng());
    const target = (sum / scale) * weights.total;
    while (bucket < bucketStart.length - 1 && (cumulative[bucket + 1] as number) <= target)
      bucket++;
    const low = cumulative[bucket] as number;
    const high = cumulative[bucket + 1] as number;
    const t =
      (bucketStart[bucket] as number) +
      ((bucketWidth[bucket] as number) * (target - low)) / (high - low || 1);
    const second = Math.min(endSec - 1, Math.max(firstSec, Math.floor(t)));
    // Float error must never break the order.
    start[i] = i > 0 && second < (start[i - 1] as number) ? (start[i - 1] as number) : second;

    const isGroup = mixRng() < GROUP_SHARE;
    type[i] = isGroup ? GROUP : SINGLE;
    const inIncident = second >= incidentStart && second < incidentStart + INCIDENT_SECONDS;
    const r = mixRng();
    result[i] = isGroup ? NORMAL_END : pick(inIncident ? INCIDENT_MIX : SINGLE_MIX, r);
    media[i] = mixRng() < (isGroup ? 0.7 : 0.5) ? 1 : 0;
  }

  const users = Math.min(500_000, Math.max(30, Math.round(o.callsPerDay * 0.4)));
  const groupRooms = Math.max(8, Math.floor(users / 25));
  const recordKey = hash32(o.seed, 0x5eed);
  const idKey = hash32(o.seed, 0x1d);
  const userKey = hash32(o.seed, 0x05e2);
  const roomKey = hash32(o.seed, 0x200);

  const userId = (u: number): string => {
    const h = hash32(userKey, u);
    const style = h % 100;
    if (style < 55) {
      const digits = 5 + ((h >>> 8) % 4);
      const low = 10 ** (digits - 1);
      return String(low + (hash32(h, 1) % (9 * low)));
    }
    if (style < 85) return `user_${hash32(h, 2).toString(36).padStart(6, "0").slice(-6)}`;
    return `${NAMES[(h >>> 8) % NAMES.length]}_${hash32(h, 3) % 1000}`;
  };
  // Popular users call (and are called) far more often than the rest.
  const pickUser = (r: () => number) => Math.floor(users * r() ** 2.2);

  const uuid = (position: number, r: () => number): string => {
    const head = permute32((position ^ idKey) >>> 0);
    const a = Math.floor(r() * 4294967296);
    const b = Math.floor(r() * 4294967296);
    const c = Math.floor(r() * 4294967296);
    const hex = (n: number, len: number) => n.toString(16).padStart(len, "0");
    return [
      hex(head, 8),
      hex(a >>> 16, 4),
      `4${hex(a & 0xfff, 3)}`,
      `${hex(8 | (b >>> 30), 1)}${hex((b >>> 16) & 0xfff, 3)}`,
      `${hex(b & 0xffff, 4)}${hex(c >>> 0, 8)}`,
    ].join("-");
  };

  const lognormal = (r: () => number, median: number, sigma: number) => {
    const z = Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
    return median * Math.exp(sigma * z);
  };
  const clamp = (x: number, lo: number, hi: number) => Math.round(Math.min(hi, Math.max(lo, x)));

  const record = (position: number): CallRecord => {
    const r = mulberry32(hash32(recordKey, position));
    const callId = uuid(position, r);
    const startCallTs = start[position] as number;
    const resultCode = result[position] as number;
    const isGroup = type[position] === GROUP;
    const callerIndex = pickUser(r);
    const callees: string[] = [];
    const taken = new Set([callerIndex]);
    const wanted = isGroup ? 2 + Math.floor(r() ** 2 * 7) : 1;
    for (let attempt = 0; callees.length < wanted && attempt < 50; attempt++) {
      const u = pickUser(r);
      if (taken.has(u)) continue;
      taken.add(u);
      callees.push(userId(u));
    }
    const roomId = isGroup
      ? String(10_000_000 + (hash32(roomKey, Math.floor(groupRooms * r() ** 1.5)) % 90_000_000))
      : String(100_000 + Math.floor(r() * 899_900_000));

    let acceptTs = 0;
    let endTs = startCallTs;
    let totalUserNumber = 1 + callees.length;
    const ring = 2 + Math.floor(r() ** 2 * 25);
    switch (resultCode) {
      case NORMAL_END:
        acceptTs = startCallTs + (isGroup ? Math.min(ring, 15) : ring);
        endTs =
          acceptTs +
          (isGroup
            ? clamp(lognormal(r, 600, 0.8), 30, 10_800)
            : clamp(lognormal(r, 150, 1), 5, 7_200));
        break;
      case CANCEL:
        endTs = startCallTs + 1 + Math.floor(r() * 28);
        break;
      case REJECT:
        endTs = startCallTs + 2 + Math.floor(r() * 15);
        break;
      case NOT_ANSWER:
        endTs = startCallTs + 30 + Math.floor(r() * 2);
        break;
      case CALL_BUSY:
        endTs = startCallTs + Math.floor(r() * 2);
        break;
      case INTERRUPT:
        if (r() < 0.6) {
          acceptTs = startCallTs + ring;
          endTs = acceptTs + clamp(-90 * Math.log(1 - r()), 1, 3_600);
        } else {
          endTs = startCallTs + 1 + Math.floor(r() * 20);
        }
        break;
      case OFFLINE:
        acceptTs = startCallTs;
        totalUserNumber = 0;
        endTs =
          startCallTs + (r() < 0.8 ? 30 + Math.floor(r() * 30) : 3_600 + Math.floor(r() * 39_600));
        break;
    }
    return {
      callId,
      sdkAppId: o.sdkAppId,
      mediaType: MEDIA[media[position] as number] as string,
      roomId,
      startCallTs,
      acceptTs,
      endTs,
      caller: userId(callerIndex),
      totalUserNumber,
      callType: TYPES[type[position] as number] as string,
      callResult: RESULTS[resultCode] as string,
      callees,
    };
  };

  const position = (callId: string): number => {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(callId))
      return -1;
    const p = (unpermute32(Number.parseInt(callId.slice(0, 8), 16)) ^ idKey) >>> 0;
    return p < size && record(p).callId === callId ? p : -1;
  };

  return { size, start, result, resultNames: RESULTS, type, typeNames: TYPES, record, position };
}
