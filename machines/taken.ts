import type { AnyStateMachine, EventFromLogic, SnapshotFrom } from 'xstate';
import type { AnyTransition } from './introspect.ts';

type Recorder = (taken: readonly AnyTransition[]) => void;

/**
 * Which transition definitions a decision took, for coverage reports. Decisions are pure and
 * nested (the cluster machine asks the node, database and certificate machines from inside its
 * own transition), so their transitions cannot be handed back through return values without
 * threading them through every guard; instead a recorder listens for the span of one synchronous
 * call. Nothing is recorded, and nothing is computed, when no one listens.
 */
let recorder: Recorder | undefined;

export function recordTransitions<T>(fn: () => T): { readonly result: T; readonly taken: readonly AnyTransition[] } {
  const outer = recorder;
  const taken: AnyTransition[] = [];
  recorder = (ts) => {
    taken.push(...ts);
    outer?.(ts);
  };
  try {
    return { result: fn(), taken };
  } finally {
    recorder = outer;
  }
}

/** Tells the recorder, if any, which transitions `event` selects in `before` (guards evaluated as the machine did). */
export function noteTransitions<M extends AnyStateMachine>(machine: M, before: SnapshotFrom<M>, event: EventFromLogic<M>): void {
  if (!recorder) return;
  recorder(machine.getTransitionData(before as never, event as never) as AnyTransition[]);
}
