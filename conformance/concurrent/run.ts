import fc from 'fast-check';
import { TargetUnreachable, type Target } from '../../api/target.ts';
import { CreateDatabase } from '../commands/createDatabase.ts';
import { Coverage } from '../coverage.ts';
import { checkLinearizable, type Budget } from '../linearizability/index.ts';
import { Mismatch } from '../mismatch.ts';
import type { Model } from '../model.ts';
import { observe } from '../observe.ts';
import type { Profile } from '../profile.ts';
import type { TracedRequest } from '../reproducer.ts';
import type { InFlight } from '../start/inFlight.ts';
import type { Start } from '../start/start.ts';
import { DATABASES, plan, sequences, type ConcurrentOp } from './batch.ts';
import { clusterModel } from './clusterModel.ts';
import { described, recordBatch, type ConcurrentOperation } from './history.ts';

export interface ConcurrentOptions {
  /** How many clients send each batch's requests at once (≥ 2). */
  readonly clients: number;
  readonly seed: number;
  readonly runs?: number;
  readonly maxBatches?: number;
  readonly profile: Profile;
  /** The linearizability search's budget per history. */
  readonly budget?: Budget;
  readonly deadline?: number;
  /** Replay one recorded case (fast-check's path). */
  readonly path?: string;
  readonly onRun?: () => void;
  /** The target offers `crash` (never in-process): sequences may crash it while a batch is in flight. */
  readonly crash?: boolean;
}

/** How many batch histories were checked for linearizability, and how many the budget left undecided. */
export interface HistoryCounts {
  checked: number;
  unknown: number;
  /** Crashes the target came back from with every acknowledged change and nothing by halves (with `crash`). */
  crashes?: number;
}

/** The area's result, in the shape of the suite's `AreaResult` (suite.ts runs this module, so it cannot import suite.ts). */
export interface ConcurrentAreaResult {
  readonly name: 'concurrent';
  readonly title: string;
  readonly reqs: readonly string[];
  readonly exercised: Readonly<Record<string, number>>;
  readonly outcome: 'passed' | 'failed' | 'not-run';
  readonly notRun?: string;
  readonly interrupted?: boolean;
  readonly runs: number;
  readonly ms: number;
  readonly histories: HistoryCounts;
  readonly crashes?: number;
  readonly failure?: { readonly counterexample: string[]; readonly path: string; readonly replayPath: string; readonly error: string; readonly reqs: readonly string[]; readonly requests: readonly TracedRequest[] };
}

const REQS = ['DB-LIFE-001', 'DB-LIFE-002', 'ENC-DATA-002', 'API-ERR-001'] as const;
/** With crashes: every acknowledged change is in the log the restarted target recovers from. */
const DURABLE = 'API-LOG-001';

/**
 * What a batch found linearizable exercised, by its answers: changes and reads of a database
 * (DB-LIFE-001), a change refused while another was pending (DB-LIFE-002), an encryption change
 * taken (ENC-DATA-002), a malformed one refused (API-ERR-001).
 */
function exercisedBy(history: readonly ConcurrentOperation[]): string[] {
  const answers = history.flatMap((o) => (typeof o.output === 'symbol' ? [] : [{ input: o.input, output: o.output }]));
  const taken = (a: (typeof answers)[number]) => a.output.status >= 200 && a.output.status < 300;
  return [
    'DB-LIFE-001',
    ...(answers.some((a) => a.output.error_code === 'busy') ? ['DB-LIFE-002'] : []),
    ...(answers.some((a) => taken(a) && a.input.commands.some((c) => c.type === 'UpdateDatabase' && c.data.changes.dataInternodeEncryption !== undefined)) ? ['ENC-DATA-002'] : []),
    ...(answers.some((a) => a.output.status === 400) ? ['API-ERR-001'] : []),
  ];
}
/** What a history no order explains names: the database changes a batch sends, and the rule that one waits for another. */
const FAILURE_REQS = ['DB-LIFE-001', 'DB-LIFE-002'];

/**
 * Runs one batch: what it exercised, or undefined when the search could not decide (the model's
 * state is then unknown: the sequence ends).
 */
