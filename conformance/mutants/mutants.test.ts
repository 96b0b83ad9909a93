import { describe, expect, it } from 'vitest';
import { runSuite } from '../suite.ts';
import { inProcessTarget } from '../target/inProcess.ts';
import { MUTANTS } from './catalogue.ts';

// The suite's strength: every deliberately broken variant of the mock is caught, with the
// default budget, and shrunk to a short sequence that names the broken requirement.
describe('the broken variants of the mock', () => {
  it.each(MUTANTS.map((m) => [m.name, m] as const))('catches the mutant %s with the default budget', async (_name, mutant) => {
    const target = inProcessTarget({ mutant });
    try {
      const r = await runSuite(target, { seed: 42, failFast: true });
      expect(r.outcome).toBe('failed');
      expect(r.failure!.reqs).toContain(mutant.breaks);
      // Shrunk: a short sequence, not the whole run.
      expect(r.failure!.counterexample.length).toBeLessThanOrEqual(6);
    } finally {
      await target.close();
    }
  });

});
