/**
 * Small deterministic number tools for the simulated data set: the same seed gives the same
 * records on every machine and every Node version (integer maths only, no Math.random).
 */

/** mulberry32: a tiny, fast 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes two integers into a well-spread 32-bit value (for per-record seeds). */
export function hash32(a: number, b: number): number {
  let h = (a ^ Math.imul(b >>> 0, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const MUL_A = 0x7feb352d;
const MUL_B = 0x846ca68b;

/** Inverse of an odd multiplier modulo 2^32 (Newton's iteration). */
function inverseOdd(a: number): number {
  let inv = a;
  for (let i = 0; i < 5; i++) inv = Math.imul(inv, 2 - Math.imul(a, inv));
  return inv >>> 0;
}
const INV_A = inverseOdd(MUL_A);
const INV_B = inverseOdd(MUL_B);

function unXorShift(y: number, shift: number): number {
  let x = y >>> 0;
  for (let s = shift; s < 32; s += shift) x = (y ^ (x >>> shift)) >>> 0;
  return x;
}

/**
 * A bijection on 32-bit integers that looks random: lets a record's index hide in its callId
 * (so callIds are unique by construction) and come back out with `unpermute32` (so a lookup by
 * callId is O(1) without a map of millions of strings).
 */
export function permute32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, MUL_A) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, MUL_B) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

export function unpermute32(y: number): number {
  let h = unXorShift(y >>> 0, 16);
  h = Math.imul(h, INV_B) >>> 0;
  h = unXorShift(h, 15);
  h = Math.imul(h, INV_A) >>> 0;
  h = unXorShift(h, 16);
  return h >>> 0;
}
