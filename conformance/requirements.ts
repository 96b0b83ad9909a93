import fc from 'fast-check';
import { AREAS } from './arbitraries.ts';
import { CHECKS } from './checks/index.ts';
import type { PropertyReference } from '../spec/trace.ts';
import { OBSERVED_REQS } from './observe.ts';


/**
 * What checks each requirement in the conformance suite: an area's command, the state read after
 * every step, or a check. `spec/TRACE.md` lists them, and the trace fails for an API-observable
 * MUST that none checks and that has no written reason.
 */
export function propertyReferences(): PropertyReference[] {
  const out: PropertyReference[] = [];
  for (const area of AREAS) {
    for (const arbitrary of area.commands) {
      const command = fc.sample(arbitrary, { numRuns: 1, seed: 1 })[0]!;
      for (const id of command.reqs) out.push({ id, property: `area ${area.name}: ${command.constructor.name}` });
    }
  }
  for (const id of OBSERVED_REQS) out.push({ id, property: 'every step: the state read after it' });
  for (const check of CHECKS) for (const id of check.reqs) out.push({ id, property: `check ${check.name}` });
  return out;
}
