import type { Topology } from '../../core/topology.ts';
import type { Coverage } from '../coverage.ts';
import type { Model } from '../model.ts';
import type { TracedRequest } from '../reproducer.ts';

/**
 * Where every sequence of a run starts, and how the target is brought there: a reset to a known
 * topology (a target with the control protocol's `reset`), or the cluster the run adopted, put
 * back by compensation (any other).
 */
export interface Start {
  readonly mode: 'reset' | 'adopt';
  /** Brings the target to the start and returns the model of it. */
  prepare(coverage?: Coverage): Promise<Model>;
  /** The requests that bring a target to the start, first in a reproducer (none for an adopted cluster). */
  readonly preamble: readonly TracedRequest[];
  /** The topology a reset brings the target to (reset starts only). */
  readonly topology?: Topology;
}
