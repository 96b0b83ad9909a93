/**
 * A Stryker ignorer (`ignorers: ['traceability']`) that leaves out what only TRACES the machines
 * to the requirements, never decides an answer: a transition's `meta` (its `meta.reqs`), a `reqs`
 * property, and the requirement IDs a refusal check names (an array of IDs, or one ID). The mock
 * never reads them (they feed spec/TRACE.md, the charts and the suite's coverage and blame, all
 * from the pristine machines), so every mutant of them would survive as an equivalent: they are
 * not decision logic, and are not mutated. `machines/introspect.ts`, which only reads them, is
 * left out by `files.ts`. Used by the listing (`enumerate.ts`) and by Stryker, so the sample is
 * drawn from the same mutants Stryker instruments.
 */
import { PluginKind, declareClassPlugin } from '@stryker-mutator/api/plugin';
import type { Ignorer, NodePath } from '@stryker-mutator/api/ignore';

/** A requirement ID as spec/requirements names them: `CERT-ALR-001`, `PORT-DB-002`. */
export const REQUIREMENT_ID = /^[A-Z]+(?:-[A-Z]+)*-\d{3}$/;

interface Node {
  readonly type: string;
  readonly key?: { readonly type: string; readonly name?: string; readonly value?: unknown };
  readonly value?: unknown;
  readonly elements?: readonly (Node | null)[];
}

const isId = (n: Node | null | undefined) => n?.type === 'StringLiteral' && typeof n.value === 'string' && REQUIREMENT_ID.test(n.value);
const TRACE_KEYS = new Set(['meta', 'reqs']);

/** Whether a syntax node only traces: a `meta:`/`reqs:` property, an array of requirement IDs, or one. */
export function traces(node: Node): boolean {
  if (node.type === 'ObjectProperty' && node.key) {
    const name = node.key.type === 'Identifier' ? node.key.name : node.key.value;
    return typeof name === 'string' && TRACE_KEYS.has(name);
  }
  if (node.type === 'ArrayExpression') return (node.elements ?? []).length > 0 && (node.elements ?? []).every(isId);
  return isId(node);
}

export class TraceabilityIgnorer implements Ignorer {
  shouldIgnore(path: NodePath): string | undefined {
    return traces((path as unknown as { node: Node }).node) ? 'traceability, not decision logic (requirement IDs, meta)' : undefined;
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Ignore, 'traceability', TraceabilityIgnorer)];
