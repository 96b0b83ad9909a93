/**
 * The default run: what `npm run conformance` does with no options (every area, the checks,
 * the CLI's defaults), timed, on the in-process mock.
 */
import { performance } from 'node:perf_hooks';
import { runSuite, type SuiteResult } from '../../conformance/suite.ts';
import { inProcessTarget } from '../../conformance/target/inProcess.ts';
import { fmtInt, fmtS, gc, markdownTable } from '../format.ts';

/** conformance/cli.ts: --runs 30, --max-commands 25, --time-budget 120. */
export const CLI_DEFAULTS = { runs: 30, maxCommands: 25, timeBudgetMs: 120_000 } as const;

export interface DefaultRun {
  readonly ms: number;
  readonly result: SuiteResult;
}

export async function defaultRun(seed: number): Promise<DefaultRun> {
  const target = inProcessTarget();
  const start = performance.now();
  try {
    const result = await runSuite(target, { ...CLI_DEFAULTS, seed });
    return { ms: performance.now() - start, result };
  } finally {
    await target.close();
  }
}

/** Runs it and prints its time, areas and coverage; `failures` gets what makes the figures meaningless. */
export async function defaultRunReport(seed: number, failures: string[]): Promise<{ ms: number; runs: number; seeds: number }> {
  gc();
  const { ms, result } = await defaultRun(seed);
  if (result.outcome === 'failed') failures.push(`the default run failed on the correct mock: ${result.failure?.error}`);
  const mixed = result.areas.find((a) => a.name === 'mixed');
  const seeds = mixed ? mixed.runs - CLI_DEFAULTS.runs : 0;
  console.log(`## Default run: runSuite(inProcessTarget(), CLI defaults: runs ${CLI_DEFAULTS.runs}, max-commands ${CLI_DEFAULTS.maxCommands}, time budget ${CLI_DEFAULTS.timeBudgetMs / 1000} s), seed ${seed}\n`);
  console.log(`**${fmtS(ms)}**, ${fmtInt(result.runs)} sequences (the area mixed opens with ${seeds} graph seeds), outcome ${result.outcome}\n`);
  console.log(markdownTable([['area', 'outcome', 'sequences', 'time'], ...result.areas.map((a) => [a.name, a.outcome + (a.notRun ? ` (${a.notRun})` : ''), fmtInt(a.runs), fmtS(a.ms)])]));
  console.log('');
  console.log(
    markdownTable([
      ['machine', 'states reached', 'transitions taken', 'out of reach', 'taken / within reach'],
      ...result.coverage.map((c) => {
        const reachable = c.transitions.total - c.transitions.outOfReach.length;
        return [c.machine, `${c.states.reached}/${c.states.total}`, `${c.transitions.taken}/${c.transitions.total}`, String(c.transitions.outOfReach.length), `${c.transitions.taken}/${reachable}`];
      }),
    ]),
  );
  console.log('');
  return { ms, runs: result.runs, seeds };
}
