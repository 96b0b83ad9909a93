import type { Model } from '../model.ts';
import type { Step } from '../step.ts';
import { nth, StepCommand } from './command.ts';

export class DeleteDatabase extends StepCommand {
  constructor(readonly pick: number) {
    super();
  }

  protected override applies(m: Readonly<Model>): boolean {
    return Object.keys(m.state.databases).length > 0;
  }

  step(m: Model): Step {
    const uid = nth(Object.keys(m.state.databases), this.pick)!;
    return {
      label: this.toString(),
      reqs: ['DB-LIFE-001'],
      commands: [{ type: 'DeleteDatabase', data: { uid } }],
      request: { method: 'DELETE', path: `/v1/bdbs/${m.targetDb(uid)}` },
    };
  }

  toString(): string {
    return `DeleteDatabase(db #${this.pick})`;
  }
}
