/** What `npm run mutation` hands the judges: written once before Stryker starts, read by each judge. */
export interface RunPlan {
  /** Stryker's ids of the sampled mutants: the judge runs these and skips every other. */
  readonly sample: readonly string[];
  /** Epoch ms after which a judge starts no mutant (`--time-limit`). */
  readonly deadline: number;
  /** The suite's seed, the same for every mutant: a mutant's verdict replays. */
  readonly seed: number;
  readonly budget: Budget;
  /** Where the sampled mutants are (absolute file, Babel's lines from 1): what the ignorer keeps. */
  readonly sites: readonly Site[];
}

export interface Site {
  readonly file: string;
  readonly start: { readonly line: number; readonly column: number };
  readonly end: { readonly line: number; readonly column: number };
}

/** How much of the suite each mutant gets: enough to meet every area and check, failing fast. */
export interface Budget {
  readonly runs: number;
  readonly maxCommands: number;
  /**
   * None by default: the suite's own budget cuts a sequence short mid-way, and on a loaded machine
   * the unmutated run then failed ("the run was interrupted"). Stryker's time-out catches hangs.
   */
  readonly timeBudgetMs?: number;
  /** Generous: on a loaded machine a slow answer is not a hang (Stryker's time-out catches those). */
  readonly requestTimeoutMs: number;
  /** Open `mixed` with the shortest paths to every transition (about 80 sequences: minutes per mutant). */
  readonly graphSeeds: boolean;
  /**
   * Run each mutant only through the units of the suite that reached it in the dry run
   * (scripts/mutation/units.ts); false runs every mutant through the whole suite (`--whole`).
   */
  readonly perUnit: boolean;
}

export const MUTATION_BUDGET: Budget = { runs: 3, maxCommands: 12, requestTimeoutMs: 60_000, graphSeeds: true, perUnit: true };
