/**
 * How many sequences of an area may run costly rechecks: a sequence that begins one keeps it to
 * its end, so what it compares across steps (which certificates changed) stays whole. A replay
 * starts a new budget, so a failure a recheck found fails again under `--replay`.
 */
export class RecheckBudget {
  constructor(private left: number) {}

  /** Whether `sequence` (the names of the costly rechecks it has begun) may run `check`'s now. */
  allows(check: { readonly name: string; readonly recheck?: { readonly costly?: boolean } }, sequence: Set<string>): boolean {
    if (!check.recheck?.costly || sequence.has(check.name)) return true;
    if (this.left <= 0) return false;
    this.left--;
    sequence.add(check.name);
    return true;
  }
}

