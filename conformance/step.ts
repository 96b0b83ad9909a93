import type { Command } from '../core/commands.ts';
import type { Decision } from '../core/decide.ts';
import { Mismatch } from './mismatch.ts';
import type { Model } from './model.ts';
import { observe } from './observe.ts';
import type { Answer, Target } from './target/target.ts';

export interface Step {
  /** How the step reads in a counterexample. */
  readonly label: string;
  /** The requirements this step checks. */
  readonly reqs: readonly string[];
  /** What the model is asked: the command(s) the request stands for, in model identifiers. */
  readonly commands: readonly Command[];
  /** The request to the target, in the target's identifiers. */
  readonly request: { readonly via?: 'api' | 'control'; readonly method: string; readonly path: string; readonly body?: unknown };
  /**
   * Answers the specification also allows where the model accepts (a MAY): a target that gives
   * one of them has not failed, and the model stays as it was.
   */
  readonly alsoAllowed?: readonly { readonly status: number; readonly error_code: string }[];
  /** Takes what the target chose where the spec lets it choose (a uid, a free port). */
  readonly adopt?: (model: Model, answer: Answer, decision: Extract<Decision, { ok: true }>) => void;
}

const PENDING = new Set(['pending', 'active-change-pending', 'delete-pending', 'decommissioning']);

/** Polls until the target has finished its asynchronous work, within a bounded wait. */
async function waitForTarget(target: Target, label: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const [dbs, nodes] = await Promise.all([target.api('GET', '/v1/bdbs'), target.api('GET', '/v1/nodes')]);
    const busy = [...(dbs.body as any[]), ...(nodes.body as any[])].some((e) => PENDING.has(e.status));
    if (!busy) return;
    if (Date.now() > end) throw new Mismatch(`${label}: asynchronous work did not finish within ${timeoutMs} ms`, 'no pending status', 'still pending', ['DB-LIFE-001']);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Runs one step against the model and the target, and throws `Mismatch` where they differ. */
export async function runStep(model: Model, target: Target, step: Step): Promise<void> {
  const decision = model.predict(step.commands);
  const { via = 'api', method, path, body } = step.request;
  const send = via === 'control' ? target.control! : target.api;
  const answer = await send(method, path, body);
  const expected = decision.ok ? 'accepted (2xx)' : `${decision.rejection.status} ${decision.rejection.error_code}`;
  const actual = answer.status < 300 ? `${answer.status}` : `${answer.status} ${answer.body?.error_code ?? ''}`.trim();
  model.trace.push({ via, method, path, ...(body !== undefined ? { body } : {}), step: step.label, expected, actual });
  if (decision.ok) {
    if (answer.status >= 300) {
      const allowed = step.alsoAllowed?.some((a) => a.status === answer.status && a.error_code === answer.body?.error_code);
      if (!allowed) throw new Mismatch(`${step.label}: should be accepted`, 'a 2xx answer', answer, step.reqs);
    } else {
      model.accept(decision);
      step.adopt?.(model, answer, decision);
    }
  } else {
    const r = decision.rejection;
    if (answer.status !== r.status || answer.body?.error_code !== r.error_code) {
      throw new Mismatch(`${step.label}: should be refused`, { status: r.status, error_code: r.error_code }, { status: answer.status, error_code: answer.body?.error_code }, step.reqs);
    }
  }
  await waitForTarget(target, step.label);
  model.settle();
  try {
    await observe(model, target, step.label);
  } catch (e) {
    // A state that differs after this step is this step's failure as much as the resource's.
    if (e instanceof Mismatch) throw new Mismatch(e.step, e.expected, e.actual, [...new Set([...step.reqs, ...e.reqs])]);
    throw e;
  }
}
