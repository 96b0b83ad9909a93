import { describe, expect, it } from 'vitest';
import { Mismatch } from '../mismatch.ts';
import { UNSENT_INPUTS } from '../mutants/unsentInputs.ts';
import { inProcessTarget } from '../target/inProcess.ts';
import { planeRotation } from './planeRotation.ts';

describe('the plane-rotation check', () => {
  it('passes the mock, and catches a target that rotates both planes when one is named', async () => {
    const good = inProcessTarget();
    const bad = inProcessTarget({ mutant: UNSENT_INPUTS.find((m) => m.name === 'rotate-body-ignored')! });
    try {
      await planeRotation.run(good);
      const failure = await planeRotation.run(bad).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(Mismatch);
      expect((failure as Mismatch).reqs).toContain('CERT-ROT-003');
    } finally {
      await Promise.all([good.close(), bad.close()]);
    }
  });
});
