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
}
