import type { AnyStateMachine } from 'xstate';
import type { AnyTransition } from '../machines/introspect.ts';
import { actionName, guardName } from './labels.ts';

type StateNode = AnyStateMachine['root'];
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** One transition as plain config: absolute targets (`#node.down`), guard and actions by name. */
function transitionConfig(t: AnyTransition): Json {
  const out: { [k: string]: Json } = {};
  if (t.target) out.target = t.target.length === 1 ? `#${t.target[0]!.id}` : t.target.map((s: StateNode) => `#${s.id}`);
  if (t.reenter) out.reenter = true;
  const guard = guardName(t);
  if (guard) out.guard = guard;
  const actions = t.actions.map(actionName);
  if (actions.length) out.actions = actions;
  if (t.description) out.description = t.description;
  const reqs = (t.meta as { reqs?: string[] } | undefined)?.reqs;
  if (reqs?.length) out.meta = { reqs };
  return out;
}

function stateConfig(n: StateNode): { [k: string]: Json } {
  const out: { [k: string]: Json } = {};
  if (n.description) out.description = n.description;
  if (n.type === 'parallel' || n.type === 'final') out.type = n.type;
  if (n.type === 'compound' && n.initial?.target?.[0]) out.initial = (n.initial.target[0] as StateNode).key;
  const on: { [k: string]: Json } = {};
  for (const [event, ts] of n.transitions) on[event] = (ts as AnyTransition[]).map(transitionConfig);
  if (Object.keys(on).length) out.on = on;
  if (n.always?.length) out.always = n.always.map(transitionConfig);
  const children = Object.values(n.states) as StateNode[];
  if (children.length) out.states = Object.fromEntries(children.map((c) => [c.key, stateConfig(c)]));
  return out;
}

/**
 * A machine as the plain JSON config Stately's tools import (`createMachine(<this>)` in the
 * editor's import, or `createMachine` in code): states, initial states, every transition in
 * order with its guard and actions named (their code stays in `machines/`) and the requirement
 * IDs it implements as `meta.reqs`. Built from the resolved state nodes, so targets are absolute
 * and nothing depends on how the source spells them.
 */
export function toStatelyConfig(machine: AnyStateMachine): { [k: string]: Json } {
  return { id: machine.id, ...stateConfig(machine.root) };
}
