import type { AnyStateMachine } from 'xstate';

type AnyStateNode = AnyStateMachine['root'];
export type AnyTransition = ReturnType<AnyStateNode['transitions']['get']> extends (infer T)[] | undefined ? T : never;

/** Every state node of a machine, depth first. */
export function allStateNodes(machine: AnyStateMachine): AnyStateNode[] {
  const out: AnyStateNode[] = [];
  const walk = (n: AnyStateNode) => {
    out.push(n);
    for (const child of Object.values(n.states)) walk(child as AnyStateNode);
  };
  walk(machine.root);
  return out;
}

/** Every transition a machine defines, eventless (`always`) ones included. */
export function allTransitions(machine: AnyStateMachine): AnyTransition[] {
  return allStateNodes(machine).flatMap((n) => [...[...n.transitions.values()].flat(), ...(n.always ?? [])]);
}

/** A readable name for a transition: `source --Event [guard]--> target`. */
export function describeTransition(t: AnyTransition): string {
  const guard = typeof t.guard === 'string' ? ` [${t.guard}]` : t.guard ? ' [guard]' : '';
  const target = t.target?.map((s: AnyStateNode) => s.id).join(',') ?? '(self)';
  return `${t.source.id} --${t.eventType || 'always'}${guard}--> ${target}`;
}

/** The requirement IDs a transition's `meta.reqs` names. */
export const requirementsOf = (t: AnyTransition): readonly string[] => ((t.meta as { reqs?: string[] } | undefined)?.reqs ?? []);
