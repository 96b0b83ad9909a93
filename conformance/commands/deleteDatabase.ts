import type { Model } from '../model.ts';
import type { Step } from '../step.ts';
import { DatabaseStep } from './command.ts';

export class DeleteDatabase extends DatabaseStep {
  readonly reqs = ['DB-LIFE-001'] as const;

  step(m: Model): Step {
    const uid = this.database(m);
    return {
      label: this.toString(),
      reqs: this.reqs,
      commands: [{ type: 'DeleteDatabase', data: { uid } }],
      request: { method: 'DELETE', path: `/v1/bdbs/${m.targetDb(uid)}` },
    };
  }

  toString(): string {
    return `DeleteDatabase(db ${this.which})`;
  }
}
