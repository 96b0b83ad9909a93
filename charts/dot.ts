import type { AnyStateMachine } from 'xstate';
import { allTransitions, type AnyTransition } from '../machines/introspect.ts';
import { changesSomething, guardName, isRefusal } from './labels.ts';
import { familyOf, sourcesOf, transitionLines } from './requests.ts';

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

/** Lines left-justified (`\\l`), so requests and their requirement IDs read as a list. */
const leftJustified = (text: string[]) => `"${text.map((l) => JSON.stringify(l).slice(1, -1)).join('\\l')}\\l"`;

function edgeAttrs(from: StateNode, to: StateNode, text: string[]): string {
  const attrs = [`label=${leftJustified(text)}`];
  if (isCompound(from)) attrs.push(`ltail=${q(`cluster_${from.id}`)}`);
  if (isCompound(to) && to !== from) attrs.push(`lhead=${q(`cluster_${to.id}`)}`);
  return `[${attrs.join(', ')}]`;
}

/**
 * A machine as a Graphviz digraph: compound states as clusters, an initial marker per compound
 * state, final states double-circled. Edges are what changes something: transitions to another
 * state (or re-entering one) and loops for what a state records without moving, each labelled with
 * the request that causes it (`PUT /v1/nodes/{uid} addr`), its condition and requirement IDs.
 * Refusals and acknowledgements are left out of the picture (they change nothing); the JSON
 * export keeps every transition, by its command's name.
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

  // One edge per source, target and request family: a state that records many requests
  // without moving gets a note per family instead of one loop stacked with every request.
  const grouped = new Map<string, { from: StateNode; to: StateNode; family: string; lines: string[] }>();
  const families = new Map<string, Set<string>>();
  const guarded = new Map<string, string[]>();
  for (const t of allTransitions(machine) as AnyTransition[]) {
    const source = t.source as StateNode;
    const key = `${source.id}|${t.eventType}`;
    const earlier = guarded.get(key) ?? [];
    // A refusal's guard is not a condition of the drawn move; any other guard is.
    const guard = guardName(t);
    if (guard && !isRefusal(t)) guarded.set(key, [...earlier, guard]);
    if (!changesSomething(t)) continue;
    const family = familyOf(sourcesOf(t));
    for (const target of (t.target ?? [source]) as StateNode[]) {
      const pair = `${source.id} -> ${target.id}`;
      const g = grouped.get(`${pair} | ${family}`) ?? { from: source, to: target, family, lines: [] };
      g.lines.push(...transitionLines(t, earlier));
      grouped.set(`${pair} | ${family}`, g);
      families.set(pair, (families.get(pair) ?? new Set()).add(family));
    }
  }
  for (const { from, to, family, lines: text } of grouped.values()) {
    if (from !== to) {
      lines.push(`  ${q(exitOf(from))} -> ${q(entryOf(to))} ${edgeAttrs(from, to, text)};`);
      continue;
    }
    // Loops stacked on one state overlap their labels; a note per family beside the state reads.
    const note = q(`${from.id}#stays#${family}`);
    const title = families.get(`${from.id} -> ${to.id}`)!.size > 1 ? `${family}, stays ${from.key}:` : `stays ${from.key}:`;
    lines.push(`  ${note} [shape=note, fontsize=9, label=${leftJustified([title, ...text.map((l) => `  ${l}`)])}];`);
    lines.push(`  ${q(exitOf(from))} -> ${note} [style=dashed, arrowhead=none${isCompound(from) ? `, ltail=${q(`cluster_${from.id}`)}` : ''}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
