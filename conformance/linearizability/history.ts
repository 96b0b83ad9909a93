/**
 * A concurrent history and the sequential specification it is checked against. Generic: the
 * checker knows nothing of clusters; the suite gives it the machines as `step`.
 */

/** The answer of an operation nobody saw: it may or may not have taken effect, with any answer. */
export const UNSEEN: unique symbol = Symbol('unseen');
export type Unseen = typeof UNSEEN;

/** One request of a history: when it was sent and answered (one clock for all), what it asked, what came back. */
export interface Operation<I, O> {
  /** Unique in the history, 0 … n-1 (the checker's bitset of linearized operations uses it). */
  readonly id: number;
  /** Which client sent it: a client's operations never overlap. */
  readonly client: number;
  readonly input: I;
  /** What came back; `UNSEEN`: not known (a request that timed out, or one a reduction set aside). */
  readonly output: O | Unseen;
  /** Invocation time. */
  readonly call: number;
  /** Completion time (≥ call). */
  readonly ret: number;
}

/** The operation with its answer set aside. */
export const unseen = <I, O>(op: Operation<I, O>): Operation<I, O> => ({ ...op, output: UNSEEN });

/**
 * The sequential specification. `step` returns every state the object may be in after `input`
 * answered `output` in `state`; none: that answer is impossible there. Several: the
 * specification leaves a choice (the cluster finishing its own work before or after a request).
 */
export interface SequentialModel<S, I, O> {
  readonly init: S;
  step(state: S, input: I, output: O | Unseen): readonly S[];
  /** Equal states have equal keys (the memo of (linearized set, state)). */
  key(state: S): string;
  /**
   * P-compositionality: operations of different parts never constrain each other (a database's
   * requests and another's), so each part is checked alone. Only sound where the parts'
   * states are independent under `step`.
   */
  partition?(input: I): string;
}

/** How much search a check may spend before it answers `unknown`. */
export interface Budget {
  /** Steps of the search (a linearization tried or undone), over all parts. */
  readonly maxSteps?: number;
  /** Wall-clock milliseconds from the start of the check. */
  readonly maxMs?: number;
}

export type Verdict<S, I, O> =
  | {
      readonly outcome: 'linearizable';
      /** A witness: the operations' ids in an order that respects real time and the model, part by part. */
      readonly order: readonly number[];
      /** The states the model may be in after the witness order. */
      readonly states: readonly S[];
      readonly steps: number;
    }
  | {
      readonly outcome: 'not-linearizable';
      /**
       * The answers no order explains together: a set of operations none of whose answers can be
       * set aside (made `UNSEEN`) and the history still fail (1-minimal).
       */
      readonly minimal: readonly Operation<I, O>[];
      /** The other operations of the part, whose answers were set aside: sent, but any answer would do. */
      readonly context: readonly Operation<I, O>[];
      /** The part it belongs to ('' without partitioning). */
      readonly part: string;
      readonly steps: number;
    }
  | { readonly outcome: 'unknown'; readonly steps: number; readonly reason: string };
