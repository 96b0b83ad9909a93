import type { Step } from '../step.ts';
import { StepCommand } from './command.ts';

export class RotateCertificates extends StepCommand {
  step(): Step {
    return {
      label: this.toString(),
      reqs: ['CERT-ROT-003', 'CERT-ROT-004'],
      commands: [{ type: 'RotateCertificates', data: {} }],
      request: { method: 'POST', path: '/v1/cluster/certificates/rotate' },
    };
  }

  toString(): string {
    return 'RotateCertificates()';
  }
}
