import type { Command } from '../domain/commands.ts';
import type { DomainEvent } from '../domain/events.ts';
import type { Decision } from '../machines/decide.ts';
import { checkRefusalBody } from './refusalBody.ts';
import { Mismatch } from './mismatch.ts';
import type { Model } from './model.ts';
import { checkLog, readLog, subjectOf } from './logCheck.ts';
import { checkAlertLog } from './alertLog.ts';
import { checkEntries } from './logEntries.ts';
import { DATABASE_PENDING, LOG_REQS, observe, type Settled } from './observe.ts';
import { decidingRequirements, narrow, orFallback, takenRequirements } from './blame.ts';
import { RECHECKING } from './checks/rechecking.ts';
import { affects } from './checks/check.ts';
import { refusalAgrees } from './profile.ts';
import { pollUntil } from './poll.ts';
import { changesHosts, observeHosts } from './hostViews.ts';
import type { Answer, Target } from '../api/target.ts';

export interface Step {
  /** How the step reads in a counterexample. */
  readonly label: string;
  /** The requirements this step checks. */
  readonly reqs: readonly string[];
  /** What the model is asked: the command(s) the request stands for, in model identifiers. */
  readonly commands: readonly Command[];
  /** The request to the target, in the target's identifiers. */
  readonly request: {
    /** The REST API (default), the control protocol, or a host's own API at `base`. */
    readonly via?: 'api' | 'control' | 'host';
    readonly base?: string;
    readonly method: string;
    readonly path: string;
    readonly body?: unknown;
  };
  /**
   * For a request the target may take first and decide later (a join): reads the outcome once it
   * is known, when the request was taken (2xx). A target may also refuse it at once (4xx): that
   * answer is then compared like any refusal (spec/semantics.md, "Joins: synchronous and
   * asynchronous refusals").
   */
  readonly verdict?: (target: Target, before: unknown) => Promise<{ readonly accepted: boolean; readonly error_code?: string }>;
  /** Read just before the request, handed to `verdict` (so it can tell a new outcome from an old one). */
  readonly before?: (target: Target) => Promise<unknown>;
  /**
   * Answers the specification also allows where the model accepts (a MAY): a target that gives
   * one of them has not failed, and the model stays as it was.
   */
  readonly alsoAllowed?: readonly { readonly status: number; readonly error_code: string }[];
  /** Takes what the target chose where the spec lets it choose (a uid, a free port). */
  readonly adopt?: (model: Model, answer: Answer, decision: Extract<Decision, { ok: true }>) => void;
}

/** A step as a command describes it: its label and requirements are the command's own. */
export type StepSpec = Omit<Step, 'label' | 'reqs'>;

/** Work a step may leave the target doing: a database's, or a node's removal. */
const PENDING = new Set([...DATABASE_PENDING, 'decommissioning']);

/**
 * Polls until the target has finished its asynchronous work, within a bounded wait. Returns the
 * lists its last read saw, with nothing pending: the state after the step, which the observation
 * compares without reading the same two lists again (nothing is sent to the target in between).
 */
export async function waitForTarget(target: Target, label: string, timeoutMs = 15_000): Promise<Settled> {
  const read = async () => {
    const sentAt = Date.now();
    const [dbs, nodes] = await Promise.all([target.api('GET', '/v1/bdbs'), target.api('GET', '/v1/nodes')]);
    const answeredAt = Date.now();
    for (const [path, a] of [['/v1/bdbs', dbs], ['/v1/nodes', nodes]] as const) {
      if (a.status !== 200 || !Array.isArray(a.body)) throw new Mismatch(`GET ${path} after ${label}`, '200 with a list', a, ['API-ERR-001']);
    }
    return { all: { bdbs: dbs.body as any[], nodes: nodes.body as any[], sentAt, answeredAt }, dbs: (dbs.body as any[]).filter((e) => PENDING.has(e.status)), nodes: (nodes.body as any[]).filter((e) => PENDING.has(e.status)) };
  };
  const { value: busy, done } = await pollUntil(read, (b) => b.dbs.length + b.nodes.length === 0, { timeoutMs });
  if (done) return busy.all;
  const still = [...busy.dbs.map((d) => `database ${d.uid} ${d.status}`), ...busy.nodes.map((n) => `node ${n.uid} ${n.status}`)];
  throw new Mismatch(`${label}: asynchronous work did not finish within ${timeoutMs} ms`, 'no pending status', still.join(', '), busy.nodes.length ? ['NODE-LIFE-002'] : ['DB-LIFE-001']);
}

/** What the target made of a request: accepted, or refused with a code (and a status, if it gave one). */
interface Outcome {
  readonly accepted: boolean;
  readonly status?: number;
  readonly error_code?: string;
}

const describe = (o: Outcome) => (o.accepted ? `${o.status ?? 'accepted'}` : `${o.status ?? 'failed'} ${o.error_code ?? ''}`.trim());

