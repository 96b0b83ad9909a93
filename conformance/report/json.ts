import type { SuiteResult } from '../suite.ts';
import { areaRequirementResults, requirementResults, type RequirementResult } from './requirements.ts';
import { requirementTitle } from './titles.ts';

/** What the report says of the run beyond the suite's result: who ran what, how, and when. */
export interface RunFacts {
  readonly tool: { readonly name: string; readonly version: string };
  readonly target: string;
  /** The options the run took (after defaults), as the command line gave them. */
  readonly options: Readonly<Record<string, unknown>>;
  readonly started: Date;
  readonly ended: Date;
}

const STATUS: Record<RequirementResult['outcome'], string> = { passed: 'passed', failed: 'failed', 'not-exercised': 'not exercised', 'not-run': 'not run' };

/**
 * The whole run as JSON (`--report json`, and the reproducer's `NAME.json`, which `--replay`
 * reads): the facts of the run first, then the suite's result, each area with its own verdict on
 * each requirement, and the run's verdict on each requirement with its title.
 */
export function jsonReport(r: SuiteResult, facts: RunFacts): Record<string, unknown> {
  const requirements = r.requirements ?? requirementResults(r.areas);
  const { profile, seed, capabilities, ...rest } = r;
  return {
    tool: facts.tool,
    target: facts.target,
    profile,
    seed,
    options: facts.options,
    started: facts.started.toISOString(),
    ended: facts.ended.toISOString(),
    capabilities,
    ...rest,
    // With crashes (the target offers `crash`): how many the run survived, over its areas.
    ...(r.areas.some((a) => a.crashes !== undefined) ? { crashes_survived: r.areas.reduce((n, a) => n + (a.crashes ?? 0), 0) } : {}),
    areas: r.areas.map((a) => ({
      ...a,
      requirements: areaRequirementResults(a).map((q) => ({ ...q, status: STATUS[q.outcome] })),
    })),
    requirements: requirements.map((q) => ({
      ...q,
      status: STATUS[q.outcome],
      title: requirementTitle(q.id, 10_000),
      areas: r.areas.filter((a) => a.reqs.includes(q.id) || (a.exercised?.[q.id] ?? 0) > 0).map((a) => a.name),
    })),
  };
}