async function runBatch(model: Model, target: Target, batch: readonly ConcurrentOp[], label: string, options: ConcurrentOptions, counts: HistoryCounts, crashAfter?: number): Promise<string[] | undefined> {
  const planned = batch.map((op) => plan(model, op)).filter((p) => p !== undefined);
  if (!planned.length) return [];
  if (crashAfter !== undefined) {
    label = `${label}, crashed ${crashAfter} ms after its 202`;
    model.trace.push({ via: 'control', method: 'POST', path: '/crash', body: { after_ms: crashAfter }, step: `${label}: POST /control/v1/crash, then the batch` });
  }
  const history = await recordBatch(model, target, planned, label, crashAfter);
  // The batch's requests go out together in a reproducer; the reads after it, one by one.
  history.forEach((o) => {
    const p = planned[o.id];
    const { method, path, body } = p?.request ?? { method: 'GET', path: `/v1/bdbs/${model.targetDb(o.input.db)}` };
    const together = p ? { concurrent: label, after: p.after } : {};
    model.trace.push({ via: 'api', method, path, ...(body !== undefined ? { body } : {}), step: `${label}, client ${o.client}: ${o.input.label}`, actual: described(o), ...together });
  });
  const verdict = checkLinearizable(clusterModel(model.state, options.profile), history, options.budget ?? { maxSteps: 200_000, maxMs: 5_000 });
  counts.checked++;
  if (verdict.outcome === 'unknown') {
    counts.unknown++;
    return undefined;
  }
  const crashed = crashAfter !== undefined;
  if (verdict.outcome === 'not-linearizable') {
    throw new Mismatch(
      `${label}: no order of the ${planned.length} concurrent requests explains their answers (not linearizable${crashed ? '; the reads after the restart included' : ''})`,
      `answers that some order of the requests, each within its own time, explains (each database alone${crashed ? '; a request the crash cut may have taken effect or not, every acknowledged one did' : ''})`,
      { conflicting: verdict.minimal.map(described), alongside: verdict.context.map(described) },
      crashed ? [...FAILURE_REQS, DURABLE] : FAILURE_REQS,
    );
  }
  // The state after the witness order; then the whole state the target shows, as after any step.
  model.state = verdict.states[0]!;
  model.settle();
  try {
    await observe(model, target, `${label} (after the witness order ${verdict.order.join(', ')})`);
  } catch (e) {
    // After a restart, a state that differs is one the crash lost or changed: the log's rule too.
    if (crashed && e instanceof Mismatch) throw new Mismatch(`${e.step} (after the restart)`, e.expected, e.actual, [...new Set([...e.reqs, DURABLE])]);
    throw e;
  }
  if (crashed) counts.crashes = (counts.crashes ?? 0) + 1;
  return [...exercisedBy(history), ...(crashed ? [DURABLE] : [])];
}

/**
 * The concurrent area: databases created one after the other, then batches of changes and reads
 * sent by `clients` clients at once, each batch's history checked for linearizability against
 * the machines and the state after it compared with the model's after the witness order.
 */
export async function runConcurrentArea(fence: InFlight, start: Start, coverage: Coverage, options: ConcurrentOptions): Promise<ConcurrentAreaResult> {
  const started = Date.now();
  const counts: HistoryCounts = { checked: 0, unknown: 0, ...(options.crash ? { crashes: 0 } : {}) };
  const counted = new Coverage(coverage);
  let failing: TracedRequest[] = [];
  let failingSteps: string[] = [];
  let unreachable: TargetUnreachable | undefined;
  const deadline = options.deadline ?? Number.POSITIVE_INFINITY;
  const property = fc.asyncProperty(sequences(options.clients, options.maxBatches, options.crash), async (sequence) => {
    if (unreachable || Date.now() > deadline) throw new fc.PreconditionFailure(true);
    options.onRun?.();
    const target = await fence.next();
    const model = await start.prepare(counted);
    model.profile = options.profile;
    try {
      for (let i = 0; i < DATABASES; i++) {
        const create = new CreateDatabase({ name: `concurrent${i}` });
        if (create.check(model)) await create.run(model, target);
      }
      for (const [i, batch] of sequence.batches.entries()) {
        const crashAfter = sequence.crash?.batch === i ? sequence.crash.afterMs : undefined;
        const exercised = await runBatch(model, target, batch, `batch ${i + 1} (${batch.length} at once)`, options, counts, crashAfter);
        if (!exercised) break;
        counted.exercise(exercised);
      }
    } catch (e) {
      if (e instanceof TargetUnreachable) unreachable = e;
      failing = [...start.preamble, ...model.trace];
      failingSteps = model.trace.map((t) => t.step);
      throw e;
    }
  });
  const details = await fc.check(property, { seed: options.seed, numRuns: options.path ? 1 : (options.runs ?? 30), ...(options.path ? { path: options.path, endOnFailure: true } : {}) });
  await fence.idle();
  if (unreachable) throw unreachable;
  const title = `${options.clients} clients at once: database changes and reads, each batch's history checked for linearizability${options.crash ? ', the target crashed during some' : ''}`;
  const reqs = [...REQS, ...(options.crash ? [DURABLE] : [])];
  const { crashes, ...histories } = counts;
  const base = { name: 'concurrent' as const, title, reqs, exercised: counted.exercised(reqs), runs: details.numRuns, histories, ...(crashes !== undefined ? { crashes } : {}) };
  if (details.numRuns === 0 && !details.failed) return { ...base, outcome: 'not-run', notRun: 'the time budget ended before its first sequence', ms: Date.now() - started };
  if (!details.failed) return { ...base, outcome: 'passed', ms: Date.now() - started, ...(details.interrupted ? { interrupted: true } : {}) };
  const error = details.errorInstance as Error;
  if (error instanceof TargetUnreachable) throw error;
  return {
    ...base,
    outcome: 'failed',
    ms: Date.now() - started,
    failure: { counterexample: failingSteps, path: details.counterexamplePath ?? '', replayPath: '', error: error?.message ?? 'the run was interrupted', reqs: error instanceof Mismatch ? error.reqs : [], requests: failing },
  };
}
