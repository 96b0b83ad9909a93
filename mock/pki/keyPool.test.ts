import { spawnSync } from 'node:child_process';
import { webcrypto } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KeyPool } from './keyPool.ts';

type CryptoKeyPair = webcrypto.CryptoKeyPair;

/** A generator of numbered stand-ins for key pairs, each finished only when the test says so. */
function controlled() {
  const pending: { n: number; resolve: (k: CryptoKeyPair) => void; reject: (e: Error) => void }[] = [];
  let made = 0;
  const generate = () => new Promise<CryptoKeyPair>((resolve, reject) => pending.push({ n: ++made, resolve, reject }));
  const finish = async (count = pending.length) => {
    for (const p of pending.splice(0, count)) p.resolve({ n: p.n } as unknown as CryptoKeyPair);
    await new Promise((r) => setImmediate(r));
  };
  return { generate, finish, pending, started: () => made };
}

const spki = async (k: CryptoKeyPair) => Buffer.from(await webcrypto.subtle.exportKey('spki', k.publicKey)).toString('base64');

afterEach(() => vi.useRealTimers());

describe('KeyPool', () => {
  it('makes nothing before it is first asked', () => {
    const g = controlled();
    new KeyPool({ size: 4, generate: g.generate });
    expect(g.started()).toBe(0);
  });

  it('makes the pairs warmed for one at a time, hands them to the next takes, and does not go on to fill itself', async () => {
    const g = controlled();
    const pool = new KeyPool({ size: 8, generate: g.generate, background: 1, delayMs: 60_000 });
    pool.warm(2);
    expect(g.pending).toHaveLength(1);
    await g.finish();
    expect(pool.ready).toBe(1);
    expect(g.pending).toHaveLength(1); // the second, after the first
    await g.finish();
    expect(pool.ready).toBe(2);
    expect(g.started()).toBe(2); // not the pool's size
    expect(((await pool.take()) as any).n).toBe(1);
    expect(g.started()).toBe(2); // a warmed pair taken is not made again at once
    pool.warm(20);
    expect(g.started()).toBe(3); // never beyond the pool's size, one at a time
  });

  it('told to make nothing ahead, hands out what it holds, stops refilling, and makes a pair only for a take on an empty pool', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const g = controlled();
    const pool = new KeyPool({ size: 3, generate: g.generate, background: 8, delayMs: 100 });
    const full = pool.filled();
    await g.finish();
    await full;
    const first = pool.take(); // starts the refill's delay
    pool.noMoreAhead();
    vi.advanceTimersByTime(1_000);
    expect(((await first) as any).n).toBe(1);
    expect(g.pending).toHaveLength(0); // the refill the take asked for is called off
    expect(((await pool.take()) as any).n).toBe(2);
    expect(((await pool.take()) as any).n).toBe(3);
    expect(pool.ready).toBe(0);
    pool.warm(3);
    vi.advanceTimersByTime(1_000);
    expect(g.pending).toHaveLength(0); // nothing made ahead, not even warmed
    const onEmpty = pool.take();
    expect(g.pending).toHaveLength(1); // made for the take waiting, and only that
    await g.finish();
    expect(((await onEmpty) as any).n).toBe(4);
    vi.advanceTimersByTime(1_000);
    expect(g.started()).toBe(4);
    await pool.filled(); // as full as it will be: resolves at once
  });

  it('hands each pair out once and makes a new one for each taken a moment later, back up to its size', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const g = controlled();
    const pool = new KeyPool({ size: 3, generate: g.generate, background: 8, delayMs: 100 });
    const full = pool.filled();
    await g.finish();
    await full;
    expect(pool.ready).toBe(3);
    const taken = await Promise.all([pool.take(), pool.take()]);
    expect(taken.map((k: any) => k.n)).toEqual([1, 2]);
    expect(pool.ready).toBe(1);
    vi.advanceTimersByTime(99);
    expect(g.pending).toHaveLength(0); // the takes' certificates are signed first
    vi.advanceTimersByTime(1);
    expect(g.pending).toHaveLength(2); // then their replacements are made
    await g.finish();
    await pool.filled();
    expect(pool.ready).toBe(3);
    const next = await Promise.all([pool.take(), pool.take(), pool.take()]);
    expect(next.map((k: any) => k.n)).toEqual([3, 4, 5]); // never 1 or 2 again
  });

  it('refills a moment after a burst of takes began, not after its last take, and then until full', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const g = controlled();
    const pool = new KeyPool({ size: 4, generate: g.generate, background: 1, delayMs: 100 });
    const full = pool.filled();
    while (g.pending.length) await g.finish();
    await full;
    await pool.take();
    vi.advanceTimersByTime(60);
    await pool.take();
    expect(g.pending).toHaveLength(0);
    vi.advanceTimersByTime(40);
    expect(g.pending).toHaveLength(1); // one at a time in the background
    await pool.take(); // a take while refilling does not hold the refill back
    await g.finish();
    expect(g.pending).toHaveLength(1);
    while (g.pending.length) await g.finish();
    expect(pool.ready).toBe(4);
    expect(g.started()).toBe(4 + 3);
  });

  it('serves a take from an empty pool with the next pair made, not one more, and no more at once than its parallelism', async () => {
    const g = controlled();
    const pool = new KeyPool({ size: 2, generate: g.generate, parallel: 2, delayMs: 60_000 });
    const takes = [pool.take(), pool.take(), pool.take()];
    expect(g.pending).toHaveLength(2);
    await g.finish(1);
    expect(((await takes[0]) as any).n).toBe(1);
    expect(g.pending).toHaveLength(2); // the second take's and the third's
    await g.finish();
    expect(((await Promise.all(takes)) as any[]).map((k) => k.n)).toEqual([1, 2, 3]);
    expect(g.pending).toHaveLength(0); // the refill waits its delay
    const full = pool.filled();
    while (g.pending.length) await g.finish();
    await full;
    expect(pool.ready).toBe(2);
    expect(g.started()).toBe(5); // three taken, two kept: nothing made twice over
  });

  it('fails the take waiting on a generation that failed, and keeps serving after', async () => {
    const g = controlled();
    const pool = new KeyPool({ size: 1, generate: g.generate, parallel: 1 });
    const first = pool.take();
    g.pending.shift()!.reject(new Error('no entropy'));
    await expect(first).rejects.toThrow('no entropy');
    const second = pool.take();
    await g.finish();
    expect(((await second) as any).n).toBe(2);
  });

  it('gives real RSA-2048 pairs, every one a different key', async () => {
    const pool = new KeyPool({ size: 2 });
    const pairs = await Promise.all([1, 2, 3, 4].map(() => pool.take()));
    expect((pairs[0]!.publicKey.algorithm as webcrypto.RsaHashedKeyAlgorithm).modulusLength).toBe(2048);
    expect(new Set(await Promise.all(pairs.map(spki))).size).toBe(4);
    await pool.filled();
  });

  it('keeps no process alive once full: a process that filled one ends by itself', () => {
    const script = `
      import { KeyPool } from ${JSON.stringify(new URL('./keyPool.ts', import.meta.url).href)};
      const pool = new KeyPool({ size: 2 });
      await pool.take();
      await pool.filled();
      // What could keep the process alive, but for its own output pipe.
      console.log('full', pool.ready, JSON.stringify(process.getActiveResourcesInfo().filter((r) => r !== 'PipeWrap')));
    `;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(r.error).toBeUndefined(); // a timeout: something kept the process alive
    expect(r.stdout.trim()).toBe('full 2 []');
    expect(r.status).toBe(0);
  });
});
