import { createActor, type AnyStateMachine, type EventFromLogic, type SnapshotFrom } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import type { AnyTransition } from '../introspect.ts';
import { pureTransition } from '../outcome.ts';

export interface CoverageOptions<M extends AnyStateMachine> {
  /** Events to try in each state; a function gets the snapshot so payloads can fit it. */
  readonly events: EventFromLogic<M>[] | ((snapshot: SnapshotFrom<M>) => EventFromLogic<M>[]);
  readonly serializeState: (snapshot: SnapshotFrom<M>) => string;
  readonly input?: unknown;
  /** Start the traversal here instead of at the machine's initial state. */
  readonly fromState?: SnapshotFrom<M>;
}

export interface Coverage {
  readonly paths: number;
  readonly reachedStates: ReadonlySet<string>;
  readonly takenTransitions: ReadonlySet<AnyTransition>;
  /**
   * Each event whose pure transition emitted domain events yet returned the snapshot it was given
   * (by state and event type). `outcomeOf` counts a command handled when it emits or when the
   * snapshot changes: empty here over every transition means emitting never goes without a new
   * snapshot, so the first of the two adds nothing to the second.
   */
  readonly emittedUnchanged: readonly string[];
}

/**
 * Generates the shortest path to every state with `xstate/graph`, then replays each path, and
 * each path extended by every event, in a real actor, recording from the inspector's
 * microsteps which transition definitions fire and which states become active. A transition
 * covered here was taken, not just enabled.
 */
export function exploreCoverage<M extends AnyStateMachine>(machine: M, options: CoverageOptions<M>): Coverage {
  const { events, serializeState, input, fromState } = options;
  // The graph and actor APIs are typed per machine; this helper serves any machine.
  const paths = getShortestPaths(machine, {
    events: events as any,
    serializeState: serializeState as any,
    ...(input !== undefined ? { input } : {}),
    ...(fromState ? { fromState } : {}),
  } as any);
  const reachedStates = new Set<string>();
  const takenTransitions = new Set<AnyTransition>();
  const emittedUnchanged: string[] = [];
  const run = (steps: readonly EventFromLogic<M>[]) => {
    const actor = createActor(machine as AnyStateMachine, {
      ...(fromState ? { snapshot: machine.getPersistedSnapshot(fromState) as any } : { input }),
      inspect: (e) => {
        if (e.type === '@xstate.microstep') for (const t of (e as any)._transitions) takenTransitions.add(t);
        if (e.type === '@xstate.snapshot') for (const n of (e.snapshot as any)._nodes) reachedStates.add(n.id);
      },
    });
    actor.start();
    for (const ev of steps) {
      const before = actor.getSnapshot();
      if (before.status !== 'active') continue;
      const [after, actions] = pureTransition(machine, before as SnapshotFrom<M>, ev);
      if (after === before && (actions as { type: string }[]).some((a) => a.type === 'xstate.emit')) emittedUnchanged.push(`${JSON.stringify(before.value)} ${ev.type}`);
      actor.send(ev as any);
    }
    for (const n of (actor.getSnapshot() as any)._nodes) reachedStates.add(n.id);
    actor.stop();
  };
  for (const path of paths) {
    const steps = path.steps.map((s) => s.event).filter((e) => e.type !== 'xstate.init') as EventFromLogic<M>[];
    const next = typeof events === 'function' ? events(path.state as SnapshotFrom<M>) : events;
    run(steps);
    for (const ev of next) run([...steps, ev]);
  }
  return { paths: paths.length, reachedStates, takenTransitions, emittedUnchanged };
}
