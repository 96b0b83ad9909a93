import type { AnyStateMachine } from 'xstate';
import { allTransitions, type AnyTransition } from '../machines/introspect.ts';
import { changesSomething, eventName, guardName } from './labels.ts';

type StateNode = AnyStateMachine['root'];

/** The `id` Graphviz writes on a state's SVG group, so a page can find and highlight it. */
export const svgIdOf = (stateId: string): string => `state:${stateId}`;

const q = (s: string) => JSON.stringify(s);
const isCompound = (n: StateNode) => Object.keys(n.states).length > 0;
/** Where an edge into a compound state lands: a hidden point inside its cluster. */
const anchorOf = (n: StateNode) => `${n.id}#anchor`;

function stateLines(n: StateNode, depth: number, root = false): string[] {
  // Regions of a parallel state are drawn dashed, as statecharts draw them.
  const region = n.parent?.type === 'parallel' ? ' style=dashed;' : '';
  const pad = '  '.repeat(depth);
  if (root) return [...initialLines(n, pad), ...Object.values(n.states).flatMap((c) => stateLines(c as StateNode, depth))];
  if (!isCompound(n)) {
    const final = n.type === 'final' ? ', peripheries=2' : '';
    return [`${pad}${q(n.id)} [id=${q(svgIdOf(n.id))}, label=${q(n.key)}${final}];`];
  }
  const lines = [`${pad}subgraph ${q(`cluster_${n.id}`)} {`, `${pad}  id=${q(svgIdOf(n.id))}; label=${q(n.type === 'parallel' ? `${n.key} (parallel)` : n.key)};${region}`];
  lines.push(`${pad}  ${q(anchorOf(n))} [shape=point, style=invis, width=0.01];`, ...initialLines(n, `${pad}  `));
  for (const child of Object.values(n.states)) lines.push(...stateLines(child as StateNode, depth + 1));
  lines.push(`${pad}}`);
  return lines;
}

function initialLines(n: StateNode, pad: string): string[] {
  const first = n.type === 'parallel' ? undefined : (n.initial?.target?.[0] as StateNode | undefined);
  if (!first) return [];
  const marker = q(`${n.id}#initial`);
  return [`${pad}${marker} [shape=point, width=0.12];`, `${pad}${marker} -> ${q(entryOf(first))}${lheadOf(first)};`];
}

const entryOf = (n: StateNode) => (isCompound(n) ? anchorOf(n) : n.id);
const exitOf = entryOf;
const lheadOf = (n: StateNode) => (isCompound(n) ? ` [lhead=${q(`cluster_${n.id}`)}]` : '');

function edgeAttrs(from: StateNode, to: StateNode, label: string): string {
  const attrs = [`label=${q(label)}`];
  if (isCompound(from)) attrs.push(`ltail=${q(`cluster_${from.id}`)}`);
  if (isCompound(to) && to !== from) attrs.push(`lhead=${q(`cluster_${to.id}`)}`);
  return `[${attrs.join(', ')}]`;
}

/**
 * A machine as a Graphviz digraph: compound states as clusters, an initial marker per compound
 * state, final states double-circled. Edges are what changes something: transitions to another
 * state (or re-entering one) labelled `Event [guard]`, and per state one loop listing the events
 * it records without moving. Refusals and acknowledgements are left out of the picture (they
 * change nothing); the JSON export keeps every transition.
 */
export function toDot(machine: AnyStateMachine): string {
  const root = machine.root;
  const lines = [
    `digraph ${q(machine.id)} {`,
    '  compound=true; rankdir=LR; fontname="Helvetica"; fontsize=12;',
    '  node [shape=box, style="rounded", fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=9];',
    `  label=${q(`${machine.id} machine`)}; labelloc=t;`,
  ];
  lines.push(...stateLines(root, 1, true));

  const grouped = new Map<string, { from: StateNode; to: StateNode; labels: string[] }>();
  const add = (from: StateNode, to: StateNode, label: string) => {
    const key = `${from.id} -> ${to.id}`;
    const g = grouped.get(key) ?? { from, to, labels: [] };
    if (!g.labels.includes(label)) g.labels.push(label);
    grouped.set(key, g);
  };
  for (const t of allTransitions(machine) as AnyTransition[]) {
    if (!changesSomething(t)) continue;
    const source = t.source as StateNode;
    const guard = guardName(t);
    const label = `${eventName(t)}${guard && t.target ? ` [${guard}]` : ''}`;
    for (const target of (t.target ?? [source]) as StateNode[]) add(source, target, label);
  }
  for (const { from, to, labels } of grouped.values()) {
    lines.push(`  ${q(exitOf(from))} -> ${q(entryOf(to))} ${edgeAttrs(from, to, labels.join('\n'))};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
