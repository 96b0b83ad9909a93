import { describe, expect, it } from 'vitest';
import { AREAS, areaRequirements } from '../arbitraries.ts';
import { CHECKS } from '../checks/index.ts';
import { MUTANTS } from '../mutants/catalogue.ts';
import { OBSERVED_REQS } from '../observe.ts';
import { CATALOG } from '../report/titles.ts';
import { CAPABILITIES } from './list.ts';
import { cli } from './testIo.ts';

/** The block of `--list` that starts with `header`, up to the next blank line. */
const block = (text: string, header: string) => {
  const start = text.indexOf(`\n${header}\n`);
  expect(start, header).toBeGreaterThan(0);
  return text.slice(start + 1).split('\n\n')[0]!;
};
const ids = (text: string) => [...text.matchAll(/^ {4}([A-Z]+-[A-Z]+-\d{3}) /gm)].map((m) => m[1]);

describe('--list', () => {
  it('names every check and area in run order, each with the requirements it checks and their catalogue text', async () => {
    const r = await cli('--list');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const headers = [...r.stdout.matchAll(/^(check|area) ([\w-]+): /gm)].map((m) => m[2]);
    expect(headers).toEqual([...CHECKS, ...AREAS].map((a) => a.name));
    for (const check of CHECKS) {
      const b = block(r.stdout, `check ${check.name}: ${check.title}`);
      expect(ids(b)).toEqual([...check.reqs].sort());
      expect(b).toContain(`needs: ${check.needs.join(', ')}`);
    }
    const observed = new Set(OBSERVED_REQS);
    for (const area of AREAS) {
      const b = block(r.stdout, `area ${area.name}: ${area.title}`);
      expect(ids(b), area.name).toEqual(areaRequirements(area).filter((id) => !observed.has(id)));
    }
    // The state read after every step: listed once, not in every area.
    expect(ids(r.stdout.slice(r.stdout.indexOf('In every area')))).toEqual([...OBSERVED_REQS]);
    // Each requirement with its level and text from the catalogue.
    const listed = new Set(ids(r.stdout));
    for (const q of CATALOG.filter((c) => listed.has(c.id))) expect(r.stdout).toMatch(new RegExp(`^ {4}${q.id} +${q.level} +${q.text.replace(/\s+/g, ' ').trim().slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
    expect(r.stdout).not.toContain('(not in the catalogue)');
  });

  it('names the capabilities each needs: an area the commands each gates, a check what it cannot run without', async () => {
    const { stdout } = await cli('--list');
    for (const name of Object.keys(CAPABILITIES)) expect(stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    expect(block(stdout, `area certificates: ${AREAS.find((a) => a.name === 'certificates')!.title}`)).toMatch(/clock \([^)]*AdvanceClock[^)]*\)/);
    expect(block(stdout, `area addressing: ${AREAS.find((a) => a.name === 'addressing')!.title}`)).toMatch(/power \(PowerNode[,)]/);
    expect(block(stdout, `area addressing-ipv6: ${AREAS.find((a) => a.name === 'addressing-ipv6')!.title}`)).toMatch(/needs: reset \(every sequence starts from a cluster made with \{"useInternalIpv6":true\}/);
    expect(stdout).toMatch(/^check data-plane: .*\n {2}needs: reset, data-plane/m);
  });

  it('is the same text every time (a stable order)', async () => {
    expect((await cli('--list')).stdout).toBe((await cli('--list')).stdout);
  });
});

describe('--list-mutants', () => {
  it('prints one line per mutant: its name, the requirement it breaks, what it does', async () => {
    const r = await cli('--list-mutants');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n').slice(1);
    expect(MUTANTS.length).toBeGreaterThanOrEqual(12);
    expect(lines).toHaveLength(MUTANTS.length);
    for (const [i, m] of MUTANTS.entries()) {
      expect(lines[i]).toMatch(new RegExp(`^${m.name} +${m.breaks} +`));
      expect(lines[i]).toContain(m.description);
    }
  });
});
