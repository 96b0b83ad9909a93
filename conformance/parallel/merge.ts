import { AREAS } from '../arbitraries.ts';
import { CHECKS } from '../checks/index.ts';
import { Coverage } from '../coverage.ts';
import { requirementResults } from '../report/requirements.ts';
import type { SuiteResult } from '../suite.ts';
import type { Part } from './messages.ts';

/** The order a run reports its areas in: the checks first, then the areas, as `runSuite` runs them. */
export const CANONICAL: readonly string[] = [...CHECKS, ...AREAS].map((a) => a.name);

/** `names` in the canonical order (an unknown name last, as given). */
export const canonicalOrder = (names: readonly string[]): string[] => {
  const at = (n: string) => (CANONICAL.includes(n) ? CANONICAL.indexOf(n) : CANONICAL.length);
  return [...names].sort((a, b) => at(a) - at(b));
};

/**
 * The result a one-process run gives, from runs of parts of its areas (each a `runSuite` over
 * some areas, same seed and options, with the transitions it took): areas in the canonical order,
 * counts added up, coverage as the union of the transitions taken, the first failure by area
 * order. With `failFast`, the areas after the first that failed are dropped (and what they
 * covered), as a one-process run would never have started them.
 */
export function mergeResults(parts: readonly Part[], options: { readonly failFast?: boolean } = {}): SuiteResult {
  const first = parts[0]?.result;
  if (!first) throw new Error('mergeResults: no results to merge');
  const byName = new Map(parts.flatMap((p) => p.result.areas.map((a) => [a.name, a] as const)));
  let areas = canonicalOrder([...byName.keys()]).map((n) => byName.get(n)!);
  const failedAt = areas.findIndex((a) => a.failure);
  if (options.failFast && failedAt >= 0) areas = areas.slice(0, failedAt + 1);
  const failed = failedAt >= 0 ? areas[failedAt] : undefined;
  const kept = new Set(areas.map((a) => a.name));
  const coverage = new Coverage();
  for (const p of parts) if (p.result.areas.some((a) => kept.has(a.name))) coverage.addTaken(p.taken);
  // The keys in runSuite's order, so that the JSON report is the same text too.
  const base = { seed: first.seed };
  const tail = { capabilities: first.capabilities, areas, coverage: coverage.report(), requirements: requirementResults(areas) };
  const ran = { ...(first.profile ? { profile: first.profile } : {}), ...(first.relaxed ? { relaxed: first.relaxed } : {}), ...(first.mode ? { mode: first.mode } : {}) };
  if (!failed && areas.every((a) => a.outcome === 'not-run')) {
    return { outcome: 'not-run', ...base, runs: 0, ...tail, notRun: areas.map((a) => `${a.name} ${a.notRun}`).join('; '), ...ran };
  }
  return { outcome: failed ? 'failed' : 'passed', ...base, runs: areas.reduce((n, a) => n + a.runs, 0), ...tail, ...(failed ? { failure: failed.failure! } : {}), ...ran };
}
