import type { Model } from '../model.ts';
import type { StepSpec } from '../step.ts';
import { nth, StepCommand } from './command.ts';
import { describedList, resolveAddress, type AddressHolder, type Drawn, type Resolved } from './held.ts';
import { requestTo } from '../../domain/requests.ts';

/**
 * Changes the addresses a host has bound (control protocol `host-addresses`), as an operator
 * changing the machine's IP would: the half of remove → change IP → re-add that is not the API's,
 * and what lets a node whose internal address changed come back up.
 */
export class BindHostAddresses extends StepCommand {
  readonly reqs = ['NODE-ADDR-008', 'NODE-LIFE-005'] as const;

  override readonly needs = ['host-addresses', 'reset'];

  #host: string | undefined;
  #sent: readonly Resolved<string>[] | undefined;

  constructor(readonly pick: number, readonly addrs: readonly Drawn<string, AddressHolder>[]) {
    super();
  }

  private host = (m: Readonly<Model>) => nth(Object.keys(m.state.hosts).sort(), this.pick)!;

  step(m: Model): StepSpec {
    const hostId = (this.#host = this.host(m));
    this.#sent = this.addrs.map((a) => resolveAddress(m, a, { host: hostId }));
    const addrs = this.#sent.map((r) => r.value);
    return {
      commands: [{ type: 'SetHostAddresses', data: { hostId, boundAddrs: addrs } }],
      request: { ...requestTo('SetHostAddresses', { host: hostId }), body: { addresses: addrs } },
    };
  }

  toString(): string {
    return `BindHostAddresses(host ${this.#host ?? `#${this.pick}`}, ${describedList(this.#sent, this.addrs)})`;
  }
}
