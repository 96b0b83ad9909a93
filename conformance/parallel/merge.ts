import { AREAS } from '../arbitraries.ts';
import { CHECKS } from '../checks/index.ts';
import type { MachineCoverage } from '../coverage.ts';
import { requirementResults } from '../report/requirements.ts';
import type { SuiteResult } from '../suite.ts';

/** The order a run reports its areas in: the checks first, then the areas, as `runSuite` runs them. */
export const CANONICAL: readonly string[] = [...CHECKS, ...AREAS].map((a) => a.name);

/** `names` in the canonical order (an unknown name last, as given). */
export const canonicalOrder = (names: readonly string[]): string[] => {
  const at = (n: string) => (CANONICAL.includes(n) ? CANONICAL.indexOf(n) : CANONICAL.length);
  return [...names].sort((a, b) => at(a) - at(b));
};

/**
 * One target's coverage from several runs' over the same machines: a transition is taken when any
 * run took it, so what is missing is what every run missed; a state is reached when any run
 * reached it (reaching is a union over the taken transitions), so it is missing where all miss it.
 */
export function mergeCoverage(parts: readonly (readonly MachineCoverage[])[]): MachineCoverage[] {
  if (parts.length === 0) return [];
  const every = <T>(lists: readonly (readonly T[])[]): T[] => lists.reduce<T[]>((kept, l) => kept.filter((x) => l.includes(x)), [...lists[0]!]);
  return parts[0]!.map((first) => {
    const same = parts.map((p) => p.find((m) => m.machine === first.machine)!);
    const missingStates = every(same.map((m) => m.states.missing));
    const missing = every(same.map((m) => m.transitions.missing));
    const outOfReach = every(same.map((m) => m.transitions.outOfReach));
    return {
      machine: first.machine,
      states: { reached: first.states.total - missingStates.length, total: first.states.total, missing: missingStates },
      transitions: { taken: first.transitions.total - missing.length - outOfReach.length, total: first.transitions.total, missing, outOfReach },
    };
  });
}

/**
 * The result a one-process run gives, from runs of parts of its areas (each a `runSuite` over
 * some areas, same seed and options): areas in the canonical order, counts and coverage added up,
 * the first failure by area order. With `failFast`, the areas after the first that failed are
 * dropped, as a one-process run would never have started them.
 */
export function mergeResults(parts: readonly SuiteResult[], options: { readonly failFast?: boolean } = {}): SuiteResult {
  const first = parts[0];
  if (!first) throw new Error('mergeResults: no results to merge');
  const byName = new Map(parts.flatMap((p) => p.areas.map((a) => [a.name, a] as const)));
  let areas = canonicalOrder([...byName.keys()]).map((n) => byName.get(n)!);
  const failedAt = areas.findIndex((a) => a.failure);
  if (options.failFast && failedAt >= 0) areas = areas.slice(0, failedAt + 1);
  const failed = failedAt >= 0 ? areas[failedAt] : undefined;
  // Coverage of the runs whose areas are kept (a dropped area's run counts nothing).
  const kept = new Set(areas.map((a) => a.name));
  const coverage = mergeCoverage(parts.filter((p) => p.areas.some((a) => kept.has(a.name))).map((p) => p.coverage));
  // The keys in runSuite's order, so that the JSON report is the same text too.
  const base = { seed: first.seed };
  const tail = { capabilities: first.capabilities, areas, coverage, requirements: requirementResults(areas) };
  const ran = { ...(first.profile ? { profile: first.profile } : {}), ...(first.relaxed ? { relaxed: first.relaxed } : {}), ...(first.mode ? { mode: first.mode } : {}) };
  if (!failed && areas.every((a) => a.outcome === 'not-run')) {
    return { outcome: 'not-run', ...base, runs: 0, ...tail, notRun: areas.map((a) => `${a.name} ${a.notRun}`).join('; '), ...ran };
  }
  return { outcome: failed ? 'failed' : 'passed', ...base, runs: areas.reduce((n, a) => n + a.runs, 0), ...tail, ...(failed ? { failure: failed.failure! } : {}), ...ran };
}
