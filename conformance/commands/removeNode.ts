import type { Model } from '../model.ts';
import type { StepSpec } from '../step.ts';
import { NodeStep } from './command.ts';
import { requestTo } from '../../domain/requests.ts';

export class RemoveNode extends NodeStep {
  readonly reqs = ['NODE-LIFE-002', 'NODE-LIFE-004', 'NODE-LIFE-007'] as const;

  /** A removed node cannot be put back by the suite: only on a cluster it may reset. */
  override readonly needs = ['reset'];

  step(m: Model): StepSpec {
    const uid = this.node(m);
    return {
      commands: [{ type: 'RemoveNode', data: { uid } }],
      request: { ...requestTo('RemoveNode', { uid: m.targetNode(uid) }), body: {} },
    };
  }

  toString(): string {
    return `RemoveNode(node ${this.which})`;
  }
}
