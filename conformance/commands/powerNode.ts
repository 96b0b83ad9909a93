import type { Model } from '../model.ts';
import type { StepSpec } from '../step.ts';
import { NodeStep } from './command.ts';
import { requestTo } from '../../domain/requests.ts';

/** Takes a node down or brings it up (control protocol `power`). */
export class PowerNode extends NodeStep {
  readonly reqs = ['NODE-LIFE-001', 'NODE-LIFE-005', 'NODE-ADDR-008'] as const;

  override readonly needs = ['power'];

  /**
   * @param byState the pick counts among the nodes the request would move (down ones to bring up,
   *   the others to take down), any node when none is: a node brought up is then mostly one that
   *   was down, whose start fails when its internal address is no longer bound on its host.
   */
  constructor(pick: number, readonly up: boolean, readonly byState = false) {
    super(pick);
  }

  protected override candidates(m: Readonly<Model>): string[] {
    const all = super.candidates(m);
    if (!this.byState) return all;
    const moved = all.filter((uid) => (m.state.nodes[uid]!.status === 'down') === this.up);
    return moved.length ? moved : all;
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
