/** How long to wait for the cluster's asynchronous work, and how often to look. */
export interface Waiting {
  readonly waitMs: number;
  readonly pollMs: number;
}

/**
 * Polls until `check` gives a result (anything but undefined), or gives up after `waitMs`: the
 * real rladmin waits for a removal or a database change to finish; a bounded wait means a stuck
 * cluster can never hang a script.
 */
export async function waitFor<T>(check: () => Promise<T | undefined>, o: Waiting): Promise<{ readonly finished: true; readonly value: T } | { readonly finished: false }> {
  const end = Date.now() + o.waitMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return { finished: true, value };
    if (Date.now() >= end) return { finished: false };
    await new Promise((r) => setTimeout(r, o.pollMs));
  }
}
