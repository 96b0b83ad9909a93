import { describe, expect, it } from 'vitest';
import { Mismatch } from '../mismatch.ts';
import { UNSENT_INPUTS } from '../mutants/unsentInputs.ts';
import { started } from '../testing/started.ts';
import { NotAList } from './addressList.ts';
import { SetExternalAddresses } from './setExternalAddresses.ts';

const scalarAsList = UNSENT_INPUTS.find((m) => m.name === 'external-addr-scalar-as-list')!;

describe('a list of addresses sent as another JSON type (NODE-ADDR-004)', () => {
  it('is sent as it is, refused as a whole, and changes nothing', async () => {
    const { target, model } = await started();
    try {
      const before = model.state;
      for (const value of ['203.0.113.1', 3, { addr: '203.0.113.1' }]) {
        const step = new SetExternalAddresses(0, new NotAList(value));
        await step.run(model, target);
        expect(String(step)).toContain(JSON.stringify(value));
      }
      expect(model.trace.slice(-3).map((t) => t.actual)).toEqual(Array(3).fill('400 invalid_parameter'));
      expect(model.state).toBe(before);
    } finally {
      await target.close();
    }
  });

  it('catches a target that reads one address as the list of it', async () => {
    const { target, model } = await started({ mutant: scalarAsList });
    try {
      const failure = await new SetExternalAddresses(1, new NotAList('203.0.113.1')).run(model, target).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(Mismatch);
      expect((failure as Mismatch).reqs).toContain('NODE-ADDR-004');
    } finally {
      await target.close();
    }
  });
});
