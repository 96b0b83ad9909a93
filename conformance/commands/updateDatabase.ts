import type { Model } from '../model.ts';
import type { Step } from '../step.ts';
import { nth, StepCommand } from './command.ts';

/** Sets a database's data internode encryption (the same value, or the other one). */
export class SetDatabaseEncryption extends StepCommand {
  constructor(readonly pick: number, readonly value: boolean) {
    super();
  }

  protected override applies(m: Readonly<Model>): boolean {
    return Object.keys(m.state.databases).length > 0;
  }

  step(m: Model): Step {
    const uid = nth(Object.keys(m.state.databases), this.pick)!;
    return {
      label: this.toString(),
      reqs: ['ENC-DATA-002', 'ENC-DATA-003', 'ENC-DATA-007', 'DB-LIFE-002'],
      commands: [{ type: 'UpdateDatabase', data: { uid, changes: { dataInternodeEncryption: this.value } } }],
      request: { method: 'PUT', path: `/v1/bdbs/${m.targetDb(uid)}`, body: { data_internode_encryption: this.value } },
    };
  }

  toString(): string {
    return `SetDatabaseEncryption(db #${this.pick}, ${this.value})`;
  }
}
