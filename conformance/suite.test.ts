import { describe, expect, it } from 'vitest';
import { MUTANTS } from './mutants/catalogue.ts';
import { runSuite } from './suite.ts';
import { inProcessTarget } from './target/inProcess.ts';

describe('the conformance suite', () => {
  it('passes the unbroken mock across 50 seeds', async () => {
    const target = inProcessTarget();
    try {
      for (let seed = 1; seed <= 50; seed++) {
        const r = await runSuite(target, { seed, runs: 2, maxCommands: 20 });
        expect(r.failure?.error, `seed ${seed}: ${r.failure?.counterexample.join(' → ')}`).toBeUndefined();
        expect(r.outcome).toBe('passed');
      }
    } finally {
      await target.close();
    }
  });

  it.each(MUTANTS.map((m) => [m.name, m] as const))('catches the mutant %s with the default budget', async (_name, mutant) => {
    const target = inProcessTarget({ mutant });
    try {
      const r = await runSuite(target, { seed: 42 });
      expect(r.outcome).toBe('failed');
      expect(r.failure!.reqs).toContain(mutant.breaks);
      // Shrunk: a short sequence, not the whole run.
      expect(r.failure!.counterexample.length).toBeLessThanOrEqual(6);
    } finally {
      await target.close();
    }
  });

  it('reports a target without the control protocol as not run, never as passed', async () => {
    const { control: _dropped, ...bare } = inProcessTarget();
    const r = await runSuite(bare);
    expect(r).toMatchObject({ outcome: 'not-run', runs: 0, notRun: expect.stringMatching(/needs the control protocol/) });
    await bare.close();
  });
});
