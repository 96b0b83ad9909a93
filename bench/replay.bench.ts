/**
 * Replay benchmark (`npm run bench`; not a test, nothing here asserts a time).
 *
 * Figures, all taken in one process so that they can be compared with each other:
 * - replay throughput of `fold` over a 1,000,000-event log, beside a plain immer reducer (one
 *   `produce` per event) over the same events: the ratio fold/plain is the figure to watch;
 * - recovery (`stateAt`: newest snapshot + tail) for a 10k and a 1M log, beside full replay;
 * - peak memory, and the heap the 1M log itself takes.
 *
 * The only failure is a correctness one: if the plain reducer, `fold` and the state `decide`
 * left disagree, the run exits 1.
 */
import type { RecordedEvent } from '../domain/events.ts';
import { fold, stateAt } from '../core/replay.ts';
import { initialState, type ClusterState } from '../domain/state.ts';
import { plainReplay } from './plainReducer.ts';
import { buildLog, type Log } from './workload.ts';
import { fmtInt, fmtMB, fmtMs as formatMs, gc, median, table, machine } from './format.ts';

/** The big log's size; BENCH_EVENTS overrides it for a quick look (the figures then differ). */
const BIG = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const BIG_LABEL = BIG % 1_000_000 === 0 ? `${BIG / 1_000_000}M` : `${BIG / 1000}k`;
const SMALL = 10_000;
const SNAPSHOT_EVERY = 1000;
const THROUGHPUT_RUNS = 3;
const RECOVERY_RUNS = 5;


// ---------------------------------------------------------------------------------------------
// Memory. A 50 ms timer samples whenever the event loop is free, but every phase here is
// synchronous and blocks it, so phases also sample on entry and exit, the log build samples at
// each snapshot, and one extra (untimed) pass of each replay samples from inside.
// ---------------------------------------------------------------------------------------------

interface Peak {
  rss: number;
  heapUsed: number;
  samples: number;
}
const peaks = new Map<string, Peak>();
let phase = 'start';

function sample(): void {
  const m = process.memoryUsage();
  const p = peaks.get(phase) ?? { rss: 0, heapUsed: 0, samples: 0 };
  p.rss = Math.max(p.rss, m.rss);
  p.heapUsed = Math.max(p.heapUsed, m.heapUsed);
  p.samples += 1;
  peaks.set(phase, p);
}

/** Lets the timer run (it cannot during a phase), then starts the next phase. */
async function enter(next: string): Promise<void> {
  sample();
  await new Promise((resolve) => setTimeout(resolve, 60));
  phase = next;
  sample();
}

/** The events of `source`, sampling memory every `every` events: for the untimed memory pass. */
function* sampled(source: Iterable<RecordedEvent>, every = 65_536): Iterable<RecordedEvent> {
  let n = 0;
  for (const e of source) {
    if (++n % every === 0) sample();
    yield e;
  }
  sample();
}


