import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * What is mutated: the code that DECIDES what the mock answers. The machines (guards, rules,
 * deciding), the domain's rules and its fold, the views that render the objects, and the edge's
 * handling of ports and certificates. Not the tests, not the machines' test helpers, not what
 * only transports (routing, HTTP, storage) or only serves speed (the key pool).
 */
export const MUTATED: readonly string[] = [
  'machines/**',
  'domain/rules/*',
  'domain/evolve/*',
  'mock/api/views/*',
  'mock/edge/ports.ts',
  'mock/edge/pki.ts',
  'mock/edge/internode.ts',
  'mock/edge/databases.ts',
  'mock/pki/ca.ts',
  'mock/tls/internode.ts',
];

/**
 * Tests, the machines' test helpers, and `machines/introspect.ts`: it lists and names the machines'
 * transitions for the trace, the charts and the suite's coverage, and the mock never imports it.
 */
const EXCLUDED = [/\.test\.ts$/, /^machines\/testing\//, /^machines\/introspect\.ts$/];

/** `dir/**` (every file below), `dir/*` (its files) or one path, as a pattern. */
function matcher(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/\/\*\*$/, '/.+').replace(/\/\*$/, '/[^/]+')}$`);
}

/**
 * Every `.ts` file under `root` (relative, `/`-separated), skipping what no one mutates, in the
 * order Stryker's project reader crawls them: depth first, each directory in `readdir` order,
 * NOT sorted. Stryker numbers the mutants in this order, so the listing must follow it (sorting
 * put `machines/cluster.machine.ts` before `machines/cluster/`, where Stryker put it after).
 */
export function walk(root: string, dir = root): string[] {
  return readdirSync(dir)
    .filter((n) => n !== 'node_modules' && !n.startsWith('.'))
    .flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(root, join(dir, n)) : [relative(root, join(dir, n)).split('\\').join('/')]))
    .filter((f) => f.endsWith('.ts'));
}

/**
 * The files to mutate among `files`: those MUTATED names, minus tests, narrowed to those containing
 * one of `only` (`--files`) when given. In `files`' order: the mutants' ids follow it.
 */
export function filesToMutate(files: readonly string[], only: readonly string[] = []): string[] {
  const patterns = MUTATED.map(matcher);
  return files
    .filter((f) => patterns.some((p) => p.test(f)) && !EXCLUDED.some((e) => e.test(f)))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
}
