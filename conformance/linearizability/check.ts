import type { Budget, Operation, SequentialModel, Verdict } from './history.ts';
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
      const { minimal, steps: spent } = reduce(model, partOps, allowance);
      return { outcome: 'not-linearizable', minimal, part, steps: steps + spent };
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
 * Drops operations one at a time, latest first, while what remains still fails: the result is
 * 1-minimal (no single operation of it can go). A check that runs out of budget keeps the
 * operation, so the result always fails, if less reduced.
 */
function reduce<S, I, O>(model: SequentialModel<S, I, O>, ops: readonly Operation<I, O>[], allowance: Allowance): { minimal: Operation<I, O>[]; steps: number } {
  let kept = [...ops];
  let steps = 0;
  // Until nothing more can go: a drop can make an operation tried earlier droppable.
  for (let dropped = true; dropped && kept.length > 1; ) {
    dropped = false;
    for (let i = kept.length - 1; i >= 0 && kept.length > 1; i--) {
      if (allowance.steps <= 0 || Date.now() > allowance.deadline) return { minimal: kept, steps };
      const without = kept.filter((_, j) => j !== i);
      const r = search(model, without, [model.init], allowance);
      steps += r.steps;
      if (r.outcome === 'not-linearizable') {
        kept = without;
        dropped = true;
      }
    }
  }
  return { minimal: kept, steps };
}
