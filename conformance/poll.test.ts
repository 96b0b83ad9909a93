import { describe, expect, it } from 'vitest';
import { pollUntil } from './poll.ts';

describe('pollUntil', () => {
  it('returns the first value that is done, having read no more than needed', async () => {
    let n = 0;
    const r = await pollUntil(async () => ++n, (v) => v === 3, { timeoutMs: 5_000, intervalMs: 1 });
    expect(r).toEqual({ value: 3, done: true });
    expect(n).toBe(3);
  });

  it('gives up after its timeout with the last value read, never waiting on for ever', async () => {
    let n = 0;
    const r = await pollUntil(async () => ++n, () => false, { timeoutMs: 30, intervalMs: 5 });
    expect(r.done).toBe(false);
    expect(r.value).toBe(n);
    expect(n).toBeGreaterThan(1);
  });
});
