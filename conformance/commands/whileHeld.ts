import type { Target } from '../../api/target.ts';
import { Mismatch } from '../mismatch.ts';
import type { Model } from '../model.ts';
import { logLength, observe } from '../observe.ts';
import { waitForTarget } from '../step.ts';
import { SuiteCommand, type StepCommand } from './command.ts';

/** What a command sent to an entity whose previous change is still under way is refused with. */
const BUSY = ['DB-LIFE-002', 'NODE-LIFE-003'];

/**
 * A command made of steps sent while the target holds its asynchronous work (control protocol
 * `hold-work`). Every step waits for the cluster's work to finish, so without a hold an entity is
 * never seen, nor sent anything, while its change is under way; held, each step observes the
 * in-progress state (a database `active-change-pending`, a node `decommissioning`) as the model
 * predicts it, and the steps after the first reach the entity in it.
 */
export abstract class HeldCommand extends SuiteCommand {
  /** Its steps, in order, sent with the work held between them. */
  abstract get steps(): readonly StepCommand[];

  protected override applies(m: Readonly<Model>): boolean {
    return !m.workHeld && this.steps[0]!.check(m);
  }

  /** Holds the work, sends the steps that apply, releases it, and observes the settled state. */
  protected async runHeld(m: Model, target: Target): Promise<void> {
    const label = this.toString();
    await holdWork(m, target, true, label);
    try {
      for (const step of this.steps) if (step.check(m)) await step.run(m, target);
    } finally {
      await holdWork(m, target, false, label);
    }
    // Released: what was held runs now, and the state it settles in is read.
    await waitForTarget(target, label);
    m.settle();
    await observe(m, target, `${label}, work released`);
    // The control protocol's own operations may or may not be logged: the next step counts from here.
    m.logLength = await logLength(target);
  }
}

/** Holds or releases the target's asynchronous work, and tells the model. */
export async function holdWork(m: Model, target: Target, held: boolean, label: string): Promise<void> {
  m.trace.push({ via: 'control', method: 'POST', path: '/work', body: { hold: held }, step: label });
  const a = await target.control!('POST', '/work', { hold: held });
  if (a.status !== 200 || a.body?.held !== held) throw new Mismatch(`POST /work {"hold": ${held}} (${label})`, `200 { "held": ${held} }`, a, []);
  m.workHeld = held;
}

/**
 * A change, and further commands to the same entity while the first is under way: another update,
 * a delete, a removal or an address change, which the cluster refuses while the first change is in
 * progress (`DB-LIFE-002`, `NODE-LIFE-003`), or one it takes even then (a node powered on
 * mid-removal). Each is answered and observed while held, then the settled state.
 */
export class WhileHeld extends HeldCommand {
  readonly reqs: readonly string[];
  override readonly needs: readonly string[];
  readonly then: readonly StepCommand[];

  constructor(
    readonly first: StepCommand,
    ...then: StepCommand[]
  ) {
    super();
    this.then = then;
    this.reqs = [...new Set([...this.steps.flatMap((s) => s.reqs), ...BUSY])];
    this.needs = [...new Set(['hold-work', ...this.steps.flatMap((s) => s.needs)])];
  }

  get steps(): readonly StepCommand[] {
    return [this.first, ...this.then];
  }

  async run(m: Model, target: Target): Promise<void> {
    await this.runHeld(m, target);
  }

  toString(): string {
    return `WhileHeld(${this.first}, then while it is under way ${this.then.join(', ')}; released)`;
  }
}
