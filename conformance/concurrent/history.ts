import { performance } from 'node:perf_hooks';
import { TargetUnreachable, type Target } from '../../api/target.ts';
import { UNSEEN, type Operation } from '../linearizability/index.ts';
import type { Model } from '../model.ts';
import { waitForTarget } from '../step.ts';
import type { Planned } from './batch.ts';
import { awaitRestart, requestCrash } from './crash.ts';
import { shownView, type ConcurrentInput, type ConcurrentOutput } from './clusterModel.ts';

/** `cut`: sent while the target crashed, and never answered. */
export type ConcurrentOperation = Operation<ConcurrentInput, ConcurrentOutput> & { readonly cut?: boolean };

/**
 * Sends one request and records it as an operation: sent and answered on the suite's monotonic
 * clock. With a crash under way, a request the crash cuts (no answer: the connection refused or
 * reset) has an unknown outcome: it may have taken effect before the process died, or not — never
 * after, so the moment its failure is seen bounds it (`UNSEEN`, as Knossos and Porcupine treat an
 * `info` operation).
 */
async function timed(target: Target, id: number, client: number, p: Planned, origin: number, crash?: { seenDown: boolean }): Promise<ConcurrentOperation> {
  if (p.after > 0) await new Promise((r) => setTimeout(r, p.after));
  const call = performance.now() - origin;
  let a;
  try {
    a = await target.api(p.request.method, p.request.path, p.request.body);
  } catch (e) {
    if (!crash || !(e instanceof TargetUnreachable) || e.untrusted) throw e;
    crash.seenDown = true;
    return { id, client, input: p.input, output: UNSEEN, call, ret: performance.now() - origin, cut: true };
  }
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
 * `crashAfter`: the target is asked to crash that many ms after it answers, just before the batch
 * goes out; the reads come once it answers again (restarted on its data), so they judge what
 * survived the crash.
 */
export async function recordBatch(model: Model, target: Target, planned: readonly Planned[], label: string, crashAfter?: number): Promise<ConcurrentOperation[]> {
  const crash = crashAfter === undefined ? undefined : { asked: Date.now(), afterMs: crashAfter, seenDown: false };
  if (crash) await requestCrash(target, crash.afterMs);
  const origin = performance.now();
  const sent = await Promise.all(planned.map((p, client) => timed(target, client, client, p, origin, crash)));
  if (crash) await awaitRestart(target, label, crash);
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
  if (typeof o.output === 'symbol') return o.cut ? 'no answer (cut by the crash)' : 'answer set aside';
  const { status, error_code, shown } = o.output;
  return `${status}${error_code ? ` ${error_code}` : ''}${shown ? ` ${JSON.stringify(shown)}` : ''}`;
};

/** An operation as a failure prints it: client, request, answer, and when (ms from the batch's start). */
export const described = (o: ConcurrentOperation): string =>
  `client ${o.client}: ${o.input.label} → ${answer(o)} [${o.call.toFixed(2)}–${o.ret.toFixed(2)} ms]`;
