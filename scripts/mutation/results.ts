import type { Equivalent } from './equivalent.ts';
import { equivalentFor } from './equivalent.ts';
import type { RunPlan } from './plan.ts';
import type { ListedMutant } from './sample.ts';
import type { Verdict } from './verdicts.ts';

/** The parts of Stryker's JSON report (mutation-testing-report-schema) read here: lines and columns from 1. */
export interface StrykerReport {
  readonly schemaVersion?: string;
  readonly thresholds?: unknown;
  readonly files: Record<string, { readonly language?: string; readonly source: string; readonly mutants: readonly StrykerMutant[] }>;
  readonly [other: string]: unknown;
}
export interface StrykerMutant {
  readonly id: string;
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly location: { readonly start: { readonly line: number; readonly column: number }; readonly end: { readonly line: number; readonly column: number } };
  readonly status: string;
  readonly statusReason?: string;
  readonly [other: string]: unknown;
}

export type Outcome = 'killed' | 'survived' | 'equivalent' | 'timeout' | 'error' | 'not-run';

export interface JudgedMutant {
  readonly id: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly mutator: string;
  readonly original: string;
  readonly replacement: string;
  readonly outcome: Outcome;
  /** What killed it, why it is equivalent, or what went wrong. */
  readonly detail?: string;
  readonly ms?: number;
  /** How many units of the suite its judge ran (all, none: not reached, or a count). */
  readonly units?: number | 'all' | 'none';
}

export interface Results {
  readonly mutants: readonly JudgedMutant[];
  readonly counts: Readonly<Record<Outcome, number>>;
  readonly score: Score;
  /**
   * Sampled ids under which Stryker ran another mutant than the one listed beforehand: the sample
   * is not the one drawn. Each verdict is for the mutant Stryker ran (the id activated it); one
   * missing from Stryker's report has none and counts as an error.
   */
  readonly identityProblems: readonly string[];
}

export interface Score {
  /** killed / (killed + survived that are not equivalent); undefined when nothing was judged. */
  readonly value: number | undefined;
  /** The same with the timed-out mutants counted as killed. */
  readonly withTimeouts: number | undefined;
  readonly text: string;
}

/** The text a location spans in `source` (lines and columns from 1, end exclusive). */
export function slice(source: string, loc: StrykerMutant['location']): string {
  const lines = source.split('\n');
  if (loc.start.line === loc.end.line) return lines[loc.start.line - 1]!.slice(loc.start.column - 1, loc.end.column - 1);
  const middle = lines.slice(loc.start.line, loc.end.line - 1);
  return [lines[loc.start.line - 1]!.slice(loc.start.column - 1), ...middle, lines[loc.end.line - 1]!.slice(0, loc.end.column - 1)].join('\n');
}

/** The score: killed over the mutants that could be killed; timed-out and errors apart. */
export function score(counts: Readonly<Record<Outcome, number>>): Score {
  const judged = counts.killed + counts.survived;
  const value = judged ? counts.killed / judged : undefined;
  const withTimeouts = judged + counts.timeout ? (counts.killed + counts.timeout) / (judged + counts.timeout) : undefined;
  const pct = (v: number | undefined) => (v === undefined ? 'n/a' : `${(v * 100).toFixed(1)} %`);
  return { value, withTimeouts, text: `score ${pct(value)} = ${counts.killed} killed / (${counts.killed + counts.survived + counts.equivalent} judged − ${counts.equivalent} equivalent); ${counts.timeout} timed out apart (${pct(withTimeouts)} counting them killed)` };
}

/** What Stryker's status and the judge's verdict, together, say about one sampled mutant. */
function outcomeOf(status: string, verdict: Verdict | undefined, reason: string | undefined): { outcome: Outcome; detail?: string } {
  if (status === 'Timeout') return { outcome: 'timeout', detail: 'Stryker stopped the judge past its time-out' };
  if (verdict?.verdict === 'skipped') return { outcome: 'not-run', detail: verdict.detail };
  if (status === 'Killed' || status === 'Survived') {
    const expected = status === 'Killed' ? 'killed' : 'survived';
    if (verdict?.verdict === expected) return { outcome: expected, ...(verdict.detail ? { detail: verdict.detail } : {}) };
    if (verdict?.verdict === 'error') return { outcome: 'error', detail: verdict.detail ?? 'the judge failed' };
    return { outcome: 'error', detail: verdict ? `Stryker says ${status}, the judge said ${verdict.verdict}` : `Stryker says ${status}, but the judge wrote no verdict (it died: ${reason ?? 'no reason given'})` };
  }
  if (status === 'Pending' || status === 'Ignored') return { outcome: 'not-run', detail: `Stryker: ${status}${reason ? ` (${reason})` : ''}` };
  return { outcome: 'error', detail: `Stryker: ${status}${reason ? ` (${reason})` : ''}` };
}

/** The sampled mutants' outcomes: Stryker's report, the judge's verdicts and the curated equivalents. */
export function judged(report: StrykerReport, listed: readonly ListedMutant[], plan: Pick<RunPlan, 'sample'>, verdicts: ReadonlyMap<string, Verdict>, equivalents: readonly Equivalent[]): Results {
  const inReport = new Map<string, { file: string; source: string; mutant: StrykerMutant }>();
  for (const [file, f] of Object.entries(report.files)) for (const m of f.mutants) inReport.set(m.id, { file: file.split('\\').join('/'), source: f.source, mutant: m });
  const byId = new Map(listed.map((m) => [m.id, m]));
  const identityProblems: string[] = [];
  const mutants: JudgedMutant[] = [];
  for (const id of plan.sample) {
    const found = inReport.get(id);
    const listedAs = byId.get(id);
    if (!found || !listedAs || found.file !== listedAs.fileName || found.mutant.mutatorName !== listedAs.mutatorName || (found.mutant.replacement ?? '') !== listedAs.replacement) {
      identityProblems.push(`${id}: drawn as ${listedAs ? `${listedAs.fileName} ${listedAs.mutatorName} ${listedAs.replacement}` : 'nothing'}, run as ${found ? `${found.file} ${found.mutant.mutatorName} ${found.mutant.replacement}` : 'nothing'}`);
      // The judge ran the mutant Stryker numbered so: its verdict is that mutant's, not the drawn one's.
      if (!found) continue;
    }
    const { mutant, file, source } = found;
    const base = { id, file, line: mutant.location.start.line, column: mutant.location.start.column, mutator: mutant.mutatorName, original: slice(source, mutant.location), replacement: mutant.replacement ?? '' };
    let { outcome, detail } = outcomeOf(mutant.status, verdicts.get(id), mutant.statusReason);
    if (outcome === 'survived') {
      const eq = equivalentFor(base, equivalents);
      if (eq) [outcome, detail] = ['equivalent', eq.reason];
    }
    const { ms, units } = verdicts.get(id) ?? {};
    mutants.push({ ...base, outcome, ...(detail ? { detail } : {}), ...(ms !== undefined ? { ms } : {}), ...(units !== undefined ? { units } : {}) });
  }
  const counts = { killed: 0, survived: 0, equivalent: 0, timeout: 0, error: 0, 'not-run': 0 } as Record<Outcome, number>;
  for (const m of mutants) counts[m.outcome]++;
  counts.error += plan.sample.filter((id) => !inReport.has(id)).length;
  return { mutants, counts, score: score(counts), identityProblems };
}
