import type { Model } from '../model.ts';
import type { StepSpec } from '../step.ts';
import { StepCommand } from './command.ts';
import { described, resolvePort, type Drawn, type PortHolder, type Resolved } from './held.ts';
import { requestTo } from '../../domain/requests.ts';

/**
 * Holds or releases a port with a process that is not the cluster's (control protocol
 * `foreign-ports`): a database or management port asked for while it is held must be refused.
 */
export class HoldPort extends StepCommand {
  readonly reqs = ['PORT-DB-002', 'PORT-DB-003', 'PORT-CM-002'] as const;

  override readonly needs = ['foreign-ports', 'reset'];

  #sent: Resolved<unknown> | undefined;

  constructor(readonly port: Drawn<number, PortHolder>, readonly hold: boolean) {
    super();
  }

  step(m: Model): StepSpec {
    const port = (this.#sent = resolvePort(m, this.port)).value;
    return {
      commands: [{ type: this.hold ? 'HoldPort' : 'ReleasePort', data: { port } }],
      request: requestTo(this.hold ? 'HoldPort' : 'ReleasePort', { port: String(port) }),
    };
  }

  toString(): string {
    return `${this.hold ? 'HoldPort' : 'ReleasePort'}(${described(this.#sent, this.port)})`;
  }
}