/** Runs one step against the model and the target, and throws `Mismatch` where they differ. */
export async function runStep(model: Model, target: Target, step: Step): Promise<void> {
  const { decision, taken } = model.predict(step.commands);
  // The names the log's entries give what the step changes are those it had before.
  const stateBefore = model.state;
  // What a wrong answer names: the transition or refusal check that decided it, else the command's set.
  const deciding = orFallback(decidingRequirements(taken, !decision.ok), step.reqs);
  const { via = 'api', base, method, path, body } = step.request;
  // What a recheck compares against, read before a step predicted to change its subject.
  const mayRecheck = (check: (typeof RECHECKING)[number], events: readonly DomainEvent[]) =>
    affects(check, events, model.capabilities) && (!model.recheckBudget || model.recheckBudget.allows(check, model.rechecking));
  for (const check of RECHECKING) if (check.recheck?.before && mayRecheck(check, decision.ok ? decision.events : [])) await check.recheck.before(target, model);
  const before = await step.before?.(target);
  const answer =
    via === 'control' ? await target.control!(method, path, body) : via === 'host' ? await target.host!(base!, method, path, body) : await target.api(method, path, body);
  const answered2xx = answer.status >= 200 && answer.status < 300;
  const outcome: Outcome = step.verdict && answered2xx ? await step.verdict(target, before) : { accepted: answered2xx, status: answer.status, error_code: answer.body?.error_code };
  const expected = decision.ok ? 'accepted (2xx)' : `${decision.rejection.status} ${decision.rejection.error_code}`;
  model.trace.push({ via, ...(base ? { base } : {}), method, path, ...(body !== undefined ? { body } : {}), step: step.label, expected, actual: describe(outcome) });
  // The requirements this step exercised, counted only once everything after it held too.
  const exercised = new Set<string>();
  if (decision.ok) {
    if (!outcome.accepted) {
      const allowed = step.alsoAllowed?.some((a) => a.status === outcome.status && a.error_code === outcome.error_code);
      if (!allowed) throw new Mismatch(`${step.label}: should be accepted`, 'accepted', step.verdict ? outcome : answer, deciding);
    } else {
      model.accept(decision);
      model.coverage.add(taken);
      for (const r of takenRequirements(taken)) exercised.add(r);
      step.adopt?.(model, answer, decision);
    }
  } else {
    const r = decision.rejection;
    // A host reports a failed join by its code alone: there is no status to compare. Which
    // status and code must match exactly is the profile's (conformance/profile.ts).
    if (outcome.accepted || !refusalAgrees(model.profile, r, outcome)) {
      throw new Mismatch(`${step.label}: should be refused`, { status: r.status, error_code: r.error_code }, { status: outcome.status, error_code: outcome.error_code }, deciding);
    }
    // The REST API's refusal says what was wrong (a join's failure, read from the host, has only its code).
    if (via === 'api' && !answered2xx) checkRefusalBody(step.label, answer.body, deciding);
    model.coverage.add(taken);
    for (const id of [...takenRequirements(taken), 'API-ERR-001']) exercised.add(id);
  }
  // Work the target holds stays under way, in the model as on the target, until released.
  const settled = model.workHeld ? undefined : await waitForTarget(target, step.label);
  const completions = model.workHeld ? [] : model.settle();
  if (model.workHeld) model.settledEvents = [];
  for (const r of takenRequirements(completions)) exercised.add(r);
  // A field that differs now names the requirements among its own that this step's transitions carry.
  const focus = [...exercised];
  // What the specification says the target looks like now, for the failure's step-by-step print.
  const traced = model.trace.at(-1)!;
  model.trace[model.trace.length - 1] = { ...traced, state: model.summary() };
  for (const id of await observe(model, target, step.label, focus, step.commands, settled)) exercised.add(id);
  if (changesHosts(step.commands, model.settledEvents)) await observeHosts(model, target, step.label);
  // A refusal changed nothing: the state read just now is the model's, which the refusal left alone.
  if (!decision.ok) exercised.add('API-ERR-002');
  // The once-per-run checks whose subject this step changed, against the model's state now.
  const events = [...(decision.ok && outcome.accepted ? decision.events : []), ...model.settledEvents];
  for (const check of RECHECKING) {
    if (!mayRecheck(check, events)) continue;
    await check.recheck!.verify(target, model, step.label, focus, events);
    for (const id of narrow(check.recheck!.reqs, focus)) exercised.add(id);
  }
  // Read after the state, so a wrong state is reported as such rather than as a log gap.
  // An accepted change is logged; a refused request, or one that changes nothing, is not (the
  // control protocol's own operations are the harness's, and may or may not be logged).
  const log = await readLog(target);
  if (via === 'api' && log && model.logLength >= 0) {
    const accepted = decision.ok && outcome.accepted;
    const subject = subjectOf(path, accepted && method === 'POST' ? answer.body?.uid : undefined);
    checkLog(log, {
      profile: model.profile,
      label: step.label,
      accepted: decision.ok,
      changed: (accepted && decision.events.length > 0) || completions.length > 0,
      completions: completions.length > 0,
      before: model.logLength,
      ...(subject ? { subject } : {}),
    });
    for (const id of decision.ok ? ['API-LOG-001'] : LOG_REQS) exercised.add(id);
  }
  if (log) for (const id of checkAlertLog(model, log, model.logLength, events, step.label)) exercised.add(id);
  // Then every entry it added, field by field (the alerts' own check above names their rules first).
  if (log) for (const id of checkEntries(model, log, model.logLength, stateBefore, events, step.label)) exercised.add(id);
  model.logLength = log ? log.length : -1;
  model.coverage.exercise(exercised);
}
