import { unseen, type Budget, type Operation, type SequentialModel, type Verdict } from './history.ts';
import { search, stepAll, type Allowance } from './search.ts';

const DEFAULT_BUDGET: Required<Budget> = { maxSteps: 1_000_000, maxMs: 10_000 };

/** The history split into the parts the model declares independent, each in time order. */
function parts<S, I, O>(model: SequentialModel<S, I, O>, ops: readonly Operation<I, O>[]): [string, Operation<I, O>[]][] {
  const byPart = new Map<string, Operation<I, O>[]>();
  for (const op of ops) {
    const part = model.partition?.(op.input) ?? '';
    byPart.set(part, [...(byPart.get(part) ?? []), op]);
  }
  return [...byPart.entries()];
}

/**
 * Whether a concurrent history is linearizable with respect to a sequential model. Never hangs:
 * past the budget the answer is `unknown`. A history that is not linearizable is reduced to a
 * failing sub-history none of whose operations can be dropped (within what remains of the budget).
 */
export function checkLinearizable<S, I, O>(model: SequentialModel<S, I, O>, ops: readonly Operation<I, O>[], budget: Budget = {}): Verdict<S, I, O> {
  const { maxSteps, maxMs } = { ...DEFAULT_BUDGET, ...budget };
  const allowance: Allowance = { steps: maxSteps, deadline: Date.now() + maxMs };
  const order: number[] = [];
  let steps = 0;
  for (const [part, partOps] of parts(model, ops)) {
    const r = search(model, partOps, [model.init], allowance);
    steps += r.steps;
    if (r.outcome === 'unknown') return { outcome: 'unknown', steps, reason: `${r.reason}${part ? ` (part ${part})` : ''}` };
    if (r.outcome === 'not-linearizable') {
      const { minimal, context, steps: spent } = reduce(model, partOps, allowance);
      return { outcome: 'not-linearizable', minimal, context, part, steps: steps + spent };
    }
    order.push(...r.order);
  }
  // The parts are independent, so one after the other is a sequential run of the whole.
  const byId = new Map(ops.map((op) => [op.id, op]));
  return { outcome: 'linearizable', order, states: replay(model, order.map((id) => byId.get(id)!)), steps };
}

/** The states the model may be in after `ops` in this order (none: the order is not allowed). */
export function replay<S, I, O>(model: SequentialModel<S, I, O>, ops: readonly Operation<I, O>[]): S[] {
  let states: S[] = [model.init];
  for (const op of ops) states = stepAll(model, states, op);
  return states;
}

/**
 * Sets answers aside one at a time, latest first, until none can go and the history still fail:
 * what remains are the answers that cannot all be true (1-minimal). An answer set aside keeps its
 * operation in the history as one that may or may not have taken effect: dropping it instead
 * would let a read blame a write that was only dropped (a value "from nowhere"). A check that runs
 * out of budget keeps the answer, so the result always fails, if less reduced.
 */
function reduce<S, I, O>(model: SequentialModel<S, I, O>, ops: readonly Operation<I, O>[], allowance: Allowance) {
  let current = [...ops];
  let steps = 0;
  const seen = new Set(ops.map((o) => o.id));
  for (let dropped = true; dropped && seen.size > 1; ) {
    dropped = false;
    for (let i = current.length - 1; i >= 0 && seen.size > 1; i--) {
      if (!seen.has(current[i]!.id)) continue;
      if (allowance.steps <= 0 || Date.now() > allowance.deadline) break;
      const without = current.map((o, j) => (j === i ? unseen(o) : o));
      const r = search(model, without, [model.init], allowance);
      steps += r.steps;
      if (r.outcome === 'not-linearizable') {
        current = without;
        seen.delete(current[i]!.id);
        dropped = true;
      }
    }
  }
  return { minimal: ops.filter((o) => seen.has(o.id)), context: ops.filter((o) => !seen.has(o.id)), steps };
}
