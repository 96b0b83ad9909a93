import type { Model } from '../model.ts';
import type { Step } from '../step.ts';
import { nth, StepCommand } from './command.ts';

export class RemoveNode extends StepCommand {
  constructor(readonly pick: number) {
    super();
  }

  protected override applies(m: Readonly<Model>): boolean {
    return Object.keys(m.state.nodes).length > 0;
  }

  step(m: Model): Step {
    const uid = nth(Object.keys(m.state.nodes), this.pick)!;
    return {
      label: this.toString(),
      reqs: ['NODE-LIFE-002', 'NODE-LIFE-004'],
      commands: [{ type: 'RemoveNode', data: { uid } }],
      request: { method: 'POST', path: `/v1/nodes/${uid}/actions/remove`, body: {} },
    };
  }

  toString(): string {
    return `RemoveNode(node #${this.pick})`;
  }
}
