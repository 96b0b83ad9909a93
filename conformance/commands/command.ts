import type fc from 'fast-check';
import type { Model } from '../model.ts';
import { runStep, type Step } from '../step.ts';
import type { Target } from '../target/target.ts';

/**
 * A fast-check command made of one step. `applies` reads only the model (fast-check's rule);
 * a command needing a control capability the target lacks never applies.
 */
export abstract class StepCommand implements fc.AsyncCommand<Model, Target> {
  /** Control-protocol capabilities the command needs. */
  readonly needs: readonly string[] = [];
  /** The requirements this command checks. */
  abstract readonly reqs: readonly string[];

  check(m: Readonly<Model>): boolean {
    return this.needs.every((c) => m.capabilities.has(c)) && this.applies(m);
  }

  protected applies(_m: Readonly<Model>): boolean {
    return true;
  }

  abstract step(m: Model): Step;

  async run(m: Model, target: Target): Promise<void> {
    await runStep(m, target, this.step(m));
  }

  abstract toString(): string;
}

/** The n-th of a model's entities, so a generated index always lands on one that exists. */
export const nth = <T>(items: readonly T[], n: number): T | undefined => (items.length ? items[n % items.length] : undefined);

/** A command about one of the model's nodes, picked by index so that it always names one that exists. */
export abstract class NodeStep extends StepCommand {
  constructor(readonly pick: number) {
    super();
  }

  protected override applies(m: Readonly<Model>): boolean {
    return Object.keys(m.state.nodes).length > 0;
  }

  protected node(m: Readonly<Model>): string {
    return nth(Object.keys(m.state.nodes), this.pick)!;
  }
}

/** A command about one of the model's databases, picked the same way. */
export abstract class DatabaseStep extends StepCommand {
  constructor(readonly pick: number) {
    super();
  }

  protected override applies(m: Readonly<Model>): boolean {
    return Object.keys(m.state.databases).length > 0;
  }

  protected database(m: Readonly<Model>): string {
    return nth(Object.keys(m.state.databases), this.pick)!;
  }
}
