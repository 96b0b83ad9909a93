import { describe, expect, it } from 'vitest';
import { runSuite } from './suite.ts';
import { inProcessTarget } from './target/inProcess.ts';

// A mock that words every decided refusal otherwise (mock/api/dialect.ts): another vendor's
// reasonable choices. It conforms to what the vendor documents, and departs from the model.
describe('the profiles against a mock speaking another dialect', () => {
  const run = async (profile: 'documented' | 'model') => {
    const target = inProcessTarget({ dialect: 'alternate' });
    try {
      return await runSuite(target, { profile, seed: 7, runs: 10, maxCommands: 12 });
    } finally {
      await target.close();
    }
  };

  it('passes --profile documented: decided codes and statuses are compared by their class', async () => {
    const r = await run('documented');
    expect(r.failure?.error).toBeUndefined();
    expect(r).toMatchObject({ outcome: 'passed', profile: 'documented' });
    expect(r.relaxed!.length).toBeGreaterThan(0);
  });

  it('fails --profile model, on a refusal worded otherwise', async () => {
    const r = await run('model');
    expect(r.outcome).toBe('failed');
    expect(r.failure!.error).toMatch(/should be refused/);
    expect(r.relaxed).toEqual([]);
  });
});
