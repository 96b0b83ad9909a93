import type { SuiteResult } from '../suite.ts';
import { requirementResults } from './requirements.ts';

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * JUnit XML a CI server reads: one test case per property (area), named with the requirements
 * it checks; a failure carries the mismatch, the shortest sequence and the seed to replay it.
 * A run that could not start is one skipped case, so it never reads as passed. A second suite
 * has one case per requirement with how many steps exercised it; one none exercised is skipped.
 */
export function junitReport(r: SuiteResult, target: string): string {
  const cases = r.areas.map((a) => {
    // Named with what it exercised: a requirement it could check but did not is not claimed.
    const claimed = a.exercised ? Object.keys(a.exercised).filter((id) => a.exercised![id]! > 0) : a.reqs;
    const name = `${a.title} [${claimed.join(' ')}]`;
    if (a.outcome === 'not-run') return `    <testcase classname="conformance.${xml(a.name)}" name="${xml(name)}"><skipped message="${xml(a.notRun ?? '')}"/></testcase>`;
    const body = a.failure
      ? `\n      <failure message="${xml(a.failure.error.split('\n')[0]!)}">${xml(
          `${a.failure.error}\n\nShortest sequence:\n${a.failure.counterexample.map((c, i) => `  ${i + 1}. ${c}`).join('\n')}\n\nReplay: --seed ${r.seed} --area ${a.name}`,
        )}</failure>\n    `
      : '';
    return `    <testcase classname="conformance.${xml(a.name)}" name="${xml(name)}" time="${(a.ms / 1000).toFixed(3)}">${body}</testcase>`;
  });
  if (r.outcome === 'not-run') cases.push(`    <testcase classname="conformance" name="model-based properties"><skipped message="${xml(r.notRun ?? '')}"/></testcase>`);
  const failures = r.areas.filter((a) => a.failure).length;
  const skipped = r.areas.filter((a) => a.outcome === 'not-run').length + (r.outcome === 'not-run' ? 1 : 0);
  const time = (r.areas.reduce((t, a) => t + a.ms, 0) / 1000).toFixed(3);
  // One case per requirement: passed only where steps exercised it, and how many did.
  const results = r.requirements ?? requirementResults(r.areas);
  const reqs = results.map((q) => {
    const open = `    <testcase classname="requirements.${xml(q.id)}" name="${xml(`${q.id}: exercised by ${q.steps} step${q.steps === 1 ? '' : 's'}`)}">`;
    if (q.outcome === 'failed') return `${open}<failure message="${xml(r.failure?.error.split('\n')[0] ?? 'named by a failure')}"/></testcase>`;
    if (q.outcome === 'not-exercised') return `${open}<skipped message="not exercised: an area that checks it ran, but no step exercised it"/></testcase>`;
    if (q.outcome === 'not-run') return `${open}<skipped message="not run: only areas or commands the target cannot run check it"/></testcase>`;
    return `${open}</testcase>`;
  });
  const reqFailures = results.filter((q) => q.outcome === 'failed').length;
  const reqSkipped = results.filter((q) => q.outcome === 'not-exercised' || q.outcome === 'not-run').length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="conformance" tests="${cases.length + reqs.length}" failures="${failures + reqFailures}" time="${time}">`,
    `  <testsuite name="${xml(target)}" tests="${cases.length}" failures="${failures}" skipped="${skipped}" time="${time}">`,
    `    <properties><property name="seed" value="${r.seed}"/></properties>`,
    ...cases,
    '  </testsuite>',
    `  <testsuite name="requirements" tests="${reqs.length}" failures="${reqFailures}" skipped="${reqSkipped}">`,
    ...reqs,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
