import type { Model } from '../model.ts';
import type { StepSpec } from '../step.ts';
import { nth, StepCommand } from './command.ts';

/**
 * Changes the addresses a host has bound (control protocol `host-addresses`), as an operator
 * changing the machine's IP would: the half of remove → change IP → re-add that is not the API's,
 * and what lets a node whose internal address changed come back up.
 */
export class BindHostAddresses extends StepCommand {
  readonly reqs = ['NODE-ADDR-008', 'NODE-LIFE-005'] as const;

  override readonly needs = ['host-addresses', 'reset'];

  constructor(readonly pick: number, readonly addrs: readonly string[]) {
    super();
  }

  private host = (m: Readonly<Model>) => nth(Object.keys(m.state.hosts).sort(), this.pick)!;

  step(m: Model): StepSpec {
    const hostId = this.host(m);
    return {
      commands: [{ type: 'SetHostAddresses', data: { hostId, boundAddrs: this.addrs } }],
      request: { via: 'control', method: 'PUT', path: `/hosts/${hostId}/addresses`, body: { addresses: this.addrs } },
    };
  }

  toString(): string {
    return `BindHostAddresses(host #${this.pick}, ${JSON.stringify(this.addrs)})`;
  }
}
