import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { settingsProblem } from '../domain/rules/databaseSettings.ts';
import { databaseSettings, settingValues, valuesOf } from './settingValues.ts';

describe('database settings drawn from the specification', () => {
  it('edges of each kind of field: an enum, a boolean, an integer from its minimum, a string, a list', () => {
    expect(valuesOf({ enum: ['dense', 'sparse'] }, 'single')).toEqual({ valid: ['dense', 'sparse'], invalid: ['single', '', null, true, 'DENSEx'] });
    expect(valuesOf({ type: 'integer', minimum: 1 }, 'x')).toEqual({ valid: [1, 3], invalid: [0, 1.5, '2', null] });
    expect(valuesOf({ type: 'boolean' }, 'x').invalid).toContain('true');
    expect(valuesOf({ type: 'array', items: { required: ['module_name'] } }, 'x').valid).toContainEqual([{ module_name: 'search', interval: 1 }]);
  });

  it('every documented field has values the rules take and values they refuse, as the schema says', () => {
    const table = settingValues();
    expect(Object.keys(table).length).toBeGreaterThan(25);
    for (const [field, { valid, invalid }] of Object.entries(table)) {
      expect(valid.length, field).toBeGreaterThan(0);
      expect(invalid.length, field).toBeGreaterThan(0);
      for (const v of valid) expect(settingsProblem({ [field]: v }), `${field}: ${JSON.stringify(v)}`).toBeNull();
      for (const v of invalid) expect(settingsProblem({ [field]: v }), `${field}: ${JSON.stringify(v)}`).not.toBeNull();
    }
  });

  it('draws one to three fields, allowed values more often than not', () => {
    const drawn = fc.sample(databaseSettings, { numRuns: 400, seed: 1 });
    expect(drawn.every((s) => Object.keys(s).length >= 1 && Object.keys(s).length <= 3)).toBe(true);
    const allowed = drawn.filter((s) => settingsProblem(s) === null).length;
    expect(allowed).toBeGreaterThan(drawn.length / 3);
    expect(allowed).toBeLessThan(drawn.length);
    expect(new Set(drawn.flatMap((s) => Object.keys(s))).size).toBe(Object.keys(settingValues()).length);
  });
});
