import { produce, type Draft } from 'immer';
import { enqueueActions, type EventObject } from 'xstate';
import type { DomainEvent } from '../domain/events.ts';
import type { Rejection } from '../domain/rejections.ts';

/**
 * The vocabulary every machine shares with `decide`:
 * - `record(make)`: the change is accepted. The domain events `make` returns are emitted (the
 *   pure `transition()` hands them back as `xstate.emit` actions) and folded into the context
 *   with the same reducer the event log uses, so the machine and the log cannot disagree.
 * - `reject`: the change is refused; its params are the API's error. Nothing is emitted.
 * - `acknowledge`: accepted, and nothing changes (for example setting a value it already has).
 *
 * A command no transition handles is refused by `decide` as `invalid_state`.
 */
export function recorder<C extends object, E extends EventObject>(apply: (draft: Draft<C>, event: DomainEvent) => void) {
  return (make: (args: { context: C; event: E }) => DomainEvent[]) =>
    // enqueueActions is generic over the machine's setup types; this helper is used inside many
    // machines, so it is typed by its own parameters and cast once here.
    enqueueActions(({ context, event, enqueue }: { context: C; event: E; enqueue: any }) => {
      enqueueRecord(enqueue, context, make({ context, event }), apply);
    }) as any;
}

/** Emits `events` and assigns their fold into the context; with no events, acknowledges. */
export function enqueueRecord<C extends object>(
  enqueue: any,
  context: C,
  events: readonly DomainEvent[],
  apply: (draft: Draft<C>, event: DomainEvent) => void,
): void {
  if (events.length === 0) {
    enqueue('acknowledge');
    return;
  }
  for (const e of events) enqueue.emit(e);
  enqueue.assign(() =>
    produce(context, (draft) => {
      for (const e of events) apply(draft, e);
    }),
  );
}

/** Named actions every machine registers in `setup()`. They do nothing when run: they are data. */
export const sharedActions = {
  reject: (_: unknown, _params: Rejection) => {},
  acknowledge: () => {},
};
