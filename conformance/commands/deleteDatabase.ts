import type { Model } from '../model.ts';
import type { StepSpec } from '../step.ts';
import { DatabaseStep } from './command.ts';
import { requestTo } from '../../domain/requests.ts';

export class DeleteDatabase extends DatabaseStep {
  readonly reqs = ['DB-LIFE-001'] as const;

  step(m: Model): StepSpec {
    const uid = this.database(m);
    return {
      commands: [{ type: 'DeleteDatabase', data: { uid } }],
      request: requestTo('DeleteDatabase', { uid: m.targetDb(uid) }),
    };
  }

  toString(): string {
    return `DeleteDatabase(db ${this.which})`;
  }
}
