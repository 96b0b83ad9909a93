import fc from 'fast-check';
import { caseId, casesOf, type ControlOperation } from './controlCases.ts';
import { ControlRefusal } from './controlRefusal.ts';

/**
 * Malformed requests to one of some control operations: every case of it, one observation of the
 * state after them all, so that a draw checks each field of the operation (a few drawn at a time
 * were too rare for any one fault to be met by a short run). A target that lacks the operation is
 * never sent them.
 */
export function controlRefusals(operations: readonly ControlOperation[]): fc.Arbitrary<ControlRefusal> {
  return fc.constantFrom(...operations).map((op) => new ControlRefusal(casesOf([op]).map(caseId)));
}
