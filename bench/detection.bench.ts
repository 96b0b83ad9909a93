/**
 * How soon `--clients` finds the mutants only concurrency or a crash shows (`npm run
 * bench:detection`): for each, the time until the first failing sequence ended (the failure
 * found), how many sequences that took, and the time until the verdict (shrinking included). The
 * concurrency mutants run in-process; the durability mutant against `npm run mock -- --data-dir`
 * as processes, crashed by the suite. Not a test: it asserts no time, and exits 1 only if a
 * mutant is not caught.
 */
import { performance } from 'node:perf_hooks';
import type { Target } from '../api/target.ts';
import { MUTANTS } from '../conformance/mutants/catalogue.ts';
import { runSuite } from '../conformance/suite.ts';
import { inProcessTarget } from '../conformance/target/inProcess.ts';
import { startSupervisedMock } from '../conformance/testing/supervised.ts';
import { fmtS, markdownTable, median } from './format.ts';

const SEEDS = Number(process.env.BENCH_SEEDS ?? 3);
const CRASH_SEEDS = Number(process.env.BENCH_CRASH_SEEDS ?? 2);

interface Detection {
  found: number;
  verdict: number;
  sequences: number;
  crashes: number;
}

/** One run of the concurrent area alone until its verdict; when the failing sequence ended is the first shrink's start. */
async function detect(target: Target, seed: number, restarts: () => number = () => 0): Promise<Detection> {
  const runStarts: number[] = [];
  const t0 = performance.now();
  const r = await runSuite(target, { seed, areas: [], clients: 4, failFast: true, onRun: () => runStarts.push(performance.now()) });
  const verdict = performance.now() - t0;
  const area = r.areas.find((a) => a.name === 'concurrent')!;
  if (r.outcome !== 'failed') throw new Error(`not caught with seed ${seed}: ${r.outcome}`);
  // fast-check's runs up to the failing one, then the shrinking's: the first shrink started when the failure was found.
  const found = (runStarts[area.runs] ?? t0 + verdict) - t0;
  return { found, verdict, sequences: area.runs, crashes: restarts() };
}

const rows: string[][] = [['mutant', 'target', 'seeds', 'median / max time to the failing sequence', 'median sequences until caught', 'median / max time to the verdict (shrunk)', 'median crashes (restarts) until the verdict']];
const summarize = (name: string, where: string, ds: Detection[]) =>
  rows.push([
    name,
    where,
    String(ds.length),
    `${fmtS(median(ds.map((d) => d.found)))} / ${fmtS(Math.max(...ds.map((d) => d.found)))}`,
    String(median(ds.map((d) => d.sequences))),
    `${fmtS(median(ds.map((d) => d.verdict)))} / ${fmtS(Math.max(...ds.map((d) => d.verdict)))}`,
    String(median(ds.map((d) => d.crashes))),
  ]);

for (const mutant of MUTANTS.filter((m) => m.needs?.includes('clients') && !m.needs.includes('crash'))) {
  const ds: Detection[] = [];
  for (let seed = 1; seed <= SEEDS; seed++) {
    const target = inProcessTarget({ mutant });
    try {
      ds.push(await detect(target, seed));
    } finally {
      await target.close();
    }
  }
  summarize(mutant.name, 'in-process, 4 clients', ds);
}

for (const mutant of MUTANTS.filter((m) => m.needs?.includes('crash'))) {
  const ds: Detection[] = [];
  for (let seed = 1; seed <= CRASH_SEEDS; seed++) {
    const mock = await startSupervisedMock({ mutant: mutant.name });
    const target = mock.target();
    try {
      ds.push(await detect(target, seed, () => mock.restarts()));
    } finally {
      await target.close();
      await mock.stop();
    }
  }
  summarize(mutant.name, 'supervised process over HTTPS, 4 clients, crashes', ds);
}

console.log(`## Detection time of the concurrency and durability mutants (seeds 1…${SEEDS}, crash seeds 1…${CRASH_SEEDS})\n`);
console.log(markdownTable(rows));
