import { describe, expect, it } from 'vitest';
import type { AreaResult, SuiteResult } from '../suite.ts';
import { jsonReport } from './json.ts';
import { junitReport } from './junit.ts';
import { textReport } from './text.ts';

const area = (crashes?: number): AreaResult => ({
  name: 'concurrent',
  title: '4 clients at once',
  reqs: ['DB-LIFE-001', 'API-LOG-001'],
  exercised: { 'DB-LIFE-001': 5, 'API-LOG-001': 2 },
  outcome: 'passed',
  runs: 3,
  ms: 1000,
  histories: { checked: 7, unknown: 0 },
  ...(crashes !== undefined ? { crashes } : {}),
});
const result = (a: AreaResult): SuiteResult => ({ outcome: 'passed', seed: 1, runs: 3, capabilities: ['reset', 'crash'], areas: [a], coverage: [] });
const facts = { tool: { name: 't', version: '0' }, target: 'https://127.0.0.1:9443', options: {}, started: new Date(0), ended: new Date(1000) };

describe('crashes survived, in every report', () => {
  it('is said in the text, the JSON and the JUnit report of a run that crashed its target', () => {
    const r = result(area(2));
    expect(textReport(r, 'x', 1000)).toContain('crashes survived: 2');
    expect(textReport(r, 'x', 1000)).toContain('Crashes survived: 2 (');
    expect(jsonReport(r, facts)).toMatchObject({ crashes_survived: 2, areas: [{ histories: { checked: 7 }, crashes: 2 }] });
    expect(junitReport(r, 'x')).toContain('<property name="crashes survived" value="2"/>');
  });

  it('is not said where the target offers no crash (0 survived is said where it does)', () => {
    const r = result(area());
    expect(textReport(r, 'x', 1000)).not.toMatch(/crashes survived/i);
    expect(jsonReport(r, facts)).not.toHaveProperty('crashes_survived');
    expect(junitReport(r, 'x')).not.toContain('crashes survived');
    expect(textReport(result(area(0)), 'x', 1000)).toContain('crashes survived: 0');
  });
});
