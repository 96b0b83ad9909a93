import type { SuiteResult } from '../suite.ts';
import { coverageLines } from './coverageText.ts';
import { requirementResults } from './requirements.ts';

/**
 * The run as a person reads it on a console: the target, by area, by requirement, machine
 * coverage, and for a failure the shortest sequence step by step with how to explore it again.
 */
export function textReport(r: SuiteResult, target: string, ms: number): string {
  const lines = [`Target: ${target}`, `Seed: ${r.seed}   runs: ${r.runs}   time: ${(ms / 1000).toFixed(1)} s`, `Control capabilities: ${r.capabilities.join(', ') || 'none'}`];
  if (r.profile) {
    lines.push(`Profile: ${r.profile}: ${r.relaxed?.length ? 'what the vendor documents; relaxed beside the model:' : 'every answer exactly as the model gives it'}`);
    lines.push(...(r.relaxed ?? []).map((l) => `  - ${l}`));
  }
  if (r.mode === 'adopt') {
    lines.push(`Mode: adopted the cluster as it was (no reset): the run's databases are named ${r.adoption?.prefix}…; the cluster is put back after every sequence`);
  }
  // Each area says its own; the run's total, once, where the target could be crashed.
  if (r.areas.some((a) => a.crashes !== undefined)) lines.push(`Crashes survived: ${r.areas.reduce((n, a) => n + (a.crashes ?? 0), 0)} (the target killed and restarted on its data, then found as the model predicts)`);
  if (r.outcome === 'not-run') lines.push(`NOT RUN: ${r.notRun}`);
  if (r.areas.length) {
    lines.push('', 'By area:');
    for (const a of r.areas) {
      const outcome = a.outcome === 'not-run' ? 'NOT RUN' : a.failure ? 'FAILED' : 'passed';
      lines.push(`  ${outcome.padEnd(7)} ${a.name.padEnd(13)} ${String(a.runs).padStart(4)} runs  ${a.title}${a.notRun ? ` (${a.notRun})` : ''}`);
      if (a.histories) lines.push(`          histories checked for linearizability: ${a.histories.checked} (unknown: ${a.histories.unknown})`);
      if (a.crashes !== undefined) lines.push(`          crashes survived: ${a.crashes}`);
      if (a.interrupted) lines.push(`          cut short by --time-budget after ${a.runs} runs: raise it to run them all`);
      // Commands never generated because the target lacks a capability: not checked, never passed.
      for (const w of a.withheld ?? []) lines.push(`          without ${w.command} (needs ${w.needs.join(', ')})`);
    }
    const results = r.requirements ?? requirementResults(r.areas);
    const of = (outcome: string) => results.filter((q) => q.outcome === outcome);
    const checked = results.filter((q) => q.outcome === 'passed' || q.outcome === 'failed');
    // A requirement passes only where steps exercised it: each with how many.
    lines.push('', `By requirement (${checked.length} exercised, steps that exercised each in brackets):`);
    if (of('passed').length) lines.push(`  passed         ${of('passed').map((q) => `${q.id} (${q.steps})`).join(' ')}`);
    if (of('failed').length) lines.push(`  FAILED         ${of('failed').map((q) => `${q.id} (${q.steps})`).join(' ')}`);
    if (of('not-exercised').length) lines.push(`  not exercised  ${of('not-exercised').map((q) => q.id).join(' ')}`);
    if (of('not-run').length) lines.push(`  not run        ${of('not-run').map((q) => q.id).join(' ')}`);
    lines.push('');
  }
  lines.push(...coverageLines(r));
  if (r.adoption) {
    lines.push(`Put the cluster back as the run found it: ${r.adoption.restored.length ? '' : 'nothing to undo'}`, ...r.adoption.restored.map((l) => `  ${l}`));
    if (r.adoption.unrestored.length) lines.push('COULD NOT RESTORE (put these back by hand):', ...r.adoption.unrestored.map((l) => `  ${l}`));
    lines.push('');
  }
  const notRun = r.areas.filter((a) => a.outcome === 'not-run').length;
  if (r.outcome === 'passed') {
    lines.push(`PASSED: the target answered every step as the specification predicts${notRun ? ` (${notRun} not run: see above; not run is not passed)` : ''}.`);
  }
  if (r.failure) {
    lines.push('FAILED: the target does not conform.', '', r.failure.error, '', 'Shortest sequence found:');
    lines.push(...r.failure.counterexample.map((c, i) => `  ${i + 1}. ${c}`));
    const steps = r.failure.requests.filter((q) => q.expected !== undefined);
    if (steps.length) {
      lines.push('', 'Step by step (the request, the answer the specification predicts, the answer given, the model after it):');
      for (const q of steps) {
        lines.push(`  ${q.step}`, `      ${q.method} ${q.path}${q.body === undefined ? '' : ` ${JSON.stringify(q.body)}`}`, `      expected ${q.expected}   actual ${q.actual}`);
        if (q.state) lines.push(`      then ${q.state}`);
      }
    }
    const failed = r.areas.find((a) => a.failure);
    lines.push('', `Seed ${r.seed}, fast-check path ${r.failure.path || '(none)'}, replay path ${r.failure.replayPath || '(none)'}.`);
    lines.push(`Explore again from the same seed: npm run conformance -- --seed ${r.seed} --area ${failed?.name} ...the same target options`);
  }
  return lines.join('\n');
}
