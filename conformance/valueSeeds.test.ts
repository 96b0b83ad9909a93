import { describe, expect, it } from 'vitest';
import { settingValues } from './settingValues.ts';
import { runOnModel } from './testing/modelRun.ts';
import { ROTATION_NAMES, rotationSeeds, settingSeeds } from './valueSeeds.ts';
import { RotatePlane } from './commands/rotatePlane.ts';

describe('the setting seeds', () => {
  it('send every documented setting allowed (accepted, twice) and not allowed (refused)', () => {
    const accepted = new Map<string, number>();
    const refused = new Set<string>();
    for (const seed of settingSeeds()) {
      runOnModel(seed, ({ before, spec }) => {
        const { decision } = before.predict(spec.commands);
        const sent = Object.keys((spec.request.body ?? {}) as object).filter((k) => k in settingValues());
        for (const field of sent) decision.ok ? accepted.set(field, (accepted.get(field) ?? 0) + 1) : refused.add(field);
      });
    }
    const fields = Object.keys(settingValues()).sort();
    expect(fields.length).toBeGreaterThan(20);
    expect([...accepted.keys()].sort()).toEqual(fields);
    expect([...refused].sort()).toEqual(fields);
    // The second allowed value too, where the field has one.
    expect(fields.filter((f) => settingValues()[f]!.valid.length > 1 && accepted.get(f) !== 2)).toEqual([]);
  });

  it('keep each sequence to ten steps at most', () => {
    expect(Math.max(...settingSeeds().map((s) => s.length))).toBeLessThanOrEqual(10);
  });

  it('rotate by every kind of name the random runs draw, a name that is not a string included', () => {
    const sent = rotationSeeds().flat().map((c) => (c as RotatePlane).name);
    expect(sent).toEqual([...ROTATION_NAMES]);
    expect(sent.some((n) => n !== undefined && typeof n !== 'string')).toBe(true);
  });
});
