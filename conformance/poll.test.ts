import { afterEach, describe, expect, it, vi } from 'vitest';
import { pauseAfter, pollUntil } from './poll.ts';

afterEach(() => vi.restoreAllMocks());

/** The pauses `pollUntil` asks of the timer while it runs. */
function recordPauses(): number[] {
  const pauses: number[] = [];
  const real = globalThis.setTimeout;
  vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
    pauses.push(ms ?? 0);
    return real(fn, 0);
  }) as typeof setTimeout);
  return pauses;
}

describe('pauseAfter', () => {
  it('starts at a millisecond and doubles up to its bound, then stays there', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => pauseAfter(n))).toEqual([1, 2, 4, 8, 16, 25, 25, 25]);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => pauseAfter(n, 1, 100))).toEqual([1, 2, 4, 8, 16, 32, 64, 100]);
  });
});

describe('pollUntil', () => {
  it('returns the first value that is done, having read no more than needed', async () => {
    let n = 0;
    const r = await pollUntil(async () => ++n, (v) => v === 3, { timeoutMs: 5_000 });
    expect(r).toEqual({ value: 3, done: true });
    expect(n).toBe(3);
  });

  it('pauses a millisecond before the second read, then backs off to its bound', async () => {
    const pauses = recordPauses();
    let n = 0;
    await pollUntil(async () => ++n, (v) => v === 9, { timeoutMs: 60_000, maxIntervalMs: 10 });
    expect(pauses).toEqual([1, 2, 4, 8, 10, 10, 10, 10]);
  });

  it('gives up after its timeout with the last value read, never waiting on for ever', async () => {
    let n = 0;
    const r = await pollUntil(async () => ++n, () => false, { timeoutMs: 30 });
    expect(r.done).toBe(false);
    expect(r.value).toBe(n);
    expect(n).toBeGreaterThan(1);
  });

  it('never pauses past its timeout by more than a millisecond', async () => {
    const pauses = recordPauses();
    const clock = vi.spyOn(Date, 'now');
    let now = 0;
    clock.mockImplementation(() => now);
    let n = 0;
    // Each read takes 6 ms of the (fake) clock: after the third the timeout of 20 ms is 2 ms away.
    await pollUntil(async () => { now += 6; return ++n; }, () => false, { timeoutMs: 20, maxIntervalMs: 100 });
    expect(pauses).toEqual([1, 2, 3]);
  });
});
