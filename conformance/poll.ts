/**
 * Reads until `done` holds or `timeoutMs` has passed, pausing `intervalMs` between reads: every
 * wait of the suite on a target's asynchronous work is bounded by this one loop. Returns the last
 * value read, and whether it was done.
 */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T, elapsedMs: number) => boolean,
  { timeoutMs, intervalMs = 25 }: { readonly timeoutMs: number; readonly intervalMs?: number },
): Promise<{ readonly value: T; readonly done: boolean }> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    const elapsed = Date.now() - started;
    if (done(value, elapsed)) return { value, done: true };
    if (elapsed > timeoutMs) return { value, done: false };
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