/** Heap in use after a full collection: what is really retained. */
function retainedHeap(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

// ---------------------------------------------------------------------------------------------
// Timing
// ---------------------------------------------------------------------------------------------

/**
 * Wall time of `f`. Long runs start after a full collection, so that no earlier garbage is
 * charged to them; millisecond runs do not, because a full collection just before makes the
 * next few milliseconds about twice as slow (cold caches), which would swamp what is measured.
 */
function timed<T>(f: () => T, collectFirst = true): { ms: number; value: T } {
  if (collectFirst) gc();
  sample();
  const start = performance.now();
  const value = f();
  const ms = performance.now() - start;
  sample();
  return { ms, value };
}


const fmtMs = (ms: number): string => formatMs(ms, 3);

// ---------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------

interface Recovery {
  readonly events: number;
  readonly fullMs: number;
  readonly fullRuns: number;
  readonly headMs: number;
  readonly headTail: number;
  readonly worstMs: number;
  readonly worstTail: number;
  readonly matches: boolean;
}

/** stateAt at the head of the log and at the position with the longest tail (just before the
 * newest snapshot, so the one before it is used), each the median of RECOVERY_RUNS. */
function recovery(log: Log, fullMs: readonly number[]): Recovery {
  const { store, snapshots } = log;
  const head = store.position;
  const newest = snapshots.latest()!;
  const worst = newest.position - 1;
  const before = snapshots.latest(worst)?.position ?? 0;
  // Warm both paths (JSON.parse of a state, a short fold), then collect once for the batch.
  for (let i = 0; i < 3; i++) {
    stateAt(store, snapshots);
    stateAt(store, snapshots, worst);
  }
  gc();
  const headRuns: number[] = [];
  const worstRuns: number[] = [];
  let recovered: ClusterState = initialState();
  for (let i = 0; i < RECOVERY_RUNS; i++) {
    const h = timed(() => stateAt(store, snapshots), false);
    headRuns.push(h.ms);
    recovered = h.value;
    worstRuns.push(timed(() => stateAt(store, snapshots, worst), false).ms);
  }
  return {
    events: head,
    fullMs: median(fullMs),
    fullRuns: fullMs.length,
    headMs: median(headRuns),
    headTail: head - newest.position,
    worstMs: median(worstRuns),
    worstTail: worst - before,
    matches: JSON.stringify(recovered) === JSON.stringify(log.state),
  };
}

async function main(): Promise<number> {
  const timer = setInterval(sample, 50);
  timer.unref();
  console.log('Replay benchmark');
  for (const line of machine()) console.log(line);
  console.log('');

  // 1. The logs, built through decide.
  await enter('build the logs (decide + append + snapshots)');
  const small = timed(() => buildLog(SMALL, SNAPSHOT_EVERY, sample));
  const heap1 = retainedHeap();
  console.log(`Building the ${fmtInt(BIG)}-event log through decide (about 90 s for 1M on 2 cores)...`);
  const big = timed(() => buildLog(BIG, SNAPSHOT_EVERY, sample));
  const heap2 = retainedHeap();
  const bigLog = big.value;
  const logHeap = heap2 - heap1;
  // One-byte strings: about a byte per character, plus a small header each.
  const snapshotBytes = bigLog.snapshots.jsonChars + bigLog.snapshots.count * 32;

  console.log('');
  console.log('Workload (every event produced by decide from a real command; every decision checked)');
  console.log(
    table([
      ['log', 'events', 'commands', 'rounds', 'snapshots', 'build time', 'events/s (decide+append)'],
      ...[small, big].map(({ ms, value: l }) => [
        `${fmtInt(l.store.position)} target`,
        fmtInt(l.store.position),
        fmtInt(l.commands),
        fmtInt(l.rounds),
        fmtInt(l.snapshots.count),
        fmtMs(ms),
        fmtInt((l.store.position / ms) * 1000),
      ]),
    ]),
  );
  const mix = [...bigLog.eventsByType].sort((a, b) => b[1] - a[1]);
  console.log(`  event types in the ${BIG_LABEL} log (${mix.length}): ${mix.map(([t, n]) => `${t} ${((n / bigLog.store.position) * 100).toFixed(1)}%`).join(', ')}`);
  console.log('');

  // 2. Throughput: warm both replays on the small log, then alternate them on the big one.
  await enter('throughput runs (plain and fold, alternating)');
  for (let i = 0; i < 3; i++) {
    plainReplay(small.value.store.read());
    fold(small.value.store.read());
  }
  const plainRuns: number[] = [];
  const foldRuns: number[] = [];
  let plainState: ClusterState = initialState();
  let foldState: ClusterState = initialState();
  for (let i = 0; i < THROUGHPUT_RUNS; i++) {
    const p = timed(() => plainReplay(bigLog.store.read()));
    plainRuns.push(p.ms);
    plainState = p.value;
    const f = timed(() => fold(bigLog.store.read()));
    foldRuns.push(f.ms);
    foldState = f.value;
  }
  const n = bigLog.store.position;
  const plainRate = (n / median(plainRuns)) * 1000;
  const foldRate = (n / median(foldRuns)) * 1000;

  // 3. Correctness: three independent routes to the same state.
  const plainJson = JSON.stringify(plainState);
  const foldJson = JSON.stringify(foldState);
  const decidedJson = JSON.stringify(bigLog.state);
  const plainMatchesFold = plainJson === foldJson;
  const foldMatchesDecided = foldJson === decidedJson;

  console.log(`Replay throughput, ${fmtInt(n)} events (median of ${THROUGHPUT_RUNS}, after warm-up on ${fmtInt(SMALL)}; runs alternate)`);
  console.log(
    table([
      ['replay', 'median', 'events/s', 'runs'],
      ['plain immer reducer (produce per event)', fmtMs(median(plainRuns)), fmtInt(plainRate), plainRuns.map((x) => fmtMs(x)).join(', ')],
      ['fold (batched, upcasting)', fmtMs(median(foldRuns)), fmtInt(foldRate), foldRuns.map((x) => fmtMs(x)).join(', ')],
    ]),
  );
  console.log(`  ratio fold / plain (events/s): ${(foldRate / plainRate).toFixed(2)}   (aim: >= 0.5)`);
  console.log(`  plain reducer state == fold state: ${plainMatchesFold ? 'yes' : 'NO (bug)'}`);
  console.log(`  fold state == state decide left:   ${foldMatchesDecided ? 'yes' : 'NO (bug)'}`);
  console.log('');

  // 4. Recovery: snapshot + tail against full replay.
  await enter('recovery runs');
  const smallFull = Array.from({ length: RECOVERY_RUNS }, () => timed(() => fold(small.value.store.read())).ms);
  const recoveries = [recovery(small.value, smallFull), recovery(bigLog, foldRuns)];
  console.log(`Recovery: stateAt(store, snapshots), snapshot every ${fmtInt(SNAPSHOT_EVERY)} events (median of ${RECOVERY_RUNS})`);
  console.log(
    table([
      ['log', 'full replay', 'at head', '(tail)', 'worst tail', '(tail)', 'full / head', 'head state == decided'],
      ...recoveries.map((r) => [
        `${fmtInt(r.events)} events`,
        `${fmtMs(r.fullMs)} (${r.fullRuns} runs)`,
        fmtMs(r.headMs),
        `${fmtInt(r.headTail)} ev`,
        fmtMs(r.worstMs),
        `${fmtInt(r.worstTail)} ev`,
        `${(r.fullMs / r.headMs).toFixed(0)}x`,
        r.matches ? 'yes' : 'NO (bug)',
      ]),
    ]),
  );
  const [r10k, r1m] = recoveries as [Recovery, Recovery];
  console.log(`  ${BIG_LABEL} / 10k recovery time: at head ${(r1m.headMs / r10k.headMs).toFixed(2)}x, worst tail ${(r1m.worstMs / r10k.worstMs).toFixed(2)}x   (aim: nearly 1)`);
  console.log('');

  // 5. Memory: one untimed pass of each replay, sampled from inside.
  await enter(`plain replay of ${BIG_LABEL}, sampled inside`);
  gc();
  plainReplay(sampled(bigLog.store.read()));
  await enter(`fold of ${BIG_LABEL}, sampled inside`);
  gc();
  fold(sampled(bigLog.store.read()));
  await enter('end');
  clearInterval(timer);
  const all = [...peaks.values()];
  console.log('Memory (process.memoryUsage; peak per phase; the log stays in memory throughout)');
  console.log(
    table([
      ['phase', 'peak rss', 'peak heapUsed', 'samples'],
      ...[...peaks].filter(([name]) => name !== 'start' && name !== 'end').map(([name, p]) => [name, fmtMB(p.rss), fmtMB(p.heapUsed), fmtInt(p.samples)]),
      ['whole run', fmtMB(Math.max(...all.map((p) => p.rss))), fmtMB(Math.max(...all.map((p) => p.heapUsed))), fmtInt(all.reduce((a, p) => a + p.samples, 0))],
    ]),
  );
  console.log(
    table([
      ['figure', 'value', 'per event'],
      [`heap retained by the ${BIG_LABEL} log + its snapshots`, fmtMB(logHeap), `${fmtInt(logHeap / n)} bytes`],
      [`  of which ${fmtInt(bigLog.snapshots.count)} snapshots of ~${fmtInt(bigLog.snapshots.jsonChars / bigLog.snapshots.count)} JSON chars (est.)`, fmtMB(snapshotBytes), ''],
      ['  so the recorded events themselves (est.)', fmtMB(logHeap - snapshotBytes), `${fmtInt((logHeap - snapshotBytes) / n)} bytes`],
    ]),
  );

  const ok = plainMatchesFold && foldMatchesDecided && recoveries.every((r) => r.matches);
  if (!ok) console.log('\nFAILED: the replays disagree (see above).');
  return ok ? 0 : 1;
}

process.exitCode = await main();
