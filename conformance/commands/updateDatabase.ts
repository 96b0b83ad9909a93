import type { Model } from '../model.ts';
import type { Step } from '../step.ts';
import { DatabaseStep } from './command.ts';

/** Sets a database's data internode encryption (the same value, or the other one). */
export class SetDatabaseEncryption extends DatabaseStep {
  readonly reqs = ['ENC-DATA-002', 'ENC-DATA-007', 'DB-LIFE-002'] as const;

  constructor(pick: number, readonly value: boolean) {
    super(pick);
  }

  step(m: Model): Step {
    const uid = this.database(m);
    return {
      label: this.toString(),
      reqs: this.reqs,
      commands: [{ type: 'UpdateDatabase', data: { uid, changes: { dataInternodeEncryption: this.value } } }],
      request: { method: 'PUT', path: `/v1/bdbs/${m.targetDb(uid)}`, body: { data_internode_encryption: this.value } },
    };
  }

  toString(): string {
    return `SetDatabaseEncryption(db #${this.pick}, ${this.value})`;
  }
}
