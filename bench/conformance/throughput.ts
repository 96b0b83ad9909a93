/**
 * Suite throughput: one `runSuite` over a recording target, timed. The same seed, area and
 * number of runs on every target, so the sequences generated are the same.
 */
import { performance } from 'node:perf_hooks';
import { runSuite, type SuiteResult, type SuiteOptions } from '../../conformance/suite.ts';
import type { Target } from '../../api/target.ts';
import { recording, tally, type Recorded, type Tally } from './recorder.ts';

export interface Throughput {
  readonly ms: number;
  readonly result: SuiteResult;
  readonly tally: Tally;
  readonly requests: readonly Recorded[];
}

export async function suiteThroughput(target: Target, options: SuiteOptions): Promise<Throughput> {
  const rec = recording(target);
  const start = performance.now();
  const result = await runSuite(rec.target, options);
  const ms = performance.now() - start;
  if (result.outcome !== 'passed') throw new Error(`the suite did not pass on ${target.description}: ${result.failure?.error ?? result.notRun}`);
  return { ms, result, tally: tally(rec.requests), requests: rec.requests };
}
