import type { Model } from '../model.ts';
import type { StepSpec } from '../step.ts';
import { NodeStep } from './command.ts';
import { describedList, resolveAddress, type AddressHolder, type Drawn, type Resolved } from './held.ts';
import { requestTo } from '../../domain/requests.ts';

export class SetExternalAddresses extends NodeStep {
  readonly reqs = ['NODE-ADDR-004', 'NODE-ADDR-006', 'NODE-ADDR-010', 'NODE-ADDR-015', 'NODE-ADDR-016', 'NODE-ADDR-001'] as const;

  #sent: readonly Resolved<string>[] | undefined;

  constructor(pick: number, readonly addrs: readonly Drawn<string, AddressHolder>[]) {
    super(pick);
  }

  step(m: Model): StepSpec {
    const uid = this.node(m);
    this.#sent = this.addrs.map((a) => resolveAddress(m, a, { node: uid }));
    const addrs = this.#sent.map((r) => r.value);
    return {
      commands: [{ type: 'SetNodeExternalAddresses', data: { uid, externalAddrs: addrs } }],
      request: { ...requestTo('SetNodeExternalAddresses', { uid: m.targetNode(uid) }), body: { external_addr: addrs } },
    };
  }

  toString(): string {
    return `SetExternalAddresses(node ${this.which}, ${describedList(this.#sent, this.addrs)})`;
  }
}
