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

const active = (snapshot: unknown) => new Set((snapshot as { _nodes: unknown[] })._nodes);

/**
 * Tells the recorder, if any, what `event` took in `before` → `after`: the event's selected
 * transitions (guards evaluated as the machine did), and the eventless ones that moved a region.
 */
export function noteTransitions<M extends AnyStateMachine>(machine: M, before: SnapshotFrom<M>, event: EventFromLogic<M>, after: SnapshotFrom<M>): void {
  if (!recorder) return;
  const selected = machine.getTransitionData(before as never, event as never) as AnyTransition[];
  const was = active(before);
  const now = active(after);
  const eventless = [...was]
    .flatMap((n) => ((n as { always?: AnyTransition[] }).always ?? []))
    .filter((t) => t.target?.some((s: unknown) => now.has(s) && !was.has(s)));
  recorder([...selected, ...eventless]);
}
