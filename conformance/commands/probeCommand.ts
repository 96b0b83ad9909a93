import type fc from 'fast-check';
import type { Model } from '../model.ts';
import { runProbe, type Probe } from '../probe.ts';
import type { Target } from '../../api/target.ts';
import { MISSING, missingUid, nth } from './command.ts';

/**
 * A fast-check command made of one probe (conformance/probe.ts): a request that must change
 * nothing, whose answer the model predicts. `applies` reads only the model.
 */
export abstract class ProbeCommand implements fc.AsyncCommand<Model, Target> {
  readonly needs: readonly string[] = [];
  abstract readonly reqs: readonly string[];

  check(m: Readonly<Model>): boolean {
    return this.needs.every((c) => m.capabilities.has(c)) && this.applies(m);
  }

  protected applies(_m: Readonly<Model>): boolean {
    return true;
  }

  /** The request and its predicted answer, given the model's state now. */
  abstract probe(m: Model): Omit<Probe, 'label' | 'reqs'>;

  async run(m: Model, target: Target): Promise<void> {
    await runProbe(m, target, { ...this.probe(m), label: this.toString(), reqs: this.reqs });
  }

  abstract toString(): string;
}

/** The model uid a pick names among the entities of a kind (`MISSING`: one that does not exist), or none while there is none. */
export function pickUid(m: Readonly<Model>, kind: 'nodes' | 'databases', pick: number): string | undefined {
  return pick === MISSING ? missingUid(m, kind) : nth(m.pickable(kind), pick);
}

/** How a pick reads in a counterexample. */
export const pickName = (pick: number) => (pick === MISSING ? 'missing' : `#${pick}`);
