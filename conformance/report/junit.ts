import type { SuiteResult } from '../suite.ts';
import { failingStep } from './failingStep.ts';
import { areaRequirementResults } from './requirements.ts';
import { requirementTitle } from './titles.ts';

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** A case's name: stable from run to run (a CI server follows a case's history by it). */
const caseName = (id: string) => `${id}: ${requirementTitle(id)}`;

/**
 * JUnit XML a CI server reads: one test suite per area or check, one test case per requirement it
 * checks (classname the area). A case passes only where steps exercised it; one no step exercised,
 * or that the area could not run, is skipped with why. A failure's message names the step that
 * failed; its text carries the mismatch, the shortest sequence and how to replay it.
 */
export function junitReport(r: SuiteResult, target: string): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const a of r.areas) {
    const results = areaRequirementResults(a);
    const cases = results.map((q) => {
      const open = `      <testcase classname="${xml(a.name)}" name="${xml(caseName(q.id))}"`;
      if (q.outcome === 'failed' && a.failure) {
        const detail = `${a.failure.error}\n\nShortest sequence:\n${a.failure.counterexample.map((c, i) => `  ${i + 1}. ${c}`).join('\n')}\n\nReplay: npm run conformance -- --seed ${r.seed} --area ${a.name} ...the same target options`;
        return `${open}>\n        <failure message="${xml(failingStep(a.failure))}">${xml(detail)}</failure>\n      </testcase>`;
      }
      if (q.outcome === 'passed') return `${open}><system-out>exercised by ${q.steps} step${q.steps === 1 ? '' : 's'}</system-out></testcase>`;
      return `${open}><skipped message="${xml(q.reason ?? q.outcome)}"/></testcase>`;
    });
    const f = results.filter((q) => q.outcome === 'failed').length;
    const s = results.filter((q) => q.outcome === 'not-run' || q.outcome === 'not-exercised').length;
    tests += cases.length;
    failures += f;
    skipped += s;
    // What the concurrent area counted, as the suite's properties (a CI server shows them with it).
    const properties = [
      ...(a.histories ? [`      <property name="histories checked for linearizability" value="${a.histories.checked}"/>`] : []),
      ...(a.crashes !== undefined ? [`      <property name="crashes survived" value="${a.crashes}"/>`] : []),
    ];
    const counted = properties.length ? ['    <properties>', ...properties, '    </properties>'] : [];
    suites.push(`  <testsuite name="${xml(a.name)}" tests="${cases.length}" failures="${f}" skipped="${s}" time="${(a.ms / 1000).toFixed(3)}">`, ...counted, ...cases, '  </testsuite>');
  }
  // A run that could not start at all is one skipped case, so it never reads as passed.
  if (r.outcome === 'not-run' && !r.areas.length) {
    suites.push('  <testsuite name="conformance" tests="1" failures="0" skipped="1">', `    <testcase classname="conformance" name="model-based properties"><skipped message="${xml(r.notRun ?? '')}"/></testcase>`, '  </testsuite>');
    tests += 1;
    skipped += 1;
  }
  const time = (r.areas.reduce((t, a) => t + a.ms, 0) / 1000).toFixed(3);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(`conformance of ${target}, seed ${r.seed}`)}" tests="${tests}" failures="${failures}" skipped="${skipped}" time="${time}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
