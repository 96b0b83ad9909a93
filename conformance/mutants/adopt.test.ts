import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSuite } from '../suite.ts';
import { inProcessTarget } from '../target/inProcess.ts';
import { MUTANTS } from './catalogue.ts';

// Seen is enough here: how a failure is shrunk and named is mutants.test.ts's part, and
// shrinking is most of the time a caught mutant costs.
fc.configureGlobal({ endOnFailure: true });

describe('the broken variants of the mock, on a cluster without the control protocol', () => {
  // A cluster without the control protocol: the suite adopts it, and still catches every mutant
  // that needs no control capability to be seen.
  const reachable = MUTANTS.filter((m) => !m.needs?.length && !m.listeners);
  it.each(reachable.map((m) => [m.name, m] as const))('catches the mutant %s in adopt mode (no control protocol)', async (_name, mutant) => {
    const { control: _none, ...bare } = inProcessTarget({ mutant });
    try {
      const r = await runSuite(bare, { seed: 42, failFast: true });
      expect(r.mode).toBe('adopt');
      expect(r.outcome).toBe('failed');
      expect(r.failure!.reqs).toContain(mutant.breaks);
      expect(r.adoption?.unrestored).toEqual([]);
    } finally {
      await bare.close();
    }
  });

  it('leaves out of adopt mode only mutants that need a capability (or listeners) to be seen', () => {
    expect(reachable.length).toBeGreaterThanOrEqual(9);
  });
});
