import type { Model } from '../model.ts';
import type { StepSpec } from '../step.ts';
import { MISSING, NodeStep } from './command.ts';
import { described, resolveAddress, type AddressHolder, type Drawn, type Resolved } from './held.ts';
import { requestTo } from '../../domain/requests.ts';

/** `PUT /v1/nodes/{uid}` with a new internal address (valid, taken, malformed or of the wrong family). */
export class SetNodeAddress extends NodeStep {
  readonly reqs = ['NODE-ADDR-005', 'NODE-ADDR-007', 'NODE-ADDR-015', 'NODE-ADDR-003', 'NODE-ADDR-016', 'NODE-ADDR-009'] as const;

  /** The address last sent, and where it came from. */
  #sent: Resolved<string> | undefined;

  /** @param byState the pick counts among the down nodes (the only ones whose address may change), any node when none is. */
  constructor(pick: number, readonly addr: Drawn<string, AddressHolder>, readonly byState = false) {
    super(pick);
  }

  protected override candidates(m: Readonly<Model>): string[] {
    const all = super.candidates(m);
    const down = this.byState ? all.filter((uid) => m.state.nodes[uid]!.status === 'down') : [];
    return down.length ? down : all;
  }

  /**
   * Without power control the suite cannot take a node down, nor bring back an address it changed:
   * it asks only active nodes, where the change must be refused.
   */
  protected override applies(m: Readonly<Model>): boolean {
    if (!super.applies(m)) return false;
    return m.capabilities.has('power') || m.capabilities.has('reset') || this.pick === MISSING || m.state.nodes[this.node(m)]!.status === 'active';
  }

  step(m: Model): StepSpec {
    const uid = this.node(m);
    const addr = (this.#sent = resolveAddress(m, this.addr, { node: uid })).value;
    return {
      commands: [{ type: 'SetNodeAddress', data: { uid, addr } }],
      request: { ...requestTo('SetNodeAddress', { uid: m.targetNode(uid) }), body: { addr } },
      // NODE-ADDR-009: a target may refuse an address not bound on the host at once.
      alsoAllowed: [{ status: 400, error_code: 'address_not_bound' }],
    };
  }

  toString(): string {
    return `SetNodeAddress(node ${this.which}, ${described(this.#sent, this.addr)})`;
  }
}
