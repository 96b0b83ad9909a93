import { requirementsOf, type AnyTransition } from '../machines/introspect.ts';

/**
 * Which requirements a failure names: those of the prediction that failed first, never every
 * requirement of the command (a port collision would otherwise name ten). The command's own set
 * is the fallback only where the machines name nothing narrower.
 */

const actionTypes = (t: AnyTransition): string[] => (t.actions ?? []).map((a: unknown) => (typeof a === 'string' ? a : String((a as { type?: unknown })?.type)));

/** A refusal check's transition (machines/checks.ts): it rejects, and names what it enforces. */
export const isRefusal = (t: AnyTransition): boolean => actionTypes(t).includes('reject');

/** A transition that only hands the event to an entity's machine: the entity's own transition says what was decided. */
const isDelegation = (t: AnyTransition): boolean => actionTypes(t).some((a) => a.startsWith('delegateTo'));

const reqsOf = (ts: readonly AnyTransition[]): string[] => [...new Set(ts.flatMap((t) => requirementsOf(t)))];

/**
 * What a step's prediction rests on: for a refusal, the refusal check that decided it; for an
 * acceptance, the accepting transitions of the entities (the delegations to them only where
 * nothing else was taken).
 */
export function decidingRequirements(taken: readonly AnyTransition[], refused: boolean): string[] {
  if (refused) return reqsOf(taken.filter(isRefusal));
  const own = taken.filter((t) => !isRefusal(t) && !isDelegation(t));
  return reqsOf(own.length ? own : taken);
}

/** Every requirement a list of taken transitions names (what a step that answered as predicted exercised). */
export const takenRequirements = (taken: readonly AnyTransition[]): string[] => reqsOf(taken);

/**
 * A field's requirements, narrowed to those the step's transitions exercised where they meet:
 * a database's encryption read wrong after a policy change names ENC-DATA-005, not every rule of
 * that field.
 */
export function narrow(fieldReqs: readonly string[], focus: readonly string[]): string[] {
  const met = fieldReqs.filter((r) => focus.includes(r));
  return met.length ? met : [...fieldReqs];
}

/** The narrowest set known, else the fallback (the command's own requirements). */
export const orFallback = (reqs: readonly string[], fallback: readonly string[]): string[] => (reqs.length ? [...reqs] : [...fallback]);
