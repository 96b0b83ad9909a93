import type { Target } from '../../api/target.ts';
import { Mismatch } from '../mismatch.ts';
import type { Model } from '../model.ts';
import { pickUid, type SuiteCommand, type StepCommand } from './command.ts';
import { PowerNode } from './powerNode.ts';
import { RemoveNode } from './removeNode.ts';
import { HeldCommand } from './whileHeld.ts';

/** What this command checks beyond its steps': a node that goes down while it is being removed. */
const INTERRUPTED = 'NODE-LIFE-006';

/**
 * A node taken down while its own removal is under way. A removal finishes on its own shortly
 * after it starts, and every step waits for the cluster's work to finish, so a node powered down
 * after `RemoveNode` was always one already removed. Here the suite holds the cluster's
 * asynchronous work (control protocol `hold-work`), asks for the removal, powers the node down
 * while it is `decommissioning`, and releases the work: the removal must have failed — the node
 * `down`, its remove action `failed` with an error code — and stay so once the work runs again.
 */
export class InterruptRemoval extends HeldCommand {
  readonly reqs = [INTERRUPTED, 'NODE-LIFE-001', 'NODE-LIFE-002'];

  override readonly needs = ['reset', 'power', 'hold-work'];

  readonly #remove: RemoveNode;
  readonly #powerOff: PowerNode;
  /** The node it picked, as the target numbers it: what a counterexample prints. */
  #shown: string | undefined;

  constructor(readonly pick: number) {
    super();
    this.#remove = new RemoveNode(pick);
    this.#powerOff = new PowerNode(pick, false);
  }

  /** Its steps, in order, sent with the work held between them. */
  get steps(): readonly StepCommand[] {
    return [this.#remove, this.#powerOff];
  }

  async run(m: Model, target: Target): Promise<void> {
    const uid = pickUid(m, 'nodes', this.pick);
    this.#shown = uid === undefined ? undefined : m.targetNode(uid);
    // Released, a removal overtaken by the node going down finishes nothing.
    await this.runHeld(m, target);
    if (uid !== undefined) await checkRemovalAction(m, target, uid, this.toString());
    m.coverage.exercise([INTERRUPTED]);
  }

  toString(): string {
    return `InterruptRemoval(node ${this.#shown ?? `#${this.pick}`}: removed, powered down while the work is held, released)`;
  }
}

/**
 * The removal's action object (`GET /v1/nodes/{uid}/actions/remove`) against the model's record of
 * it: its status, and for a failed one the error code the action object carries.
 */
async function checkRemovalAction(m: Model, target: Target, uid: string, label: string): Promise<void> {
  const expected = m.state.removals[uid];
  if (expected === undefined) return;
  const path = `/v1/nodes/${m.targetNode(uid)}/actions/remove`;
  const a = await target.api('GET', path);
  const shown = { status: a.body?.status, error_code: typeof a.body?.error_code === 'string' && a.body.error_code !== '' ? 'an error code' : a.body?.error_code };
  const wanted = { status: expected, error_code: expected === 'failed' ? 'an error code' : shown.error_code };
  if (a.status !== 200 || JSON.stringify(shown) !== JSON.stringify(wanted)) throw new Mismatch(`GET ${path} after ${label}`, wanted, a.status === 200 ? shown : a, [INTERRUPTED]);
}

/**
 * A removal interrupted, the node started again (NODE-LIFE-006: it can then be started or removed
 * again) and removed: the transitions out of a failed removal, which random runs reach seldom.
 */
export const interruptionSeeds = (): SuiteCommand[][] => [[new InterruptRemoval(1), new PowerNode(1, true), new RemoveNode(1)]];
