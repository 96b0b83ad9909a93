import { describe, expect, it } from 'vitest';
import { transitionReferences } from '../spec/trace.ts';
import { outOfReach } from './coverage.ts';
import { propertyReferences } from './requirements.ts';

describe('what the suite claims to check', () => {
  it('claims no requirement that only out-of-reach transitions model (the suite could never see it)', () => {
    const transitions = transitionReferences();
    // A claim by a command or a check; what every step's state read checks is not a transition's.
    // Checks are scenarios of their own (a second reset, real clients), not machine transitions.
    const claims = propertyReferences().filter((p) => p.property.startsWith('area '));
    const unreachable = [...new Set(claims.map((p) => p.id))].filter((id) => {
      const modelled = transitions.filter((t) => t.id === id);
      return modelled.length > 0 && modelled.every((t) => outOfReach(t.transition));
    });
    expect(unreachable).toEqual([]);
  });
});
