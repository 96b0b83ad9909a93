import { AREAS, areaGaps, areaRequirements } from '../arbitraries.ts';
import { CHECKS } from '../checks/index.ts';
import { MUTANTS } from '../mutants/catalogue.ts';
import { OBSERVED_REQS } from '../observe.ts';
import { CATALOG } from '../report/titles.ts';

/** The control capabilities (spec/control.md), as someone wiring a target reads them. */
export const CAPABILITIES: Readonly<Record<string, string>> = {
  reset: 'reset the cluster to a topology (without it the cluster is adopted as found)',
  power: 'power nodes down and up',
  'host-addresses': "change a host's bound addresses",
  'spare-hosts': 'add spare hosts to join',
  clock: "move the cluster's clock",
  'still-clock': 'the cluster clock stands still between moves (certificates read at their exact edges)',
  'foreign-ports': 'hold ports with another process',
  'hold-work': "hold the cluster's asynchronous work (a node's removal) and release it",
  'internode-tls': "reach each node's internode TLS listener (real listeners: a server, not in-process)",
  'data-plane': "reach each database's endpoint (real listeners: a server, not in-process)",
  'plain-http': 'the API over plain HTTP (--http-target)',
  'own-control': 'the control protocol served by the target itself (--control), not by hooks: its refusals of malformed requests are checked',
};

const LEVELS = new Map(CATALOG.map((r) => [r.id, r]));
const WIDTH = 110;

/** A requirement on one line: its ID, level and text (cut to the width of a terminal). */
function requirementLine(id: string): string {
  const r = LEVELS.get(id);
  const text = (r?.text ?? '(not in the catalogue)').replace(/\s+/g, ' ').trim();
  return `    ${id.padEnd(14)} ${(r?.level ?? '').padEnd(6)} ${text.length > WIDTH ? `${text.slice(0, WIDTH - 1)}…` : text}`;
}

/**
 * `--list`: every check and area a run takes, in its order, with what each needs of the target
 * and the requirements it checks, read from the same definitions a run uses.
 */
export function listAreas(): string {
  const observed = new Set(OBSERVED_REQS);
  const lines = ['Checks and areas, in the order a run takes them (select with --area NAME,…).', 'Control capabilities a target may offer (spec/control.md):'];
  for (const [name, what] of Object.entries(CAPABILITIES)) lines.push(`  ${name.padEnd(15)} ${what}`);
  for (const check of CHECKS) {
    lines.push('', `check ${check.name}: ${check.title}`, `  needs: ${check.needs.join(', ') || 'nothing'} (not run without)`, `  checks ${check.reqs.length}:`);
    lines.push(...[...check.reqs].sort().map(requirementLine));
  }
  for (const area of AREAS) {
    lines.push('', `area ${area.name}: ${area.title}`);
    // Which commands each capability gates: without it those are never generated, the rest run.
    const gated = new Map<string, string[]>();
    for (const g of areaGaps(area, new Set())) for (const n of g.needs) gated.set(n, [...(gated.get(n) ?? []), g.command]);
    if (area.topology) lines.push(`  needs: reset (every sequence starts from a cluster made with ${JSON.stringify(area.topology)}; not run without)`);
    lines.push(`  commands needing a capability (not generated without it): ${[...gated].map(([n, cs]) => `${n} (${[...new Set(cs)].join(', ')})`).join('; ') || 'none'}`);
    const own = areaRequirements(area).filter((id) => !observed.has(id));
    lines.push(`  checks ${own.length}, and those of the state read after every step (below):`, ...own.map(requirementLine));
  }
  lines.push('', `In every area, the state read after every step checks ${observed.size}:`, ...[...observed].map(requirementLine));
  return `${lines.join('\n')}\n`;
}

/** `--list-mutants`: one line per broken variant `--mutant` takes. */
export function listMutants(): string {
  const width = Math.max(...MUTANTS.map((m) => m.name.length));
  const lines = MUTANTS.map((m) => {
    const notes = [...(m.needs?.length ? [`needs ${m.needs.join(', ')}`] : []), ...(m.listeners ? ['real listeners'] : [])];
    return `${m.name.padEnd(width)}  ${m.breaks.padEnd(13)}  ${m.description}${notes.length ? ` (${notes.join('; ')})` : ''}`;
  });
  return `${['Broken variants of the mock (npm run conformance -- --mutant NAME: the suite must fail, exit 1):', ...lines].join('\n')}\n`;
}
