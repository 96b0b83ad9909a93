import fc from 'fast-check';
import { caseId, casesOf, type ControlOperation } from './controlCases.ts';
import { ControlRefusal } from './controlRefusal.ts';

/**
 * Malformed requests to some control operations: one operation's cases, one to three of them per
 * command, so a draw checks several faults of one request for one observation of the state.
 */
export function controlRefusals(operations: readonly ControlOperation[]): fc.Arbitrary<ControlRefusal> {
  const groups = operations.map((op) => casesOf([op]).map(caseId)).filter((g) => g.length > 0);
  return fc
    .constantFrom(...groups)
    .chain((names) => fc.shuffledSubarray(names, { minLength: 1, maxLength: Math.min(3, names.length) }))
    .map((names) => new ControlRefusal(names));
}
