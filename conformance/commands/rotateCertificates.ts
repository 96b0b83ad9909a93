import type { StepSpec } from '../step.ts';
import { StepCommand } from './command.ts';
import { requestTo } from '../../domain/requests.ts';

export class RotateCertificates extends StepCommand {
  readonly reqs = ['CERT-ROT-003', 'CERT-ROT-004', 'CERT-ALR-003'] as const;

  /** Reissued certificates cannot be put back: only on a cluster the suite may reset. */
  override readonly needs = ['reset'];

  step(): StepSpec {
    return {
      commands: [{ type: 'RotateCertificates', data: {} }],
      request: requestTo('RotateCertificates'),
    };
  }

  toString(): string {
    return 'RotateCertificates()';
  }
}
