import type { Operation, SequentialModel } from './history.ts';

/**
 * Wing & Gong's search for a linearization, with Lowe's memoisation of (linearized set, state)
 * pairs already tried, as Porcupine implements it: the history as a list of call and return
 * entries in time order; an operation whose call is reached may be linearized next if the model
 * allows its answer there; a return reached before its operation was linearized means the
 * choices so far fail, and the last one is undone.
 */

interface Entry<I, O> {
  readonly op: Operation<I, O> | undefined;
  readonly index: number;
  readonly isCall: boolean;
  match: Entry<I, O> | undefined;
  prev: Entry<I, O> | undefined;
  next: Entry<I, O> | undefined;
}

export type SearchResult<S> =
  | { readonly outcome: 'linearizable'; readonly order: readonly number[]; readonly states: readonly S[]; readonly steps: number }
  | { readonly outcome: 'not-linearizable'; readonly steps: number }
  | { readonly outcome: 'unknown'; readonly steps: number; readonly reason: string };

/** Stops a search: how many steps it may still take, and by when. */
export interface Allowance {
  steps: number;
  readonly deadline: number;
}

/**
 * Every state the model may be in after one operation, from any of `states` (the power-set
 * construction: a model that leaves choices is searched as a deterministic one over sets).
 */
export function stepAll<S, I, O>(model: SequentialModel<S, I, O>, states: readonly S[], op: Operation<I, O>): S[] {
  const next = new Map<string, S>();
  for (const s of states) for (const n of model.step(s, op.input, op.output)) next.set(model.key(n), n);
  return [...next.values()];
}

const statesKey = <S>(model: SequentialModel<S, unknown, unknown>, states: readonly S[]) => states.map((s) => model.key(s)).sort().join('\u0000');

function entries<I, O>(ops: readonly Operation<I, O>[]): Entry<I, O> {
  const list: Entry<I, O>[] = [];
  ops.forEach((op, index) => {
    const call: Entry<I, O> = { op, index, isCall: true, match: undefined, prev: undefined, next: undefined };
    const ret: Entry<I, O> = { op, index, isCall: false, match: undefined, prev: undefined, next: undefined };
    call.match = ret;
    list.push(call, ret);
  });
  // At equal times a call comes first: operations that touch are taken as overlapping (the
  // clock cannot order them), which never rejects a history a finer clock would accept.
  const time = (e: Entry<I, O>) => (e.isCall ? e.op!.call : e.op!.ret);
  list.sort((a, b) => time(a) - time(b) || Number(b.isCall) - Number(a.isCall));
  const head: Entry<I, O> = { op: undefined, index: -1, isCall: false, match: undefined, prev: undefined, next: undefined };
  let last = head;
  for (const e of list) {
    last.next = e;
    e.prev = last;
    last = e;
  }
  return head;
}

function lift<I, O>(call: Entry<I, O>): void {
  call.prev!.next = call.next;
  call.next!.prev = call.prev;
  const ret = call.match!;
  ret.prev!.next = ret.next;
  if (ret.next) ret.next.prev = ret.prev;
}

function unlift<I, O>(call: Entry<I, O>): void {
  const ret = call.match!;
  ret.prev!.next = ret;
  if (ret.next) ret.next.prev = ret;
  call.prev!.next = call;
  call.next!.prev = call;
}

/** Searches one history (one part) from `init`; spends from `allowance`. */
export function search<S, I, O>(model: SequentialModel<S, I, O>, ops: readonly Operation<I, O>[], init: readonly S[], allowance: Allowance): SearchResult<S> {
  const head = entries(ops);
  const tried = new Set<string>();
  const stack: { entry: Entry<I, O>; states: readonly S[] }[] = [];
  let states = init;
  let linearized = 0n;
  let steps = 0;
  let entry = head.next;
  while (head.next) {
    if (allowance.steps <= 0) return { outcome: 'unknown', steps, reason: 'step budget spent' };
    allowance.steps--;
    steps++;
    if ((steps & 1023) === 0 && Date.now() > allowance.deadline) return { outcome: 'unknown', steps, reason: 'time budget spent' };
    if (entry!.isCall) {
      const next = stepAll(model, states, entry!.op!);
      if (next.length) {
        const now = linearized | (1n << BigInt(entry!.index));
        const key = `${now.toString(36)}|${statesKey(model, next)}`;
        if (!tried.has(key)) {
          tried.add(key);
          stack.push({ entry: entry!, states });
          states = next;
          linearized = now;
          lift(entry!);
          entry = head.next;
          continue;
        }
      }
      entry = entry!.next;
    } else {
      // This operation returned before any order could place it: undo the last choice.
      const top = stack.pop();
      if (!top) return { outcome: 'not-linearizable', steps };
      entry = top.entry;
      states = top.states;
      linearized &= ~(1n << BigInt(entry.index));
      unlift(entry);
      entry = entry.next;
    }
  }
  return { outcome: 'linearizable', order: stack.map((s) => s.entry.op!.id), states, steps };
}
