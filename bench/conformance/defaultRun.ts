/**
 * The default run: what `npm run conformance` does with no options (every area, the checks,
 * the CLI's defaults), timed, on the in-process mock.
 */
import { performance } from 'node:perf_hooks';
import { runSuite, type SuiteResult } from '../../conformance/suite.ts';
import { inProcessTarget } from '../../conformance/target/inProcess.ts';

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
