import type { DomainEvent } from '../../domain/events.ts';
import type { Model } from '../model.ts';
import type { Target } from '../../api/target.ts';

/**
 * A property checked once per run rather than by generated sequences: something to probe (a TLS
 * listener, a data-plane client) more than a state to drive. It needs control capabilities; a
 * target without them reports it *not run*.
 */
export interface Check {
  readonly name: string;
  readonly title: string;
  readonly needs: readonly string[];
  readonly reqs: readonly string[];
  /** Throws `Mismatch` where the target does not conform. */
  run(target: Target): Promise<void>;
  /**
   * The same property checked again inside the sequences, after every step that changes what it
   * checks: a step whose events (accepted, or completed while the suite waited) are of these
   * types. Against the state the model predicts then, on a target with everything `needs` names
   * but `reset` (a sequence has its own start).
   */
  readonly recheck?: Recheck;
}

export interface Recheck {
  readonly events: readonly DomainEvent['type'][];
  /** Of those events, only the ones this holds for (a settings change that touched http_support). */
  readonly when?: (event: DomainEvent) => boolean;
  /** The requirements a recheck compares: exercised by the step when it held. */
  readonly reqs: readonly string[];
  /**
   * Throws `Mismatch` where the target differs from the model; `focus` is the requirements of the
   * step's transitions, to narrow what a failure names (conformance/blame.ts); `events` what the
   * model says the step did (accepted, and completed while the suite waited).
   */
  verify(target: Target, model: Model, after: string, focus: readonly string[], events: readonly DomainEvent[]): Promise<void>;
  /**
   * Reads, before a step predicted to affect it, what `verify` compares against (what changed),
   * where the sequence has not read it yet.
   */
  before?(target: Target, model: Model): Promise<void>;
  /**
   * Dear on some targets (the mock makes a certificate's key when it is first read): run in only
   * as many sequences as the run's budget allows (`RecheckBudget`), in all of a sequence once begun.
   */
  readonly costly?: boolean;
}

/** Whether a step with these events changed what `check` checks, on a target that offers it. */
export const affects = (check: Check, events: readonly DomainEvent[], capabilities: ReadonlySet<string>): boolean =>
  check.recheck !== undefined &&
  check.needs.every((n) => n === 'reset' || capabilities.has(n)) &&
  events.some((e) => check.recheck!.events.includes(e.type) && (check.recheck!.when?.(e) ?? true));
