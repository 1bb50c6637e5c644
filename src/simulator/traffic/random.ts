/**
 * A small seeded PRNG so simulated traffic is reproducible: the same seed gives the same customers, texts and
 * timing, which lets tests assert exact sequences and lets a trainer replay a session.
 */
export interface Random {
  /** The seed this generator started from, so a run can be reproduced. */
  readonly seed: number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks a value with probability proportional to its weight; non-positive weights never win. */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T;
  /** An exponentially distributed wait with the given mean: the gap between events of a Poisson process. */
  exponential(mean: number): number;
}

/** A seed from the platform's randomness, for runs that need not be reproducible. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 32) >>> 0;
}

export function createRandom(seed: number): Random {
  const initial = seed >>> 0;
  let state = initial;

  // mulberry32: tiny, fast and statistically fine for simulation; not for anything security-related.
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  const int = (min: number, max: number): number => {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`int(${min}, ${max}): need integers with min <= max`);
    }
    return min + Math.floor(next() * (max - min + 1));
  };

  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError("pick() from an empty list");
    return items[Math.floor(next() * items.length)] as T;
  };

  const weighted = <T>(entries: ReadonlyArray<readonly [T, number]>): T => {
    let total = 0;
    for (const [, weight] of entries) if (weight > 0) total += weight;
    if (!(total > 0) || !Number.isFinite(total))
      throw new RangeError("weighted() needs a positive total weight");
    let roll = next() * total;
    let last: T | undefined;
    for (const [value, weight] of entries) {
      if (!(weight > 0)) continue;
      last = value;
      roll -= weight;
      if (roll < 0) return value;
    }
    // Floating-point rounding can leave a sliver past the last entry; it belongs to that entry.
    return last as T;
  };

  const exponential = (mean: number): number => {
    if (!(mean > 0)) throw new RangeError("exponential() needs a positive mean");
    // 1 - next() is in (0, 1], so the logarithm is finite.
    return -Math.log(1 - next()) * mean;
  };

  return {
    seed: initial,
    next,
    int,
    chance: (p) => next() < p,
    pick,
    weighted,
    exponential,
  };
}
