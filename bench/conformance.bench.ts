/**
 * Conformance benchmark (`npm run bench:conformance`; not a test, nothing here asserts a time).
 *
 * Figures, all taken in one run:
 * - the suite's throughput (commands/s, requests/s) on the in-process mock and on the mock
 *   server over loopback HTTPS: the same seed, area and sequences on both;
 * - the raw cost of the same HTTP requests: the exact sequence the suite sent over HTTPS,
 *   replayed back to back through the same kind of client against a fresh server; the ratio
 *   suite / raw is what the suite's model, comparisons and pauses add to the wire;
 * - the wall time of the default run (`npm run conformance`, in-process) and its coverage;
 * - per broken variant of the mock: time to detection, sequences tried, total time with
 *   shrinking, and the length of the shrunk counterexample.
 *
 * The run fails (exit 1) only when the figures mean nothing: the suite fails on the correct
 * mock, or misses a mutant.
 */
import { performance } from 'node:perf_hooks';
import { MUTANTS } from '../conformance/mutants/catalogue.ts';
import { inProcessTarget } from '../conformance/target/inProcess.ts';
import type { SuiteOptions } from '../conformance/suite.ts';
import { CLI_DEFAULTS, defaultRunReport } from './conformance/defaultRun.ts';
import { loopback } from './conformance/loopback.ts';
import { detect, mutantReport, type Detection } from './conformance/mutants.ts';
import { replay, type Replayed } from './conformance/replay.ts';
import { suiteThroughput, type Throughput } from './conformance/throughput.ts';
import { fmtInt, fmtMs, fmtS, gc, machine, markdownTable, median } from './format.ts';

/** Random sequences per throughput run; BENCH_RUNS overrides it (the figures then differ). */
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
/** Throughput runs per target (in-process, HTTPS, raw replay, in turn); the median is reported. */
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const SEED = Number(process.env.BENCH_SEED ?? 42);
const WARMUP_RUNS = 5;

/** Random sequences of the area with every command; the graph seeds are left to the default run. */
const throughputOptions = (runs: number): SuiteOptions => ({ areas: ['mixed'], seed: SEED, runs, maxCommands: CLI_DEFAULTS.maxCommands, graphSeeds: false });

const failures: string[] = [];
const s = fmtS;
const rate = (n: number, ms: number) => fmtInt((n / ms) * 1000);

/** The suite over HTTPS on a fresh server, then its requests replayed on another fresh one. */
async function overHttps(runs: number): Promise<{ suite: Throughput; raw: Replayed }> {
  const first = await loopback();
  gc();
  let suite: Throughput;
  try {
    suite = await suiteThroughput(first.target, throughputOptions(runs));
  } finally {
    await first.close();
  }
  const fresh = await loopback();
  gc();
  try {
    const raw = await replay(fresh.target, suite.requests, first.server.httpsUrl, fresh.server.httpsUrl);
    return { suite, raw };
  } finally {
    await fresh.close();
  }
}

async function inProcess(runs: number): Promise<Throughput> {
  const target = inProcessTarget();
  gc();
  try {
    return await suiteThroughput(target, throughputOptions(runs));
  } finally {
    await target.close();
  }
}

function throughputReport(local: Throughput[], https: { suite: Throughput; raw: Replayed }[]): number {
  const t = local[0]!.tally;
  // The commands are the seed's; how often the suite polls depends on timing.
  const same = [...local, ...https.map((h) => h.suite)].every((x) => x.tally.commands === t.commands && x.tally.writes === t.writes);
  if (!same) failures.push('the runs did not run the same commands');
  if (t.observed !== t.commands) failures.push(`commands counted two ways disagree: ${t.commands} by writes, ${t.observed} by observations`);
  console.log(`## Suite throughput: area mixed, seed ${SEED}, ${RUNS} random sequences (up to ${CLI_DEFAULTS.maxCommands} commands), no graph seeds; ${REPEATS} runs per side, median\n`);
  console.log(
    `First run: ${fmtInt(t.commands)} commands, ${fmtInt(t.requests)} requests (api ${fmtInt(t.byVia.api)}, control ${fmtInt(t.byVia.control)}, host ${fmtInt(t.byVia.host)}; ` +
      `${fmtInt(t.writes)} writes, ${fmtInt(t.reads)} reads), ${t.resets} starts from the topology, ${t.repeatedPolls} polls repeated while the target was busy. ` +
      `Same commands in every run: ${same ? 'yes' : 'NO'} (the polls vary with timing: requests/s counts each run's own).\n`,
  );
  const row = (name: string, xs: Throughput[]) => {
    const ms = median(xs.map((x) => x.ms));
    const wire = median(xs.map((x) => x.tally.wireMs));
    const pause = median(xs.map((x) => x.tally.pauseMs));
    const requests = median(xs.map((x) => (x.tally.requests / x.ms) * 1000));
    return [name, s(ms), xs.map((x) => s(x.ms)).join(', '), rate(t.commands, ms), fmtInt(requests), s(wire), s(pause), s(ms - wire - pause)];
  };
  const rawMs = https.map((h) => h.raw.ms);
  console.log(
    markdownTable([
      ['side', 'time (median)', 'runs', 'commands/s', 'requests/s', 'requests out', 'polling pauses', "suite's own work"],
      row('suite, in-process mock', local),
      row('suite, mock server over HTTPS', https.map((h) => h.suite)),
      ['raw replay of the same requests, HTTPS', s(median(rawMs)), rawMs.map(s).join(', '), rate(t.commands, median(rawMs)), fmtInt(median(https.map((h) => (h.raw.requests / h.raw.ms) * 1000))), s(median(rawMs)), '-', '-'],
    ]),
  );
  // Each suite run beside the replay of its own requests.
  const ratios = https.map((h) => h.suite.ms / h.raw.ms);
  const ratio = median(ratios);
  const differing = https.reduce((n, h) => n + h.raw.differing, 0);
  console.log(
    `\nsuite over HTTPS / raw replay: **${ratio.toFixed(2)}x** (run by run: ${ratios.map((r) => r.toFixed(2)).join(', ')}); ` +
      `suite HTTPS / suite in-process: ${(median(https.map((h) => h.suite.ms)) / median(local.map((x) => x.ms))).toFixed(2)}x`,
  );
  console.log(
    `Replayed statuses that differ from the suite's: ${fmtInt(differing)} of ${fmtInt(https.reduce((n, h) => n + h.raw.requests, 0))}${differing ? ` (e.g. ${https.flatMap((h) => h.raw.examples).slice(0, 3).join('; ')})` : ''}\n`,
  );
  return ratio;
}

