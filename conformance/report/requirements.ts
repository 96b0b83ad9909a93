/** What an area's result says of its requirements (conformance/suite.ts's `AreaResult`). */
interface AreaCounts {
  readonly reqs: readonly string[];
  readonly outcome: 'passed' | 'failed' | 'not-run';
  readonly exercised?: Readonly<Record<string, number>>;
  readonly withheld?: readonly { readonly reqs: readonly string[] }[];
  readonly failure?: { readonly reqs: readonly string[] };
}

/** One requirement's verdict over a run. */
export interface RequirementResult {
  readonly id: string;
  /** How many steps (and passed checks) exercised it: answered as predicted through a transition, observation or check naming it. */
  readonly steps: number;
  /**
   * `failed`: a failure names it; `passed`: exercised, and no failure names it; `not-exercised`:
   * an area that could check it ran, but no step exercised it (never passed); `not-run`: only
   * areas or commands the target could not run name it.
   */
  readonly outcome: 'passed' | 'failed' | 'not-exercised' | 'not-run';
}

/** The requirements of a run, each with its count, from its areas' results. */
export function requirementResults(areas: readonly AreaCounts[]): RequirementResult[] {
  const steps = new Map<string, number>();
  const ran = new Set<string>();
  const failed = new Set(areas.flatMap((a) => a.failure?.reqs ?? []));
  const named = new Set<string>(failed);
  for (const a of areas) {
    for (const id of a.reqs) named.add(id);
    for (const w of a.withheld ?? []) for (const id of w.reqs) named.add(id);
    if (a.outcome === 'not-run') continue;
    for (const id of a.reqs) ran.add(id);
    for (const [id, n] of Object.entries(a.exercised ?? {})) {
      named.add(id);
      steps.set(id, (steps.get(id) ?? 0) + n);
    }
  }
  return [...named].sort().map((id) => {
    const n = steps.get(id) ?? 0;
    const outcome = failed.has(id) ? 'failed' : n > 0 ? 'passed' : ran.has(id) ? 'not-exercised' : 'not-run';
    return { id, steps: n, outcome };
  });
}
