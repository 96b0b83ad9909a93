import { describe, expect, it } from 'vitest';
import { CHECKS } from './index.ts';
import { RECHECKING } from './rechecking.ts';

describe('the checks a step reads again', () => {
  it('are every check that says how to recheck, and only checks of the run', () => {
    expect(CHECKS.filter((c) => c.recheck).map((c) => c.name)).toEqual(RECHECKING.filter((c) => c.recheck).map((c) => c.name));
    for (const c of RECHECKING) expect(CHECKS).toContain(c);
  });
});
