import type { AnyTransition } from '../machines/introspect.ts';

/** Actions that decide nothing about the state: a refusal changes nothing, an acknowledgement neither. */
const INERT = new Set(['reject', 'acknowledge']);

/** An action's name as a reader knows it: `record` for the emit-and-fold helper, else its type. */
export function actionName(action: unknown): string {
  if (typeof action === 'string') return action;
  if (typeof action === 'function') return (action as { type?: string }).type === 'xstate.enqueueActions' ? 'record' : action.name || 'action';
  const type = (action as { type?: unknown }).type;
  return typeof type === 'string' ? type : 'action';
}

/** A guard's name; inline guards have none worth showing. */
export function guardName(t: AnyTransition): string | undefined {
  if (!t.guard) return undefined;
  if (typeof t.guard === 'string') return t.guard;
  const type = (t.guard as { type?: unknown }).type;
  return typeof type === 'string' ? type : 'guard';
}

/** `always` for eventless transitions, `after N ms` for delays, else the event type. */
export function eventName(t: AnyTransition): string {
  if (!t.eventType) return 'always';
  const delay = /^xstate\.after\.(\d+)\./.exec(t.eventType);
  return delay ? `after ${delay[1]}ms` : t.eventType;
}

/** Whether taking the transition changes anything: it records events or moves state. */
export const changesSomething = (t: AnyTransition): boolean =>
  t.target !== undefined || t.actions.some((a: unknown) => !INERT.has(actionName(a)));

/** Whether the transition refuses the command (its `reject` action gives the API's error). */
export const isRefusal = (t: AnyTransition): boolean => t.actions.some((a: unknown) => actionName(a) === 'reject');
