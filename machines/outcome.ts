import { createActor, type AnyActorRef, type AnyActorScope, type AnyStateMachine, type EventFromLogic, type SnapshotFrom } from 'xstate';
import type { DomainEvent } from '../domain/events.ts';
import type { Rejection } from '../domain/rejections.ts';
import { noteTransitions } from './taken.ts';

/** What a machine made of one event: refused, accepted with these events, or not handled at all. */
export type Outcome<S> =
  | { readonly kind: 'rejected'; readonly rejection: Rejection }
  | { readonly kind: 'accepted'; readonly events: readonly DomainEvent[]; readonly snapshot: S }
  | { readonly kind: 'unhandled' };

/** One inert actor per machine: what a transition's scope names as `self`, never started. */
const selves = new WeakMap<AnyStateMachine, AnyActorRef>();

/**
 * XState's pure `transition(machine, snapshot, event)`: the next snapshot and the actions it
 * would execute, none executed. XState's own makes an inert actor for every call (computing the
 * machine's initial snapshot each time) only to have a scope to run in; the machines here spawn
 * and invoke nothing, so one actor per machine serves every call, and each call collects its
 * own actions. `outcome.test.ts` checks both give the same over random command sequences.
 */
export function pureTransition<M extends AnyStateMachine>(machine: M, before: SnapshotFrom<M>, event: EventFromLogic<M>): [SnapshotFrom<M>, unknown[]] {
  let self = selves.get(machine);
  if (!self) selves.set(machine, (self = createActor(machine)));
  const actions: unknown[] = [];
  const scope: AnyActorScope = {
    self,
    id: '',
    sessionId: '',
    logger: () => {},
    defer: () => {},
    emit: () => {},
    system: self.system,
    stopChild: () => {},
    actionExecutor: (action) => void actions.push(action),
  };
  return [machine.transition(before, event, scope) as SnapshotFrom<M>, actions];
}

/**
 * Runs one pure transition and reads its verdict from the actions it would execute: `reject`
 * params, `xstate.emit` domain events, or `acknowledge`. Nothing is executed. Used by `decide`
 * on the cluster machine and by the cluster machine on the node, database and certificate
 * machines, so every level reads verdicts the same way.
 */
export function outcomeOf<M extends AnyStateMachine>(
  machine: M,
  before: SnapshotFrom<M>,
  event: EventFromLogic<M>,
): Outcome<SnapshotFrom<M>> {
  const [after, executable] = pureTransition(machine, before, event);
  noteTransitions(machine, before, event);
  // The action list's static type knows only XState's built-ins; named actions are there too.
  const actions = executable as readonly { type: string; params: unknown }[];
  const refusal = actions.find((a) => a.type === 'reject');
  if (refusal) return { kind: 'rejected', rejection: refusal.params as Rejection };
  const events = actions
    .filter((a) => a.type === 'xstate.emit')
    .map((a) => (a.params as { event: DomainEvent }).event);
  // Emitting needs no test of its own: every emit comes with the assign of its fold (record.ts), so
  // the snapshot is new whenever events are (the graph tests assert it over every transition).
  const handled = after !== before || actions.some((a) => a.type === 'acknowledge');
  return handled ? { kind: 'accepted', events, snapshot: after } : { kind: 'unhandled' };
}
