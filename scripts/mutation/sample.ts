/** A mutant as the instrumenter lists it (Stryker's API shape: lines from 0, columns from 0). */
export interface ListedMutant {
  readonly id: string;
  readonly fileName: string;
  readonly mutatorName: string;
  readonly replacement: string;
  readonly location: { readonly start: Position; readonly end: Position };
}
interface Position {
  readonly line: number;
  readonly column: number;
}

/** mulberry32: a small seeded generator, the same numbers on every machine and Node version. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `n` of `mutants`, drawn uniformly without replacement by `seed` (a partial Fisher–Yates
 * shuffle), returned in the list's order. The same list, n and seed give the same sample; all of
 * them when n is undefined or not below the list's length.
 */
export function sample<T>(mutants: readonly T[], n: number | undefined, seed: number): T[] {
  if (n === undefined || n >= mutants.length) return [...mutants];
  const next = random(seed);
  const order = mutants.map((_, i) => i);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(next() * (order.length - i));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order
    .slice(0, n)
    .sort((a, b) => a - b)
    .map((i) => mutants[i]!);
}
