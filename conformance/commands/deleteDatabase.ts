import type { Model } from '../model.ts';
import type { StepSpec } from '../step.ts';
import { DatabaseStep } from './command.ts';

export class DeleteDatabase extends DatabaseStep {
  readonly reqs = ['DB-LIFE-001'] as const;

  step(m: Model): StepSpec {
    const uid = this.database(m);
    return {
      commands: [{ type: 'DeleteDatabase', data: { uid } }],
      request: { method: 'DELETE', path: `/v1/bdbs/${m.targetDb(uid)}` },
    };
  }

  toString(): string {
    return `DeleteDatabase(db ${this.which})`;
  }
}
