/**
 * Per broken variant of the mock: how soon the suite catches it, and how short the shrunk
 * counterexample is. `runSuite(inProcessTarget({ mutant }), { seed, failFast: true })` with the
 * CLI's defaults, as conformance/mutants/mutants.test.ts runs it.
 */
import { performance } from 'node:perf_hooks';
import type { Mutant } from '../../conformance/mutants/mutant.ts';
import { runSuite, type SuiteOptions } from '../../conformance/suite.ts';
import { inProcessTarget } from '../../conformance/target/inProcess.ts';
import { fmtInt, fmtS, markdownTable, median } from '../format.ts';

export interface Detection {
  readonly mutant: string;
  readonly breaks: string;
  readonly caught: boolean;
  readonly area: string;
  /** fast-check's numRuns in the failing area: the sequences tried until the first failure, that one included. */
  readonly runsToFailure: number;
  /** Sequences run after the first failure: shrinking attempts (one `onRun` each). */
  readonly shrinkSequences: number;
  readonly detectionMs: number;
  readonly totalMs: number;
  readonly counterexample: number;
  readonly reqsNamed: boolean;
}

export async function detect(mutant: Mutant, options: SuiteOptions): Promise<Detection> {
  const target = inProcessTarget({ mutant });
  const runStarts: number[] = [];
  const start = performance.now();
  try {
    const r = await runSuite(target, { ...options, failFast: true, onRun: () => runStarts.push(performance.now()) });
    const totalMs = performance.now() - start;
    const failedAt = r.areas.findIndex((a) => a.failure);
    const failed = r.areas[failedAt];
    if (!failed) return { mutant: mutant.name, breaks: mutant.breaks, caught: false, area: '-', runsToFailure: 0, shrinkSequences: 0, detectionMs: totalMs, totalMs, counterexample: 0, reqsNamed: false };
    // Areas run one after another, each sequence announced by onRun: the sequence after the
    // failing one is the first shrinking attempt, so its start is when the failure was known.
    const before = r.areas.slice(0, failedAt).reduce((n, a) => n + a.runs, 0);
    const firstShrink = runStarts[before + failed.runs];
    return {
      mutant: mutant.name,
      breaks: mutant.breaks,
      caught: true,
      area: failed.name,
      runsToFailure: failed.runs,
      shrinkSequences: runStarts.length - before - failed.runs,
      detectionMs: (firstShrink ?? start + totalMs) - start,
      totalMs,
      counterexample: failed.failure!.counterexample.length,
      reqsNamed: failed.failure!.reqs.includes(mutant.breaks),
    };
  } finally {
    await target.close();
  }
}

/** The table, one row per mutant, then median and max; `seeds`: how many sequences of mixed are graph seeds. */
export function mutantReport(ds: readonly Detection[], seed: number, seeds: number): void {
  console.log(`## Broken variants: runSuite(inProcessTarget({ mutant }), { seed ${seed}, failFast, CLI defaults })\n`);
  const caughtBy = (d: Detection) => (d.area !== 'mixed' ? `sequence ${d.runsToFailure}` : d.runsToFailure <= seeds ? `graph seed ${d.runsToFailure}` : `random ${d.runsToFailure - seeds}`);
  console.log(
    markdownTable([
      ['mutant', 'breaks', 'area', 'caught by (sequence)', 'to detection', 'sequences shrinking', 'total', 'counterexample (steps)', 'names the requirement'],
      ...ds.map((d) => [d.mutant, d.breaks, d.area, d.caught ? caughtBy(d) : 'NOT CAUGHT', fmtS(d.detectionMs), fmtInt(d.shrinkSequences), fmtS(d.totalMs), String(d.counterexample), d.reqsNamed ? 'yes' : 'NO']),
    ]),
  );
  const stat = (xs: number[], f: (x: number) => string) => `median ${f(median(xs))}, max ${f(Math.max(...xs))}`;
  console.log(
    `\nto detection: ${stat(ds.map((d) => d.detectionMs), fmtS)}; total: ${stat(ds.map((d) => d.totalMs), fmtS)}; ` +
      `counterexample: ${stat(ds.map((d) => d.counterexample), String)} steps (a graph seed is not shrunk: the seeds run shortest first); caught ${ds.filter((d) => d.caught).length} of ${ds.length}\n`,
  );
}
