/** What the judge decided about one mutant, as it writes it (one file per mutant). */
export interface Verdict {
  /** Stryker's mutant id, or `dry-run` for the unmutated run. */
  readonly id: string;
  /**
   * killed: the suite failed, or the mock crashed or could not start; survived: the suite passed;
   * skipped: not run (outside the sample, or past the time limit); error: the judge itself failed.
   */
  readonly verdict: 'killed' | 'survived' | 'skipped' | 'error';
  readonly detail?: string;
  /** The suite's whole failure message (the first 4000 characters), to read a kill or an error in full. */
  readonly message?: string;
  readonly ms: number;
  /** On a pass: the areas that could not run (the dry run's are the baseline). */
  readonly notRun?: readonly string[];
  /** How many units of the suite ran (scripts/mutation/units.ts): all, none (not reached), or a count. */
  readonly units?: number | 'all' | 'none';
}
