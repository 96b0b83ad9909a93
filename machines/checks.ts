import type { EventObject } from 'xstate';
import type { Rejection } from '../domain/rejections.ts';

/**
 * One reason a machine refuses an event: a named guard, which holds when `problem` finds one,
 * and a transition that rejects with what it found and names the requirement IDs it enforces.
 * Every machine refuses this way, so a rule is written once, as a function of the machine's
 * context and the event, and the guard and the refusal cannot disagree. Checks run in the
 * order they are listed, so the first problem found is the one reported.
 */
export interface Check<C, E extends EventObject> {
  readonly name: string;
  readonly reqs: readonly string[];
  readonly problem: (context: C, event: E) => Rejection | null;
}

/**
 * The `check` constructor for one machine's context and events. A check names the event type
 * it is for, so its `problem` sees that event's own fields; its guard is only ever reached on
 * transitions for that event.
 */
export const checker =
  <C, E extends EventObject>() =>
  <T extends E['type']>(_type: T, name: string, reqs: readonly string[], problem: (context: C, event: Extract<E, { type: T }>) => Rejection | null): Check<C, E> => ({
    name,
    reqs,
    problem: problem as Check<C, E>['problem'],
  });

/** The rejecting transitions for a list of checks, to put before a state's accepting ones. */
export function refusals<C, E extends EventObject>(checks: readonly Check<C, E>[]) {
  return checks.map((c) => ({
    // Guard names come from data, so XState cannot type them; guardsOf() registers each one.
    guard: c.name as any,
    actions: { type: 'reject' as const, params: ({ context, event }: { context: C; event: E }) => c.problem(context, event)! },
    meta: { reqs: c.reqs },
  }));
}

/** A refusal with no condition: the state refuses the event whatever it carries. */
export const refusal = <C, E extends EventObject>(reqs: readonly string[], problem: (context: C, event: E) => Rejection) => ({
  actions: { type: 'reject' as const, params: ({ context, event }: { context: C; event: E }) => problem(context, event) },
  meta: { reqs },
});

/** The named guards for `setup()`: each holds when its check finds a problem. */
export function guardsOf<C, E extends EventObject>(checks: readonly Check<C, E>[]) {
  const guards: Record<string, (args: { context: C; event: E }) => boolean> = {};
  for (const c of checks) {
    // Two checks under one name would silently share the first one's guard.
    if (Object.hasOwn(guards, c.name)) throw new Error(`two checks are named ${c.name}`);
    guards[c.name] = ({ context, event }) => c.problem(context, event) !== null;
  }
  return guards;
}
