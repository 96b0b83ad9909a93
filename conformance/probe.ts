import type { Answer, Target } from '../api/target.ts';
import { checkLog, readLog, subjectOf } from './logCheck.ts';
import { Mismatch } from './mismatch.ts';
import type { Model } from './model.ts';
import { observe } from './observe.ts';
import { checkRefusalBody } from './refusalBody.ts';
import { refusalAgrees, type Refusal } from './profile.ts';

/**
 * A request that must change nothing — a read, a dry run, a refusal decided by the request's
 * shape — with the answer the specification predicts for it.
 */
export interface Probe {
  readonly label: string;
  readonly reqs: readonly string[];
  /** The REST API (default) or the control protocol, whose refusals have the same shape (a host's API is never probed). */
  readonly request: { readonly via?: 'api' | 'control' | 'host'; readonly method: string; readonly path: string; readonly body?: unknown };
  /** The refusal predicted; none: the request is answered 2xx. */
  readonly refusal?: Refusal;
  /** Read just before the request (what the prediction is computed from), handed to `compare`. */
  readonly before?: (target: Target) => Promise<unknown>;
  /** Compares a 2xx answer with the prediction; throws `Mismatch`. */
  readonly compare?: (answer: Answer, before: unknown, target: Target) => void | Promise<void>;
}

const describe = (a: Answer) => `${a.status}${a.body?.error_code ? ` ${a.body.error_code}` : ''}`;

/**
 * Sends a probe and checks its answer, then that nothing changed: the state the model still
 * predicts (it is never told the probe), and no new entry in the log (API-LOG-001, API-ERR-002).
 */
export async function runProbe(model: Model, target: Target, p: Probe): Promise<void> {
  await sendProbe(model, target, p);
  await nothingChanged(model, target, p);
}

/** Sends a probe and checks its answer alone: `nothingChanged` then checks the state, once for several. */
export async function sendProbe(model: Model, target: Target, p: Probe): Promise<void> {
  const { via = 'api', method, path, body } = p.request;
  if (via === 'host') throw new Error(`${p.label}: a probe is sent to the REST API or the control protocol, not a host`);
  const before = await p.before?.(target);
  const answer = via === 'control' ? await target.control!(method, path, body) : await target.api(method, path, body);
  const expected = p.refusal ? `${p.refusal.status} ${p.refusal.error_code}` : 'accepted (2xx)';
  model.trace.push({ via, method, path, ...(body !== undefined ? { body } : {}), step: p.label, expected, actual: describe(answer), state: model.summary() });
  const ok = answer.status >= 200 && answer.status < 300;
  if (p.refusal) {
    const actual = { status: answer.status, error_code: answer.body?.error_code };
    if (ok || !refusalAgrees(model.profile, p.refusal, actual)) throw new Mismatch(`${p.label}: should be refused`, p.refusal, actual, p.reqs);
    checkRefusalBody(p.label, answer.body, p.reqs);
  } else {
    if (!ok) throw new Mismatch(`${p.label}: should be accepted`, 'accepted (2xx)', answer, p.reqs);
    await p.compare?.(answer, before, target);
  }
}

/** The state the model still predicts, and no new entry in the log, after `p` (the last of some probes). */
export async function nothingChanged(model: Model, target: Target, p: Probe): Promise<void> {
  const { via = 'api', path } = p.request;
  try {
    await observe(model, target, p.label);
  } catch (e) {
    if (e instanceof Mismatch) throw new Mismatch(e.step, e.expected, e.actual, [...new Set([...p.reqs, ...e.reqs])]);
    throw e;
  }
  const log = await readLog(target);
  if (log && model.logLength >= 0) {
    const subject = via === 'api' ? subjectOf(path.split('?')[0]!) : undefined;
    checkLog(log, { profile: model.profile, label: p.label, accepted: !p.refusal, changed: false, completions: false, before: model.logLength, ...(subject ? { subject } : {}) });
  }
  model.logLength = log ? log.length : -1;
  // Everything the probe compares held: its requirements, and a refusal's shape and no change.
  model.coverage.exercise([...p.reqs, ...(p.refusal ? ['API-ERR-001', 'API-ERR-002'] : [])]);
}
