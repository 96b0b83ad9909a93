import type { Model } from '../model.ts';
import { runProbe, type Probe } from '../probe.ts';
import type { Target } from '../../api/target.ts';
import { SuiteCommand } from './command.ts';

/**
 * A fast-check command made of one probe (conformance/probe.ts): a request that must change
 * nothing, whose answer the model predicts. `applies` reads only the model.
 */
export abstract class ProbeCommand extends SuiteCommand {
  /** The request and its predicted answer, given the model's state now. */
  abstract probe(m: Model): Omit<Probe, 'label' | 'reqs'>;

  async run(m: Model, target: Target): Promise<void> {
    await runProbe(m, target, { ...this.probe(m), label: this.toString(), reqs: this.reqs });
  }
}

