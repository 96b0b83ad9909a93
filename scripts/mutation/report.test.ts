import { describe, expect, it } from 'vitest';
import { markdownReport, trimmedReport } from './report.ts';
import type { JudgedMutant, Results, StrykerReport } from './results.ts';
import { score } from './results.ts';
import { MUTATION_BUDGET } from './plan.ts';

const m = (id: string, outcome: JudgedMutant['outcome'], detail?: string): JudgedMutant => ({ id, file: 'mock/edge/ports.ts', line: 10 + Number(id), column: 3, mutator: 'EqualityOperator', original: 'a < b', replacement: 'a <= b', outcome, ms: 2000, ...(detail ? { detail } : {}) });
const mutants = [m('0', 'killed', 'ports: x'), m('1', 'survived'), m('2', 'equivalent', 'same port either way'), m('3', 'timeout'), m('4', 'error', 'the suite threw: y')];
const counts = { killed: 1, survived: 1, equivalent: 1, timeout: 1, error: 1, 'not-run': 0 };
const results: Results = { mutants, counts, score: score(counts), identityProblems: [] };
const facts = { command: 'npm run mutation -- --sample 5', seed: 7, sample: 5, total: 900, files: 30, concurrency: 2, version: '9.6.1', wallMs: 120_000, budget: MUTATION_BUDGET, timeLimitMin: undefined, dryRun: { id: 'dry-run', verdict: 'survived' as const, ms: 30_000 } };

describe('the Markdown report', () => {
  const md = markdownReport(results, facts);

  it('says how it ran: command, seed, sample, concurrency, version, wall time and time per mutant', () => {
    for (const s of ['`npm run mutation -- --sample 5`', 'StrykerJS 9.6.1', 'a sample of 5 (seed 7)', 'concurrency 2', '30 files, 900 mutants', 'Wall time 120.0 s', 'per judged mutant 2.0 s']) expect(md).toContain(s);
  });

  it('gives the score and every count', () => {
    expect(md).toContain(score(counts).text);
    expect(md).toContain('| 1 | 1 | 1 | 1 | 1 | 0 |');
  });

  it('lists every survivor, classified as equivalent with its reason or as a blind spot', () => {
    expect(md).toContain('| mock/edge/ports.ts:11 | EqualityOperator | `a < b` → `a <= b` | blind spot |');
    expect(md).toContain('| mock/edge/ports.ts:12 | EqualityOperator | `a < b` → `a <= b` | equivalent: same port either way |');
    expect(md).toMatch(/ports.ts:14 .* error: the suite threw: y/);
  });
});

describe("Stryker's report, trimmed", () => {
  it('holds only the judged mutants, with the status their verdict gives', () => {
    const loc = { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } };
    const stryker: StrykerReport = {
      schemaVersion: '2',
      files: {
        'mock/edge/ports.ts': { source: 'x', mutants: ['0', '1', '2', '3', '4', '5'].map((id) => ({ id, mutatorName: 'M', location: loc, status: 'Killed' })) },
        'mock/edge/pki.ts': { source: 'y', mutants: [{ id: '9', mutatorName: 'M', location: loc, status: 'Ignored' }] },
      },
    };
    const t = trimmedReport(stryker, results);
    expect(Object.keys(t.files)).toEqual(['mock/edge/ports.ts']);
    expect(t.files['mock/edge/ports.ts']!.mutants.map((x) => x.status)).toEqual(['Killed', 'Survived', 'Survived', 'Timeout', 'RuntimeError']);
    expect(t.files['mock/edge/ports.ts']!.mutants[2]!.statusReason).toBe('equivalent: same port either way');
  });
});
