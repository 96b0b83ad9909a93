/**
 * Which units of the suite's work a mutant needs, from the coverage the dry run recorded: the
 * judge runs those and leaves the others out (as Stryker's own `perTest` coverage analysis does for
 * test runners it knows). A unit is a check, an area's start (`area#start`) or one sequence
 * (`area#3`); each starts from a reset, so one can run without those before it.
 */

/** What Stryker's instrumented code counts (`__stryker__.mutantCoverage`), and the units in the dry run's order. */
export interface UnitCoverage {
  /** The units as the dry run met them, `STARTUP` first. */
  readonly order: readonly string[];
  /** Mutants reached while no unit was current (module load). */
  readonly static: Readonly<Record<string, number>>;
  readonly perTest: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** The work before the first unit: starting the mock, the suite's access and capability reads. */
export const STARTUP = 'startup';

export type Selection =
  | { readonly kind: 'all'; readonly why: string }
  | { readonly kind: 'none' }
  | { readonly kind: 'some'; readonly units: ReadonlySet<string> };

const areaOf = (unit: string) => (unit.includes('#') ? unit.slice(0, unit.lastIndexOf('#')) : undefined);

/**
 * The units mutant `id` needs. Reached at load or at start-up: every unit (what it changed may be
 * seen anywhere). Reached in an area's start: every sequence of that area. Reached in a unit: that
 * unit, and the one before it too: work the previous unit set going (a timer, a late answer) may
 * have reached the mutant after this one became current, and is counted as this one's.
 */
export function unitsFor(coverage: UnitCoverage, id: string): Selection {
  if (coverage.static[id]) return { kind: 'all', why: 'reached at module load' };
  if (coverage.perTest[STARTUP]?.[id]) return { kind: 'all', why: 'reached at start-up' };
  const order = coverage.order.filter((u) => u !== STARTUP);
  const reached = order.filter((u) => coverage.perTest[u]?.[id]);
  if (!reached.length) return { kind: 'none' };
  const units = new Set<string>(reached);
  for (const unit of reached) {
    const before = order[order.indexOf(unit) - 1];
    // An area's start runs whenever one of its units does: never a reason to run all of them.
    if (before !== undefined && !before.endsWith('#start')) units.add(before);
    if (unit.endsWith('#start')) for (const u of order) if (areaOf(u) === areaOf(unit)) units.add(u);
  }
  return { kind: 'some', units };
}

/** Whether the suite should run `unit` for this selection: an area starts when any of its units runs. */
export function wanted(selection: Selection, unit: string): boolean {
  if (selection.kind === 'all') return true;
  if (selection.kind === 'none') return false;
  if (!unit.endsWith('#start')) return selection.units.has(unit);
  const area = areaOf(unit);
  return [...selection.units].some((u) => areaOf(u) === area);
}
