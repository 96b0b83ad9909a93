import type { SuiteResult } from '../suite.ts';
import { eventOf, selectionEvents } from './reach.ts';

const SHOWN = 6;

/**
 * Machine coverage as a person reads it after a run: per machine, the transitions taken out of
 * those the selected areas can take. Transitions no selected area can take (another area's) and
 * those no run can take (conformance/coverage.ts) are counted, not listed: after a one-area run
 * they are most of the machines and are not problems. Only the reachable ones not taken are
 * listed, a few.
 */
export function coverageLines(r: SuiteResult): string[] {
  if (!r.coverage.some((c) => c.transitions.taken > 0)) return [];
  const events = selectionEvents(r.areas.filter((a) => a.outcome !== 'not-run').map((a) => a.name));
  const reachable = (d: string) => !events || events.has(eventOf(d));
  const lines = ['Machine coverage on the target (transitions taken of those the selected areas can take):'];
  const notTaken: string[] = [];
  for (const c of r.coverage) {
    const missing = c.transitions.missing.filter(reachable);
    const elsewhere = c.transitions.missing.length - missing.length;
    const canTake = c.transitions.taken + missing.length;
    notTaken.push(...missing);
    const aside = [elsewhere ? `${elsewhere} not reachable in this selection` : '', c.transitions.outOfReach.length ? `${c.transitions.outOfReach.length} out of reach of any run` : ''].filter(Boolean);
    if (canTake === 0) {
      lines.push(`  ${c.machine.padEnd(12)} none of its transitions is reachable in this selection${aside.length ? ` (${aside.join(', ')})` : ''}`);
      continue;
    }
    lines.push(`  ${c.machine.padEnd(12)} states ${c.states.reached}/${c.states.total}   transitions ${c.transitions.taken}/${canTake}${aside.length ? `   (${aside.join(', ')})` : ''}`);
  }
  if (notTaken.length) {
    lines.push(`  not taken this run though reachable (${notTaken.length}; a longer run may take them; --report json lists all):`);
    lines.push(...notTaken.slice(0, SHOWN).map((t) => `      ${t}`));
    if (notTaken.length > SHOWN) lines.push(`      … ${notTaken.length - SHOWN} more`);
  }
  lines.push('');
  return lines;
}
