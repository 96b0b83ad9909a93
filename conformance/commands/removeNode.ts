import type { Model } from '../model.ts';
import type { StepSpec } from '../step.ts';
import { NodeStep } from './command.ts';

export class RemoveNode extends NodeStep {
  readonly reqs = ['NODE-LIFE-002', 'NODE-LIFE-004'] as const;

  step(m: Model): StepSpec {
    const uid = this.node(m);
    return {
      commands: [{ type: 'RemoveNode', data: { uid } }],
      request: { method: 'POST', path: `/v1/nodes/${uid}/actions/remove`, body: {} },
    };
  }

  toString(): string {
    return `RemoveNode(node ${this.which})`;
  }
}
