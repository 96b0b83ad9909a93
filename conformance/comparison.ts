import { narrow } from './blame.ts';
import { Mismatch } from './mismatch.ts';

/**
 * Compares fact by fact; the first that differs is the failure, naming the requirements of that
 * field (those of them the step exercised, where it exercised any). A fact that held and that the
 * step changed (a value the model did not have at the last look) exercised its field's
 * requirements: one compared unchanged is the same check as at the last step, claimed by none.
 */
export class Comparison {
  /** The requirements of the facts that held and that the step changed. */
  readonly exercised = new Set<string>();
  /** Every fact compared now, for the next step's comparison to tell what changed. */
  readonly facts = new Map<string, string>();

  constructor(
    readonly after: string,
    /** The requirements of the transitions the step took (empty for the start of a sequence). */
    readonly focus: readonly string[] = [],
    /** The facts of the last look (none at the start of a sequence). */
    readonly previous: ReadonlyMap<string, string> = new Map(),
  ) {}

  fact(read: string, detail: string, expected: unknown, actual: unknown, reqs: readonly string[]): void {
    const value = JSON.stringify(expected);
    if (value !== JSON.stringify(actual)) {
      throw new Mismatch(`${read} after ${this.after}${detail ? `: ${detail}` : ''}`, expected, actual, narrow(reqs, this.focus));
    }
    const key = `${read} ${detail}`;
    this.facts.set(key, value);
    if (this.previous.get(key) !== value) for (const r of narrow(reqs, this.focus)) this.exercised.add(r);
  }
}
