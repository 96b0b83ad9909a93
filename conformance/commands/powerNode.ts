import type { Model } from '../model.ts';
import type { StepSpec } from '../step.ts';
import { NodeStep } from './command.ts';
import { requestTo } from '../../domain/requests.ts';

/** Takes a node down or brings it up (control protocol `power`). */
export class PowerNode extends NodeStep {
  readonly reqs = ['NODE-LIFE-001', 'NODE-LIFE-005', 'NODE-ADDR-008'] as const;

  override readonly needs = ['power'];

  constructor(pick: number, readonly up: boolean) {
    super(pick);
  }

  step(m: Model): StepSpec {
    const uid = this.node(m);
    return {
      commands: [{ type: this.up ? 'PowerOnNode' : 'PowerOffNode', data: { uid } }],
      request: { ...requestTo(this.up ? 'PowerOnNode' : 'PowerOffNode', { uid: m.targetNode(uid) }), body: { state: this.up ? 'up' : 'down' } },
    };
  }

  toString(): string {
    return `PowerNode(node ${this.which}, ${this.up ? 'up' : 'down'})`;
  }
}
