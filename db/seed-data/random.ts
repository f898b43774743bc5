// Deterministic pseudo-random numbers (mulberry32) and the few draws the generators need.

/** mulberry32: 32-bit state, fast, good enough for test data; the same seed always gives the same sequence. */
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

export type Random = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  /** Index drawn in proportion to the weights. */
  weightedIndex(weights: readonly number[]): number;
};

export function createRandom(seed: number): Random {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => items[int(0, items.length - 1)],
    chance: (probability) => next() < probability,
    weightedIndex(weights) {
      const total = weights.reduce((sum, w) => sum + w, 0);
      let target = next() * total;
      for (let i = 0; i < weights.length; i++) {
        target -= weights[i];
        if (target < 0) return i;
      }
      return weights.length - 1;
    },
  };
}

/** Derives an independent seed for a named sub-stream, so adding draws in one generator never shifts another. */
export function deriveSeed(seed: number, label: string): number {
  let hash = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < label.length; i++) {
    hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193) >>> 0;
  }
  return hash;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * A bijection of [0, size) drawn from the seed: position → value without storing anything, so millions of
 * unique fiches or name combinations can be streamed. Not cryptographic; it only needs to look shuffled.
 */
export function affinePermutation(size: number, seed: number): (position: number) => number {
  const random = createRandom(seed);
  let multiplier = Math.max(2, Math.floor(size * (0.381 + random.next() * 0.2))) | 1;
  while (gcd(multiplier, size) !== 1) multiplier += 1;
  const offset = random.int(0, size - 1);
  if (size < 94_000_000) return (position) => (multiplier * position + offset) % size;
  // Past that, multiplier × position can exceed 2^53: BigInt keeps it exact.
  const m = BigInt(multiplier);
  const s = BigInt(size);
  const o = BigInt(offset);
  return (position) => Number((m * BigInt(position) + o) % s);
}