async function main(): Promise<number> {
  const started = performance.now();
  console.log('# Conformance benchmark\n');
  for (const line of machine()) console.log(line);
  console.log('  one process: the suite, the mock server (HTTPS on 127.0.0.44, settleMs 5 as in-process) and the replay client share its event loop\n');

  // Warm-up, untimed: the model, the mock and both transports compiled before any figure.
  await inProcess(WARMUP_RUNS);
  await overHttps(WARMUP_RUNS);

  const local: Throughput[] = [];
  const https: { suite: Throughput; raw: Replayed }[] = [];
  for (let i = 0; i < REPEATS; i++) {
    local.push(await inProcess(RUNS));
    https.push(await overHttps(RUNS));
  }
  const ratio = throughputReport(local, https);
  const def = await defaultRunReport(SEED, failures);

  const detections: Detection[] = [];
  // The concurrency mutants need concurrent clients: the sequential default run never sees them.
  for (const mutant of MUTANTS.filter((m) => !m.needs?.includes('clients'))) {
    gc();
    detections.push(await detect(mutant, { seed: SEED, ...CLI_DEFAULTS }));
  }
  mutantReport(detections, SEED, def.seeds);
  for (const d of detections) if (!d.caught || !d.reqsNamed) failures.push(`mutant ${d.mutant}: ${d.caught ? 'caught without naming ' + d.breaks : 'not caught'}`);

  const t = local[0]!.tally;
  console.log('## Summary\n');
  console.log(
    markdownTable([
      ['figure', 'value'],
      ['commands/s, in-process', rate(t.commands, median(local.map((x) => x.ms)))],
      ['commands/s, HTTPS loopback', rate(t.commands, median(https.map((h) => h.suite.ms)))],
      ['requests/s: suite over HTTPS / raw replay', `${fmtInt(median(https.map((h) => (h.suite.tally.requests / h.suite.ms) * 1000)))} / ${fmtInt(median(https.map((h) => (h.raw.requests / h.raw.ms) * 1000)))}`],
      ['suite time / raw request time (HTTPS)', `${ratio.toFixed(2)}x`],
      ['default run (in-process)', `${s(def.ms)} (${fmtInt(def.runs)} sequences)`],
      ['mutants: time to detection, median / max', `${s(median(detections.map((d) => d.detectionMs)))} / ${s(Math.max(...detections.map((d) => d.detectionMs)))}`],
      ['mutants: counterexample, median / max', `${median(detections.map((d) => d.counterexample))} / ${Math.max(...detections.map((d) => d.counterexample))} steps`],
      ['whole benchmark', fmtMs(performance.now() - started)],
    ]),
  );
  if (failures.length) {
    console.log(`\nFAILED: ${failures.length} problem(s) make the figures meaningless:`);
    for (const f of failures) console.log(`  - ${f}`);
    return 1;
  }
  return 0;
}

// A target that stops answering (a loaded machine, a stuck server) ends the benchmark with one
// line saying so and no figures, never an unhandled rejection's stack.
process.exitCode = await main().catch((e: unknown) => {
  console.log(`\nFAILED: the benchmark stopped, its figures are meaningless: ${e instanceof Error ? e.message : String(e)}`);
  return 1;
});
