import type { SuiteResult } from '../suite.ts';

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * JUnit XML a CI server reads: one test case per property (area), named with the requirements
 * it checks; a failure carries the mismatch, the shortest sequence and the seed to replay it.
 * A run that could not start is one skipped case, so it never reads as passed.
 */
export function junitReport(r: SuiteResult, target: string): string {
  const cases = r.areas.map((a) => {
    const name = `${a.title} [${a.reqs.join(' ')}]`;
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
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="conformance" tests="${cases.length}" failures="${failures}" time="${time}">`,
    `  <testsuite name="${xml(target)}" tests="${cases.length}" failures="${failures}" skipped="${skipped}" time="${time}">`,
    `    <properties><property name="seed" value="${r.seed}"/></properties>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
