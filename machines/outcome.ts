import { transition, type AnyStateMachine, type EventFromLogic, type SnapshotFrom } from 'xstate';
import type { DomainEvent } from '../domain/events.ts';
import type { Rejection } from '../domain/rejections.ts';
import { noteTransitions } from './taken.ts';

/** What a machine made of one event: refused, accepted with these events, or not handled at all. */
export type Outcome<S> =
  | { readonly kind: 'rejected'; readonly rejection: Rejection }
  | { readonly kind: 'accepted'; readonly events: readonly DomainEvent[]; readonly snapshot: S }
  | { readonly kind: 'unhandled' };

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
  const [after, executable] = transition(machine, before, event);
  noteTransitions(machine, before, event);
  // The action list's static type knows only XState's built-ins; named actions are there too.
  const actions = executable as readonly { type: string; params: unknown }[];
  const refusal = actions.find((a) => a.type === 'reject');
  if (refusal) return { kind: 'rejected', rejection: refusal.params as Rejection };
  const events = actions
    .filter((a) => a.type === 'xstate.emit')
    .map((a) => (a.params as { event: DomainEvent }).event);
  const handled = events.length > 0 || after !== before || actions.some((a) => a.type === 'acknowledge');
  return handled ? { kind: 'accepted', events, snapshot: after as SnapshotFrom<M> } : { kind: 'unhandled' };
}
