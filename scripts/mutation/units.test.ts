import { describe, expect, it } from 'vitest';
import { STARTUP, unitsFor, wanted, type UnitCoverage } from './units.ts';

const order = [STARTUP, 'node-certificates', 'ports-check', 'mixed#start', 'mixed#0', 'mixed#1', 'mixed#2', 'addressing#start', 'addressing#0', 'addressing#1'];
const cover = (perTest: Record<string, string[]>, atLoad: string[] = []): UnitCoverage => ({
  order,
  static: Object.fromEntries(atLoad.map((id) => [id, 1])),
  perTest: Object.fromEntries(Object.entries(perTest).map(([u, ids]) => [u, Object.fromEntries(ids.map((id) => [id, 2]))])),
});
const runs = (c: UnitCoverage, id: string) => order.filter((u) => u !== STARTUP && wanted(unitsFor(c, id), u));

describe('the units a mutant needs', () => {
  it('runs every unit for a mutant reached at load or at start-up', () => {
    expect(unitsFor(cover({}, ['7']), '7')).toEqual({ kind: 'all', why: 'reached at module load' });
    expect(unitsFor(cover({ [STARTUP]: ['7'] }), '7').kind).toBe('all');
    expect(runs(cover({ [STARTUP]: ['7'] }), '7')).toEqual(order.slice(1));
  });

  it('runs none for a mutant no unit reached', () => {
    const c = cover({ 'mixed#1': ['3'] });
    expect(unitsFor(c, '4')).toEqual({ kind: 'none' });
    expect(runs(c, '4')).toEqual([]);
  });

  it('runs the units that reached it and the one before each, with their areas started', () => {
    expect(runs(cover({ 'mixed#2': ['5'], 'addressing#1': ['5'] }), '5')).toEqual(['mixed#start', 'mixed#1', 'mixed#2', 'addressing#start', 'addressing#0', 'addressing#1']);
  });

  it('never counts an area start as the unit before: it runs with any of its sequences', () => {
    expect(runs(cover({ 'mixed#0': ['5'] }), '5')).toEqual(['mixed#start', 'mixed#0']);
  });

  it('runs every sequence of an area whose start reached it, and the unit before that start', () => {
    expect(runs(cover({ 'addressing#start': ['9'] }), '9')).toEqual(['mixed#start', 'mixed#2', 'addressing#start', 'addressing#0', 'addressing#1']);
  });

  it('runs a check that reached it, and the check before', () => {
    expect(runs(cover({ 'ports-check': ['1'] }), '1')).toEqual(['node-certificates', 'ports-check']);
  });
});
