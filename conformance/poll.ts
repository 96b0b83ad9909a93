/** The first pause between reads, and the longest: a target that answers at once costs about a millisecond, a slow one no more reads than a fixed pause of `maxIntervalMs` would. */
const FIRST_MS = 1;
const MAX_MS = 25;

/** The pause before read `n + 1` (n ≥ 1): doubling from `firstMs`, never above `maxMs`. */
export function pauseAfter(n: number, firstMs = FIRST_MS, maxMs = MAX_MS): number {
  return Math.min(maxMs, firstMs * 2 ** Math.min(n - 1, 30));
}

/**
 * Reads until `done` holds or `timeoutMs` has passed: every wait of the suite on a target's
 * asynchronous work is bounded by this one loop. The pauses between reads start at about a
 * millisecond and double up to `maxIntervalMs`, so work that ends at once is seen at once and
 * long work is not read in a busy loop; no pause runs past the timeout by more than a millisecond.
 * Returns the last value read, and whether it was done.
 */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T, elapsedMs: number) => boolean,
  { timeoutMs, maxIntervalMs = MAX_MS }: { readonly timeoutMs: number; readonly maxIntervalMs?: number },
): Promise<{ readonly value: T; readonly done: boolean }> {
  const started = Date.now();
  for (let n = 1; ; n++) {
    const value = await read();
    const elapsed = Date.now() - started;
    if (done(value, elapsed)) return { value, done: true };
    if (elapsed > timeoutMs) return { value, done: false };
    const pause = Math.min(pauseAfter(n, FIRST_MS, maxIntervalMs), timeoutMs - elapsed + 1);
    await new Promise((r) => setTimeout(r, pause));
  }
}
