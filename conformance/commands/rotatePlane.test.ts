import { describe, expect, it } from 'vitest';
import { Mismatch } from '../mismatch.ts';
import { UNSENT_INPUTS } from '../mutants/unsentInputs.ts';
import { started } from '../testing/started.ts';
import { RotatePlane } from './rotatePlane.ts';

const bodyIgnored = UNSENT_INPUTS.find((m) => m.name === 'rotate-body-ignored')!;
const serials = (s: { certificates: Record<string, { plane: string; serial: number }> }, plane: string) =>
  Object.values(s.certificates).filter((c) => c.plane === plane).map((c) => c.serial);

describe('rotating one plane (CERT-ROT-003)', () => {
  it("reissues only the named plane's certificates, both without a body, and refuses other names", async () => {
    const { target, model } = await started();
    try {
      const before = model.state;
      await new RotatePlane('data_internode_encryption', true).run(model, target);
      expect(serials(model.state, 'control')).toEqual(serials(before, 'control'));
      expect(serials(model.state, 'data')).not.toEqual(serials(before, 'data'));
      const one = model.state;
      await new RotatePlane(undefined, true).run(model, target);
      expect(serials(model.state, 'control')).not.toEqual(serials(one, 'control'));
      expect(serials(model.state, 'data')).not.toEqual(serials(one, 'data'));
      const both = model.state;
      await new RotatePlane('proxy').run(model, target);
      await new RotatePlane(7).run(model, target);
      expect(model.trace.slice(-2).map((t) => t.actual)).toEqual(['403 unsupported_rotation', '400 invalid_parameter']);
      expect(model.state).toBe(both);
    } finally {
      await target.close();
    }
  });

  it('catches a target that rotates both planes when one is named', async () => {
    const { target, model } = await started({ mutant: bodyIgnored });
    try {
      const failure = await new RotatePlane('ccs_internode_encryption', true).run(model, target).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(Mismatch);
      expect((failure as Mismatch).step).toContain('data_internode_encryption_cert');
      expect((failure as Mismatch).reqs).toContain('CERT-ROT-003');
    } finally {
      await target.close();
    }
  });
});
