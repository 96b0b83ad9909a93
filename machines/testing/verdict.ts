/**
 * What a pure transition decided, as data to compare: the snapshot's value, context and status,
 * and the actions' types and params (their functions left out). For tests that check two ways
 * of running a transition agree.
 */
export const verdict = ([after, actions]: readonly [unknown, readonly unknown[]]) => {
  const s = after as { value: unknown; context: unknown; status: string };
  return { value: s.value, context: s.context, status: s.status, actions: (actions as { type: string; params: unknown }[]).map((a) => ({ type: a.type, params: a.params })) };
};
