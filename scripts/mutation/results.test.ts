import { describe, expect, it } from 'vitest';
import { judged, score, slice, type StrykerReport } from './results.ts';
import type { ListedMutant } from './sample.ts';
import type { Verdict } from './verdicts.ts';

const source = 'export const ok = (p: number) => p >= 1 && p <= 65_535;\n';
const loc = (from: number, to: number) => ({ start: { line: 1, column: from }, end: { line: 1, column: to } });
const strykerMutant = (id: string, mutatorName: string, replacement: string, status: string, from = 34, to = 40) => ({ id, mutatorName, replacement, status, location: loc(from, to) });
const listedOf = (id: string, mutatorName: string, replacement: string): ListedMutant => ({ id, fileName: 'domain/rules/ports.ts', mutatorName, replacement, location: { start: { line: 0, column: 33 }, end: { line: 0, column: 39 } } });
const verdict = (id: string, v: Verdict['verdict'], detail?: string): [string, Verdict] => [id, { id, verdict: v, ms: 1000, ...(detail ? { detail } : {}) }];

const report: StrykerReport = {
  files: {
    'domain/rules/ports.ts': {
      source,
      mutants: [
        strykerMutant('0', 'EqualityOperator', 'p > 1', 'Killed'),
        strykerMutant('1', 'EqualityOperator', 'p < 1', 'Survived'),
        strykerMutant('2', 'ConditionalExpression', 'true', 'Survived'),
        strykerMutant('3', 'ConditionalExpression', 'false', 'Timeout'),
        strykerMutant('4', 'BooleanLiteral', 'x', 'Killed'),
        strykerMutant('5', 'StringLiteral', '""', 'Survived'),
        strykerMutant('6', 'ArithmeticOperator', 'y', 'Killed'),
        strykerMutant('7', 'ArithmeticOperator', 'z', 'Survived'),
      ],
    },
  },
};
const listed = [listedOf('0', 'EqualityOperator', 'p > 1'), listedOf('1', 'EqualityOperator', 'p < 1'), listedOf('2', 'ConditionalExpression', 'true'), listedOf('3', 'ConditionalExpression', 'false'), listedOf('4', 'BooleanLiteral', 'x'), listedOf('5', 'StringLiteral', '""'), listedOf('6', 'ArithmeticOperator', 'y'), listedOf('7', 'ArithmeticOperator', 'z')];
const verdicts = new Map([verdict('0', 'killed', 'ports: refused'), verdict('1', 'survived'), verdict('2', 'survived'), verdict('4', 'error', 'the suite threw: x'), verdict('5', 'skipped', 'time limit'), verdict('7', 'skipped', 'outside the sample')]);
const equivalents = [{ file: 'domain/rules/ports.ts', mutator: 'ConditionalExpression', original: 'p >= 1', replacement: 'true', reason: 'checked again below' }];

describe('the verdicts of a run', () => {
  const r = judged(report, listed, { sample: ['0', '1', '2', '3', '4', '5', '6'] }, verdicts, equivalents);
  const outcome = (id: string) => r.mutants.find((m) => m.id === id)?.outcome;

  it('take Stryker’s status with the judge’s verdict: an error of the judge or a missing verdict is never a kill', () => {
    expect(r.mutants.map((m) => [m.id, m.outcome])).toEqual([
      ['0', 'killed'],
      ['1', 'survived'],
      ['2', 'equivalent'],
      ['3', 'timeout'],
      ['4', 'error'],
      ['5', 'not-run'],
      ['6', 'error'],
    ]);
    expect(r.mutants.find((m) => m.id === '6')?.detail).toMatch(/no verdict/);
    expect(r.mutants.find((m) => m.id === '2')?.detail).toBe('checked again below');
    expect(outcome('7')).toBeUndefined();
  });

  it('read the original text from the source', () => {
    expect(r.mutants[0]).toMatchObject({ original: 'p >= 1', line: 1, column: 34, file: 'domain/rules/ports.ts' });
    expect(slice('ab\ncdef\ngh', { start: { line: 1, column: 2 }, end: { line: 3, column: 2 } })).toBe('b\ncdef\ng');
  });

  it('count each outcome and score killed over the killable', () => {
    expect(r.counts).toEqual({ killed: 1, survived: 1, equivalent: 1, timeout: 1, error: 2, 'not-run': 1 });
    expect(r.score.value).toBe(0.5);
    expect(r.score.withTimeouts).toBeCloseTo(2 / 3);
    expect(r.score.text).toMatch(/^score 50\.0 % = 1 killed \/ \(3 judged − 1 equivalent\); 1 timed out apart/);
  });

  it('judge the mutant Stryker ran under a drawn id, and say that it is not the one drawn', () => {
    const shifted = listed.map((m) => (m.id === '1' ? { ...m, replacement: 'p <= 1' } : m));
    const s = judged(report, shifted, { sample: ['0', '1', '99'] }, verdicts, []);
    expect(s.identityProblems).toEqual([expect.stringMatching(/^1: drawn as .* p <= 1, run as .* p < 1$/), expect.stringMatching(/^99: drawn as nothing, run as nothing/)]);
    expect(s.mutants.map((m) => [m.id, m.replacement, m.outcome])).toEqual([['0', 'p > 1', 'killed'], ['1', 'p < 1', 'survived']]);
    expect(s.counts.error).toBe(1);
  });
});

describe('the score', () => {
  it('is undefined with nothing killable, and counts timeouts only in its second figure', () => {
    const none = { killed: 0, survived: 0, equivalent: 4, timeout: 0, error: 1, 'not-run': 0 };
    expect(score(none).value).toBeUndefined();
    expect(score({ ...none, killed: 3, survived: 1, timeout: 4 })).toMatchObject({ value: 0.75, withTimeouts: 7 / 8 });
  });
});
