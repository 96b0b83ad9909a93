import type { Model } from '../model.ts';
import type { StepSpec } from '../step.ts';
import { NodeStep } from './command.ts';
import { describedAddressList, resolveAddressList, sentValue, type AddressList, type SentList } from './addressList.ts';
import { requestTo } from '../../domain/requests.ts';

export class SetExternalAddresses extends NodeStep {
  readonly reqs = ['NODE-ADDR-004', 'NODE-ADDR-006', 'NODE-ADDR-010', 'NODE-ADDR-015', 'NODE-ADDR-016', 'NODE-ADDR-001'] as const;

  #sent: SentList | undefined;

  constructor(pick: number, readonly addrs: AddressList) {
    super(pick);
  }

  step(m: Model): StepSpec {
    const uid = this.node(m);
    this.#sent = resolveAddressList(m, this.addrs, { node: uid });
    const addrs = sentValue(this.#sent);
    return {
      commands: [{ type: 'SetNodeExternalAddresses', data: { uid, externalAddrs: addrs } }],
      request: { ...requestTo('SetNodeExternalAddresses', { uid: m.targetNode(uid) }), body: { external_addr: addrs } },
    };
  }

  toString(): string {
    return `SetExternalAddresses(node ${this.which}, ${describedAddressList(this.#sent, this.addrs)})`;
  }
}
