/**
 * The linearizability check's cost for N = 2, 4, 8 clients (`npm run bench:linearizability`):
 * batches of N database requests sent at once to the in-process mock, each history recorded
 * and checked against the machines. Not a test: it asserts no time, and fails (exit 1) only when a
 * history of the specified mock is not found linearizable.
 */
import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import { CreateDatabase } from '../conformance/commands/createDatabase.ts';
import { batches, DATABASES, plan } from '../conformance/concurrent/batch.ts';
import { clusterModel } from '../conformance/concurrent/clusterModel.ts';
import { recordBatch } from '../conformance/concurrent/history.ts';
import { checkLinearizable } from '../conformance/linearizability/index.ts';
import { resetStart } from '../conformance/start/reset.ts';
import { inProcessTarget } from '../conformance/target/inProcess.ts';
import { fmtInt, markdownTable, median } from './format.ts';

const SEQUENCES = Number(process.env.BENCH_SEQUENCES ?? 15);
const SEED = 7;

interface Figures {
  histories: number;
  undecided: number;
  operations: number;
  recordMs: number;
  checkMs: number[];
  steps: number[];
  /** The same histories with every request of a batch overlapping every other: the search's worst case for them. */
  overlapMs: number[];
  overlapSteps: number[];
}

async function measure(clients: number): Promise<Figures> {
  const target = inProcessTarget();
  const start = resetStart(target, new Set(['reset']), { nodes: 3, spareHosts: 1 });
  const f: Figures = { histories: 0, undecided: 0, operations: 0, recordMs: 0, checkMs: [], steps: [], overlapMs: [], overlapSteps: [] };
  try {
    for (const sequence of fc.sample(batches(clients), { numRuns: SEQUENCES, seed: SEED })) {
      const model = await start.prepare();
      for (let i = 0; i < DATABASES; i++) await new CreateDatabase({ name: `bench${i}` }).run(model, target);
      for (const batch of sequence) {
        const planned = batch.map((op) => plan(model, op)).filter((p) => p !== undefined);
        const t0 = performance.now();
        const history = await recordBatch(model, target, planned, 'bench');
        f.recordMs += performance.now() - t0;
        const t1 = performance.now();
        const verdict = checkLinearizable(clusterModel(model.state, 'model'), history);
        f.checkMs.push(performance.now() - t1);
        f.histories++;
        f.operations += history.length;
        f.steps.push(verdict.steps);
        if (verdict.outcome === 'unknown') f.undecided++;
        const end = Math.max(...history.map((o) => o.ret));
        const overlapping = history.map((o) => (o.id < planned.length ? { ...o, call: 0, ret: end } : { ...o, call: end + 1, ret: end + 2 }));
        const t2 = performance.now();
        const worst = checkLinearizable(clusterModel(model.state, 'model'), overlapping);
        f.overlapMs.push(performance.now() - t2);
        f.overlapSteps.push(worst.steps);
        if (worst.outcome === 'not-linearizable') throw new Error('a linearizable history became non-linearizable with wider intervals');
        if (verdict.outcome === 'not-linearizable') throw new Error(`the specified mock's history is not linearizable: ${JSON.stringify(verdict.minimal)}`);
        if (verdict.outcome !== 'linearizable') break;
        model.state = verdict.states[0]!;
        model.settle();
      }
    }
  } finally {
    await target.close();
  }
  return f;
}

const rows: string[][] = [['clients', 'histories', 'ops/history', 'checked/s (search only)', 'median check', 'max check', 'median steps', 'max steps', 'unknown', 'all overlapping: median / max check', 'all overlapping: median / max steps', 'recorded/s (requests, wait, final reads)']];
for (const n of [2, 4, 8]) {
  const f = await measure(n);
  const total = f.checkMs.reduce((a, b) => a + b, 0);
  rows.push([
    String(n),
    String(f.histories),
    (f.operations / f.histories).toFixed(1),
    fmtInt((f.histories / total) * 1000),
    `${median(f.checkMs).toFixed(2)} ms`,
    `${Math.max(...f.checkMs).toFixed(2)} ms`,
    String(median(f.steps)),
    String(Math.max(...f.steps)),
    String(f.undecided),
    `${median(f.overlapMs).toFixed(2)} / ${Math.max(...f.overlapMs).toFixed(2)} ms`,
    `${median(f.overlapSteps)} / ${Math.max(...f.overlapSteps)}`,
    ((f.histories / f.recordMs) * 1000).toFixed(1),
  ]);
}
console.log(`## Linearizability check (seed ${SEED}, ${SEQUENCES} sequences per N, in-process mock)\n`);
console.log(markdownTable(rows));
