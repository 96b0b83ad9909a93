import fc from 'fast-check';
import type { Target } from '../../api/target.ts';
import { awaitRestart, requestCrash } from '../concurrent/crash.ts';
import { Mismatch } from '../mismatch.ts';
import type { Model } from '../model.ts';
import { observe } from '../observe.ts';
import { waitForTarget } from '../step.ts';
import { SuiteCommand } from './command.ts';

/** Every acknowledged change is in the log the restarted target recovers from. */
const DURABLE = 'API-LOG-001';

/**
 * A crash between two steps of a sequential area (only where the target offers `crash`, at most
 * once a sequence: each costs a restart): the target dies as by SIGKILL and comes back on its
 * data, and the whole state it then shows — every change acknowledged so far, the environment the
 * control protocol set, the work that was pending, finished — must be the model's. Requests in
 * flight at a crash are the concurrent area's (decisions/0020-crashes.md).
 */
export class Crash extends SuiteCommand {
  override readonly needs = ['crash'];
  readonly reqs = [DURABLE];

  /** @param counted the area's count of crashes survived (the report's "crashes survived"). */
  constructor(private readonly counted: { survived: number }) {
    super();
  }

  protected override applies(m: Readonly<Model>): boolean {
    return !m.trace.some((t) => t.via === 'control' && t.path === '/crash');
  }

  async run(m: Model, target: Target): Promise<void> {
    const label = this.toString();
    m.trace.push({ via: 'control', method: 'POST', path: '/crash', body: { after_ms: 0 }, step: label });
    const asked = Date.now();
    await requestCrash(target, 0);
    await awaitRestart(target, label, { asked, afterMs: 0, seenDown: false });
    await waitForTarget(target, label);
    m.settle();
    try {
      await observe(m, target, label);
    } catch (e) {
      if (e instanceof Mismatch) throw new Mismatch(e.step, e.expected, e.actual, [...new Set([...e.reqs, DURABLE])]);
      throw e;
    }
    m.coverage.exercise([DURABLE]);
    this.counted.survived++;
  }

  toString(): string {
    return 'Crash(killed, restarted on its data)';
  }
}

/** Added to every sequential area's commands where the target offers `crash` (never in-process), counting into `counted`. */
export const crashStep = (counted: { survived: number }) => fc.constant(null).map(() => new Crash(counted));
