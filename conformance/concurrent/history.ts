import { performance } from 'node:perf_hooks';
import type { Target } from '../../api/target.ts';
import type { Operation } from '../linearizability/index.ts';
import type { Model } from '../model.ts';
import { waitForTarget } from '../step.ts';
import type { Planned } from './batch.ts';
import { shownView, type ConcurrentInput, type ConcurrentOutput } from './clusterModel.ts';

export type ConcurrentOperation = Operation<ConcurrentInput, ConcurrentOutput>;

/** Sends one request and records it as an operation: sent and answered on the suite's monotonic clock. */
async function timed(target: Target, id: number, client: number, p: Planned, origin: number): Promise<ConcurrentOperation> {
  if (p.after > 0) await new Promise((r) => setTimeout(r, p.after));
  const call = performance.now() - origin;
  const a = await target.api(p.request.method, p.request.path, p.request.body);
  const ret = performance.now() - origin;
  const output: ConcurrentOutput = {
    status: a.status,
    ...(typeof a.body?.error_code === 'string' ? { error_code: a.body.error_code } : {}),
    ...(p.input.read && a.status === 200 ? { shown: shownView(a.body) } : {}),
  };
  return { id, client, input: p.input, output, call, ret };
}

/**
 * One batch as a history: its requests sent together, one per client, then — once the target
 * shows no pending work — a read of every database named: the state the batch left, observed
 * inside the history, so a change lost or half applied is judged by the same search.
 */
export async function recordBatch(model: Model, target: Target, planned: readonly Planned[], label: string): Promise<ConcurrentOperation[]> {
  const origin = performance.now();
  const sent = await Promise.all(planned.map((p, client) => timed(target, client, client, p, origin)));
  await waitForTarget(target, label);
  const dbs = [...new Set(planned.map((p) => p.input.db))];
  const finals: ConcurrentOperation[] = [];
  for (const db of dbs) {
    const path = `/v1/bdbs/${model.targetDb(db)}`;
    finals.push(await timed(target, sent.length + finals.length, planned.length, { input: { label: `GET ${path} (after the batch)`, db, commands: [], read: true }, request: { method: 'GET', path }, after: 0 }, origin));
  }
  return [...sent, ...finals];
}

const answer = (o: ConcurrentOperation): string => {
  if (typeof o.output === 'symbol') return 'answer set aside';
  const { status, error_code, shown } = o.output;
  return `${status}${error_code ? ` ${error_code}` : ''}${shown ? ` ${JSON.stringify(shown)}` : ''}`;
};

/** An operation as a failure prints it: client, request, answer, and when (ms from the batch's start). */
export const described = (o: ConcurrentOperation): string =>
  `client ${o.client}: ${o.input.label} → ${answer(o)} [${o.call.toFixed(2)}–${o.ret.toFixed(2)} ms]`;
