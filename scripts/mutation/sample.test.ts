import { describe, expect, it } from 'vitest';
import { random, sample } from './sample.ts';

const ids = Array.from({ length: 500 }, (_, i) => `${i}`);

describe('the sample of mutants', () => {
  it('has exactly n mutants, distinct, from the list, in its order', () => {
    for (const n of [1, 7, 60, 499]) {
      const s = sample(ids, n, 3);
      expect(s).toHaveLength(n);
      expect(new Set(s).size).toBe(n);
      expect(s.every((id) => ids.includes(id))).toBe(true);
      expect(s).toEqual([...s].sort((a, b) => Number(a) - Number(b)));
    }
  });

  it('is the same for the same seed and differs with the seed', () => {
    expect(sample(ids, 60, 42)).toEqual(sample(ids, 60, 42));
    expect(sample(ids, 60, 42)).not.toEqual(sample(ids, 60, 43));
  });

  it('is every mutant when n is not given or not smaller than the list', () => {
    expect(sample(ids, undefined, 1)).toEqual(ids);
    expect(sample(ids, 900, 1)).toEqual(ids);
  });

  it('draws evenly: over many seeds each mutant is picked about n/N of the time', () => {
    const hits = new Array(ids.length).fill(0);
    for (let seed = 0; seed < 400; seed++) for (const id of sample(ids, 50, seed)) hits[Number(id)]++;
    // Expected 40 picks each (400 × 50 / 500); far tails of the binomial mean a biased draw.
    expect(Math.min(...hits)).toBeGreaterThan(15);
    expect(Math.max(...hits)).toBeLessThan(70);
  });

  it('draws from a generator fixed by its seed', () => {
    const a = random(9);
    const b = random(9);
    const xs = Array.from({ length: 5 }, () => a());
    expect(xs).toEqual(Array.from({ length: 5 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
