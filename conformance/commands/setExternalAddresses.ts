import type { Model } from '../model.ts';
import type { StepSpec } from '../step.ts';
import { NodeStep } from './command.ts';

export class SetExternalAddresses extends NodeStep {
  readonly reqs = ['NODE-ADDR-004', 'NODE-ADDR-006', 'NODE-ADDR-010', 'NODE-ADDR-015', 'NODE-ADDR-016', 'NODE-ADDR-001'] as const;

  constructor(pick: number, readonly addrs: readonly string[]) {
    super(pick);
  }

  step(m: Model): StepSpec {
    const uid = this.node(m);
    return {
      commands: [{ type: 'SetNodeExternalAddresses', data: { uid, externalAddrs: this.addrs } }],
      request: { method: 'PUT', path: `/v1/nodes/${m.targetNode(uid)}`, body: { external_addr: this.addrs } },
    };
  }

  toString(): string {
    return `SetExternalAddresses(node ${this.which}, ${JSON.stringify(this.addrs)})`;
  }
}
