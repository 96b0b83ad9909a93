import type { StepSpec } from '../step.ts';
import { StepCommand } from './command.ts';
import { requestTo } from '../../domain/requests.ts';

export class SetEncryptionPolicy extends StepCommand {
  readonly reqs = ['ENC-DATA-004', 'ENC-DATA-005'] as const;

  constructor(readonly value: unknown) {
    super();
  }

  step(): StepSpec {
    return {
      commands: [{ type: 'SetClusterPolicy', data: { dataInternodeEncryption: this.value } }],
      request: { ...requestTo('SetClusterPolicy'), body: { data_internode_encryption: this.value } },
    };
  }

  toString(): string {
    return `SetEncryptionPolicy(${JSON.stringify(this.value)})`;
  }
}
