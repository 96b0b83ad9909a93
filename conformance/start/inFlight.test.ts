import { describe, expect, it } from 'vitest';
import { MUTANTS } from '../mutants/catalogue.ts';
import { runSuite } from '../suite.ts';
import { inProcessTarget } from '../target/inProcess.ts';
import { InFlight, SequenceEnded } from './inFlight.ts';
import { overlapsAtResets, slowTarget } from './slowTarget.ts';

describe('requests in flight', () => {
  it('a new sequence waits for the last one to settle, and refuses what the ended one still sends', async () => {
    let release!: () => void;
    const target = { description: 't', api: () => new Promise<any>((r) => (release = () => r({ status: 200, body: {} }))), close: async () => undefined };
    const fence = new InFlight(target);
    const first = await fence.next();
    const pending = first.api('GET', '/v1/nodes');
    expect(fence.count).toBe(1);
    let started = false;
    const second = fence.next().then((t) => ((started = true), t));
    await new Promise((r) => setTimeout(r, 20));
    expect(started).toBe(false);
    release();
    await pending;
    await second;
    expect(started).toBe(true);
    await expect(first.api('GET', '/v1/nodes')).rejects.toBeInstanceOf(SequenceEnded);
  });
});

// A reset that takes a second, answers that come late by a random few milliseconds, and a time
// budget that ends while a sequence runs: the next sequence still starts only after the last
// answer of the one before.
describe('a slow target', () => {
  it('never has a request of the next sequence before the last answer of the one before, over 20 seeds', { timeout: 600_000 }, async () => {
    const inner = inProcessTarget();
    try {
      for (let seed = 1; seed <= 20; seed++) {
        const target = slowTarget(inner, { seed });
        // Every other seed ends its time budget in the middle of a sequence.
        await runSuite(target, { areas: ['databases'], seed, runs: 2, maxCommands: 6, ...(seed % 2 ? { timeBudgetMs: 1_500 } : {}) });
        expect(target.timeline.filter((t) => t.what === 'control POST /reset').length, `seed ${seed}`).toBeGreaterThan(0);
        expect(overlapsAtResets(target.timeline), `seed ${seed}`).toEqual([]);
        expect(target.timeline.every((t) => t.end !== undefined), `seed ${seed}: a request never settled`).toBe(true);
      }
    } finally {
      await inner.close();
    }
  });

  it('gives a complete counterexample, which fails again when replayed', { timeout: 600_000 }, async () => {
    const mutant = MUTANTS.find((m) => m.name === 'policy-rewrites-existing-databases')!;
    const inner = inProcessTarget({ mutant });
    try {
      const target = slowTarget(inner, { seed: 7 });
      const r = await runSuite(target, { areas: ['databases'], seed: 7, runs: 40, maxCommands: 8 });
      expect(r.outcome).toBe('failed');
      expect(overlapsAtResets(target.timeline)).toEqual([]);
      const failure = r.failure!;
      // The step that broke it is the counterexample's last, and the requests end with it.
      expect(failure.error).toContain(failure.counterexample.at(-1)!);
      expect(failure.requests.filter((q) => q.expected !== undefined && q.via !== 'control').map((q) => q.step).slice(0, failure.counterexample.length)).toEqual(failure.counterexample);
      const again = await runSuite(slowTarget(inner, { seed: 8 }), { areas: ['databases'], seed: 7, maxCommands: 8, path: failure.path, replayPath: failure.replayPath });
      expect(again.outcome).toBe('failed');
      expect(again.failure!.counterexample).toEqual(failure.counterexample);
      expect(again.failure!.reqs).toEqual(failure.reqs);
    } finally {
      await inner.close();
    }
  });
});
