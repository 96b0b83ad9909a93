/**
 * In how many sequences of an area each costly recheck runs: a sequence that begins one keeps it to
 * its end, so what it compares across steps (which certificates changed) stays whole. A replay
 * starts a new budget, so a failure a recheck found fails again under `--replay`.
 */
export class RecheckBudget {
  /** Each check's own: one check's sequences never use up another's. */
  private readonly used = new Map<string, number>();

  constructor(private readonly sequences: number) {}

  /** Whether `sequence` (the names of the costly rechecks it has begun) may run `check`'s now. */
  allows(check: { readonly name: string; readonly recheck?: { readonly costly?: boolean } }, sequence: Set<string>): boolean {
    if (!check.recheck?.costly || sequence.has(check.name)) return true;
    const used = this.used.get(check.name) ?? 0;
    if (used >= this.sequences) return false;
    this.used.set(check.name, used + 1);
    sequence.add(check.name);
    return true;
  }
}

