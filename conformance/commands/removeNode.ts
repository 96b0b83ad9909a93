import type { Model } from '../model.ts';
import type { Step } from '../step.ts';
import { NodeStep } from './command.ts';

export class RemoveNode extends NodeStep {
  readonly reqs = ['NODE-LIFE-002', 'NODE-LIFE-004'] as const;

  step(m: Model): Step {
    const uid = this.node(m);
    return {
      label: this.toString(),
      reqs: this.reqs,
      commands: [{ type: 'RemoveNode', data: { uid } }],
      request: { method: 'POST', path: `/v1/nodes/${uid}/actions/remove`, body: {} },
    };
  }

  toString(): string {
    return `RemoveNode(node ${this.which})`;
  }
}
