import type { Model } from '../model.ts';
import type { Step } from '../step.ts';
import { nth, StepCommand } from './command.ts';

/** `PUT /v1/nodes/{uid}` with a new internal address (valid, taken, malformed or of the wrong family). */
export class SetNodeAddress extends StepCommand {
  constructor(readonly pick: number, readonly addr: string) {
    super();
  }

  protected override applies(m: Readonly<Model>): boolean {
    return Object.keys(m.state.nodes).length > 0;
  }

  step(m: Model): Step {
    const uid = nth(Object.keys(m.state.nodes), this.pick)!;
    return {
      label: this.toString(),
      reqs: ['NODE-ADDR-005', 'NODE-ADDR-007', 'NODE-ADDR-003', 'NODE-ADDR-016', 'NODE-ADDR-009'],
      commands: [{ type: 'SetNodeAddress', data: { uid, addr: this.addr } }],
      request: { method: 'PUT', path: `/v1/nodes/${uid}`, body: { addr: this.addr } },
      // NODE-ADDR-009: a target may refuse an address not bound on the host at once.
      alsoAllowed: [{ status: 400, error_code: 'address_not_bound' }],
    };
  }

  toString(): string {
    return `SetNodeAddress(node #${this.pick}, ${JSON.stringify(this.addr)})`;
  }
}
