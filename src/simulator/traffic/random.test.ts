import { describe, expect, it } from "vitest";
import { createRandom } from "./random.ts";

const draw = (seed: number, count: number): number[] => {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => random.next());
};

describe("createRandom", () => {
  it("repeats the same sequence for the same seed and differs for another", () => {
    expect(draw(42, 20)).toEqual(draw(42, 20));
    expect(draw(42, 20)).not.toEqual(draw(43, 20));
    expect(draw(42, 1000).every((value) => value >= 0 && value < 1)).toBe(true);
  });

  it("int stays within both inclusive bounds and reaches each of them", () => {
    const random = createRandom(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(random.int(3, 6));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
    expect(() => random.int(5, 4)).toThrow(RangeError);
  });

  it("weighted follows the weights and never picks a zero weight", () => {
    const random = createRandom(11);
    const counts = { a: 0, b: 0, never: 0 };
    for (let i = 0; i < 10_000; i++)
      counts[
        random.weighted([
          ["a", 3],
          ["b", 1],
          ["never", 0],
        ] as const)
      ]++;
    expect(counts.never).toBe(0);
    expect(counts.a / counts.b).toBeGreaterThan(2.6);
    expect(counts.a / counts.b).toBeLessThan(3.4);
    expect(() => random.weighted([["x", 0]])).toThrow(RangeError);
  });

  it("exponential has the requested mean and pick rejects an empty list", () => {
    const random = createRandom(5);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) sum += random.exponential(10);
    expect(sum / 20_000).toBeGreaterThan(9.5);
    expect(sum / 20_000).toBeLessThan(10.5);
    expect(() => random.pick([])).toThrow(RangeError);
  });
});
