import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { AnyStateMachine } from 'xstate';
import { certificateMachine } from '../machines/certificate.machine.ts';
import { clusterMachine } from '../machines/cluster.machine.ts';
import { databaseMachine } from '../machines/database.machine.ts';
import { allTransitions, describeTransition, requirementsOf } from '../machines/introspect.ts';
import { nodeMachine } from '../machines/node.machine.ts';
import type { Requirement } from './catalog.ts';

const ID = /\[([A-Z]{2,5}-[A-Z]{2,5}-\d{3})\]/g;
const MACHINES: readonly AnyStateMachine[] = [clusterMachine, nodeMachine, databaseMachine, certificateMachine];
const SKIP_DIRS = new Set(['node_modules', '.git', '.data']);

export interface TestReference {
  readonly id: string;
  readonly file: string;
  readonly title: string;
}

export interface TransitionReference {
  readonly id: string;
  readonly transition: string;
}

/** Test titles that name requirements as `[AREA-SUB-NNN]`, in every `*.test.ts` under `root`. */
export function testReferences(root: string): TestReference[] {
  const out: TestReference[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(join(dir, entry.name));
      } else if (entry.name.endsWith('.test.ts')) {
        const file = relative(root, join(dir, entry.name)).split('\\').join('/');
        for (const line of readFileSync(join(dir, entry.name), 'utf8').split('\n')) {
          // A title is the first string literal on the line that names an ID.
          const title = /(['"`])((?:\\.|(?!\1).)*?\[[A-Z]{2,5}-[A-Z]{2,5}-\d{3}\](?:\\.|(?!\1).)*)\1/.exec(line)?.[2];
          if (!title) continue;
          for (const m of title.matchAll(ID)) out.push({ id: m[1]!, file, title: title.replace(/\\'/g, "'") });
        }
      }
    }
  };
  walk(root);
  return out;
}

/** Machine transitions that name requirements in `meta.reqs`. */
export function transitionReferences(machines: readonly AnyStateMachine[] = MACHINES): TransitionReference[] {
  return machines.flatMap((m) => allTransitions(m).flatMap((t) => requirementsOf(t).map((id) => ({ id, transition: describeTransition(t) }))));
}

/** A conformance property that checks a requirement (conformance/requirements.ts). */
export interface PropertyReference {
  readonly id: string;
  readonly property: string;
}

export interface Trace {
  readonly markdown: string;
  /** What makes the trace fail: each a sentence naming the requirement or the reference. */
  readonly problems: readonly string[];
}

const uniq = <T>(xs: readonly T[]) => [...new Set(xs)];

/**
 * Joins the catalogue with what models and what tests each requirement. Problems: a reference
 * to an ID the catalogue lacks or has withdrawn; a MUST with no test and no written reason; a
 * reason that has gone stale because a test now exists.
 */
export function buildTrace(
  catalog: readonly Requirement[],
  tests: readonly TestReference[],
  transitions: readonly TransitionReference[],
  properties: readonly PropertyReference[] = [],
): Trace {
  const byId = new Map(catalog.map((r) => [r.id, r]));
  const problems: string[] = [];
  for (const t of tests) {
    const r = byId.get(t.id);
    if (!r) problems.push(`${t.file}: test "${t.title}" names unknown requirement ${t.id}`);
    else if (r.status === 'withdrawn') problems.push(`${t.file}: test "${t.title}" names withdrawn requirement ${t.id}`);
  }
  for (const t of transitions) {
    if (!byId.has(t.id)) problems.push(`machine transition ${t.transition} names unknown requirement ${t.id}`);
  }
  for (const p of properties) {
    if (!byId.has(p.id)) problems.push(`conformance property "${p.property}" names unknown requirement ${p.id}`);
  }

  const lines: string[] = [];
  const counts = { total: 0, tested: 0, unchecked: 0, pending: 0, suite: 0, observable: 0 };
  let area = '';
  for (const r of [...catalog].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }))) {
    if (r.status === 'withdrawn') continue;
    counts.total++;
    const rTests = uniq(tests.filter((t) => t.id === r.id).map((t) => `\`${t.file}\` — ${t.title}`)).sort();
    const rTransitions = uniq(transitions.filter((t) => t.id === r.id).map((t) => `\`${t.transition}\``)).sort();
    if (rTests.length) counts.tested++;
    else if (r.unchecked) counts.unchecked++;
    else if (r.pending) counts.pending++;
    if (r.level === 'MUST' && rTests.length === 0 && !r.unchecked && !r.pending) {
      problems.push(`${r.id} (MUST) has no test and no written reason (unchecked or pending) in spec/requirements/${r.file}`);
    }
    const rProperties = uniq(properties.filter((p) => p.id === r.id).map((p) => `\`${p.property}\``)).sort();
    if (r.observable !== 'none' && r.level === 'MUST') {
      counts.observable++;
      if (rProperties.length) counts.suite++;
      else if (!r.outsideSuite) problems.push(`${r.id} (MUST, observable: ${r.observable}) is checked by no conformance property and has no outsideSuite reason in spec/requirements/${r.file}`);
    }
    if (rProperties.length && r.outsideSuite) problems.push(`${r.id} is checked by the conformance suite now: remove its outsideSuite reason in spec/requirements/${r.file}`);
    if (rTests.length && (r.unchecked || r.pending)) {
      problems.push(`${r.id} has tests now: remove its ${r.unchecked ? 'unchecked' : 'pending'} reason in spec/requirements/${r.file}`);
    }
    const rArea = r.id.replace(/-\d{3}$/, '');
    if (rArea !== area) {
      area = rArea;
      lines.push('', `## ${area}`, '');
    }
    lines.push(`### ${r.id} · ${r.level} · ${r.status} · observable: ${r.observable}`, '', r.text.trim(), '');
    lines.push(`- Source: \`${r.source.doc}\`, ${r.source.section}`);
    if (rTransitions.length) lines.push(`- Modelled by: ${rTransitions.join('; ')}`);
    if (rTests.length) lines.push(...rTests.map((t) => `- Test: ${t}`));
    else if (r.unchecked) lines.push(`- **Not checkable:** ${r.unchecked.trim()}`);
    else if (r.pending) lines.push(`- **Not yet checked:** ${r.pending.trim()}`);
    else lines.push('- **No test.**');
    if (rProperties.length) lines.push(`- Conformance: ${rProperties.join('; ')}`);
    else if (r.outsideSuite) lines.push(`- **Outside the conformance suite:** ${r.outsideSuite.trim()}`);
    lines.push('');
  }

  const header = [
    '# Requirements trace',
    '',
    'Generated by `npm run trace` from `spec/requirements/*.yaml`, the machines\' `meta.reqs` and the',
    'tests\' titles and the conformance suite\'s properties (`conformance/requirements.ts`). Do not edit:',
    '`npm test` fails when this file is stale.',
    '',
    `| requirements | with tests | not checkable (reason) | not yet checked (reason) | observable MUSTs | checked by the conformance suite |`,
    '|---|---|---|---|---|---|',
    `| ${counts.total} | ${counts.tested} | ${counts.unchecked} | ${counts.pending} | ${counts.observable} | ${counts.suite} |`,
  ];
  return { markdown: [...header, ...lines].join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n', problems };
}
