import type fc from 'fast-check';
import type { Model } from '../model.ts';
import { runStep, type StepSpec } from '../step.ts';
import type { Target } from '../../api/target.ts';

/**
 * A fast-check command of the suite: a step (`StepCommand`) or a probe that must change nothing
 * (`ProbeCommand`). `applies` reads only the model (fast-check's rule); a command needing a
 * control capability the target lacks never applies.
 */
export abstract class SuiteCommand implements fc.AsyncCommand<Model, Target> {
  /**
   * Control-protocol capabilities the command needs. `reset` also marks a change the suite cannot
   * undo (a node removed, certificates reissued, the clock moved): it is sent only to a cluster the
   * suite may reset, never to one it adopted.
   */
  readonly needs: readonly string[] = [];
  /** The requirements this command checks. */
  abstract readonly reqs: readonly string[];

  check(m: Readonly<Model>): boolean {
    return this.needs.every((c) => m.capabilities.has(c)) && this.applies(m);
  }

  protected applies(_m: Readonly<Model>): boolean {
    return true;
  }

  abstract run(m: Model, target: Target): Promise<void>;

  abstract toString(): string;
}

/** A command made of one step: a request the model decides, and the state read after it. */
export abstract class StepCommand extends SuiteCommand {
  /** The request and what the model is asked, given the model's state now. */
  abstract step(m: Model): StepSpec;

  async run(m: Model, target: Target): Promise<void> {
    await runStep(m, target, { ...this.step(m), label: this.toString(), reqs: this.reqs });
  }
}

/** The n-th of a model's entities, so a generated index always lands on one that exists. */
export const nth = <T>(items: readonly T[], n: number): T | undefined => (items.length ? items[n % items.length] : undefined);

/**
 * A command about one of the model's nodes or databases, picked by index so that it always
 * names one that exists; it does not apply while there is none.
 */
abstract class PickStep extends StepCommand {
  protected abstract readonly kind: 'nodes' | 'databases';

  /** @param pick which of the entities, by index; `MISSING` names one that does not exist. */
  constructor(readonly pick: number) {
    super();
  }

  protected override applies(m: Readonly<Model>): boolean {
    return this.pick === MISSING || m.pickable(this.kind).length > 0;
  }

  /** The uid last picked, as the target numbers it: what a counterexample prints. */
  #shown: string | undefined;

  /** The entities the pick counts among: every one of the kind, unless a command draws by state. */
  protected candidates(m: Readonly<Model>): string[] {
    return m.pickable(this.kind);
  }

  protected picked(m: Readonly<Model>): string {
    const uid = this.pick === MISSING ? missingUid(m, this.kind) : nth(this.candidates(m), this.pick)!;
    const target = this.kind === 'nodes' ? m.targetNode(uid) : m.targetDb(uid);
    this.#shown = this.pick === MISSING ? `${target} (missing)` : target;
    return uid;
  }

  /** How the pick reads in a counterexample: the target's uid once picked, else the index. */
  protected get which(): string {
    return this.#shown ?? pickName(this.pick);
  }
}

/** The model uid a pick names among the entities of a kind (`MISSING`: one that does not exist), or none while there is none. */
export function pickUid(m: Readonly<Model>, kind: 'nodes' | 'databases', pick: number): string | undefined {
  return pick === MISSING ? missingUid(m, kind) : nth(m.pickable(kind), pick);
}

/** How a pick reads in a counterexample. */
export const pickName = (pick: number): string => (pick === MISSING ? 'missing' : `#${pick}`);

/** A pick that names no entity: the request must be refused as not found. */
export const MISSING = -1;
/**
 * A uid no entity of the kind has, in the model or on the target: well past the highest either
 * uses. An adopted cluster's uids are its own (a long-lived one may well have a database 999), and
 * a "missing" pick must never name one of them: a delete would remove the operator's database.
 */
export function missingUid(m: Readonly<Model>, kind: 'nodes' | 'databases'): string {
  const mapped = kind === 'nodes' ? m.nodes : m.databases;
  const uids = [...Object.keys(m.state[kind]), ...mapped.keys(), ...mapped.values()].map(Number).filter(Number.isFinite);
  return String(Math.max(0, ...uids) + 1000);
}

export abstract class NodeStep extends PickStep {
  protected readonly kind = 'nodes';
  protected node = (m: Readonly<Model>) => this.picked(m);
}

export abstract class DatabaseStep extends PickStep {
  protected readonly kind = 'databases';
  protected database = (m: Readonly<Model>) => this.picked(m);
}
