import type { Model } from '../model.ts';
import type { StepSpec } from '../step.ts';
import { StepCommand } from './command.ts';
import { requestTo } from '../../domain/requests.ts';

const DAY = 86_400_000;

/** Moves the cluster clock (control protocol `clock`): the rotation job and alerts run. */
export class AdvanceClock extends StepCommand {
  readonly reqs = ['CERT-ROT-001', 'CERT-ROT-002', 'CERT-ALR-001', 'CERT-EXP-001', 'CERT-ALR-003'] as const;

  // The clock never moves back: only on a cluster the suite may reset.
  override readonly needs = ['clock', 'reset'];

  constructor(readonly days: number) {
    super();
  }

  step(m: Model): StepSpec {
    return {
      commands: [{ type: 'AdvanceClock', data: { now: m.state.clock + this.days * DAY } }],
      request: { ...requestTo('AdvanceClock'), body: { advance_days: this.days } },
    };
  }

  toString(): string {
    return `AdvanceClock(${this.days} days)`;
  }
}
