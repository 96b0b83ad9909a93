import type { Model } from '../model.ts';
import type { Probe } from '../probe.ts';
import type { StepCommand } from './command.ts';
import { ProbeCommand } from './probeCommand.ts';

/**
 * A command of the REST API sent with `?dry_run=1` (`POST /v1/bdbs`, `PUT /v1/cluster`): the
 * target must decide it as it would without — the same acceptance or refusal — and record
 * nothing: no state change, no log entry. The body of an accepted dry run is not compared (what
 * it shows is not decided by the specification), only its status.
 */
export class DryRun extends ProbeCommand {
  readonly reqs: readonly string[];
  override readonly needs: readonly string[];

  constructor(readonly inner: StepCommand) {
    super();
    // What a dry run itself checks: the same decision as the request (its own requirements are the
    // wrapped command's, exercised by it) and nothing recorded.
    this.reqs = ['API-DRY-001', 'API-LOG-001'];
    this.needs = inner.needs;
  }

  protected override applies(m: Readonly<Model>): boolean {
    return this.inner.check(m);
  }

  probe(m: Model): Omit<Probe, 'label' | 'reqs'> {
    const step = this.inner.step(m);
    const { decision } = m.predict(step.commands);
    const { method, path, body } = step.request;
    return { request: { method, path: `${path}?dry_run=1`, ...(body !== undefined ? { body } : {}) }, ...(decision.ok ? {} : { refusal: decision.rejection }) };
  }

  toString(): string {
    return `DryRun(${this.inner.toString()})`;
  }
}
