/** What an area's result says of its requirements (conformance/suite.ts's `AreaResult`). */
interface AreaCounts {
  readonly reqs: readonly string[];
  readonly outcome: 'passed' | 'failed' | 'not-run';
  readonly exercised?: Readonly<Record<string, number>>;
  readonly withheld?: readonly { readonly reqs: readonly string[]; readonly command?: string; readonly needs?: readonly string[] }[];
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

/** One requirement as one area (or check) left it, with why when it was not checked. */
export interface AreaRequirementResult extends RequirementResult {
  /** Why it was not checked there (not run, not exercised). */
  readonly reason?: string;
}

/**
 * An area's own verdict on each requirement it names: failed where its failure names it, passed
 * where its steps exercised it, else not exercised (it ran, no step did) or not run (the area did
 * not run, or only commands the target could not be sent check it).
 */
export function areaRequirementResults(a: AreaCounts & { readonly notRun?: string }): AreaRequirementResult[] {
  const failed = new Set(a.failure?.reqs ?? []);
  const own = new Set(a.reqs);
  const withheld = new Map<string, string[]>();
  for (const w of a.withheld ?? []) {
    for (const id of w.reqs) withheld.set(id, [...(withheld.get(id) ?? []), `${w.command ?? 'a command'} needs ${(w.needs ?? []).join(', ')}`]);
  }
  const ids = [...new Set([...a.reqs, ...Object.keys(a.exercised ?? {}), ...withheld.keys(), ...failed])].sort();
  return ids.map((id): AreaRequirementResult => {
    const steps = a.exercised?.[id] ?? 0;
    if (failed.has(id)) return { id, steps, outcome: 'failed' };
    if (steps > 0) return { id, steps, outcome: 'passed' };
    if (a.outcome === 'not-run') return { id, steps, outcome: 'not-run', reason: `not run: ${a.notRun ?? 'the area did not run'}` };
    if (own.has(id)) return { id, steps, outcome: 'not-exercised', reason: 'not exercised: the area ran, but no step of it exercised this requirement' };
    return { id, steps, outcome: 'not-run', reason: `not run: ${[...new Set(withheld.get(id))].join('; ')}` };
  });
}
