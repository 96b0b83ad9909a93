import { describe, expect, it } from 'vitest';
import { runSuite, type SuiteOptions, type SuiteResult } from '../suite.ts';
import { recipeTarget, type InProcessRecipe } from '../target/recipe.ts';
import { runParallel } from './run.ts';

/** A result without its wall times, the one thing that differs between two runs of a seed. */
const timeless = (r: SuiteResult) => JSON.stringify(r, (k, v) => (k === 'ms' ? undefined : v));

async function oneProcess(recipe: InProcessRecipe, options: SuiteOptions): Promise<SuiteResult> {
  const target = recipeTarget(recipe);
  try {
    return await runSuite(target, options);
  } finally {
    await target.close();
  }
}

async function onWorkers(recipe: InProcessRecipe, options: SuiteOptions, workers: number) {
  const target = recipeTarget(recipe);
  const ended: string[] = [];
  let runs = 0;
  try {
    const result = await runParallel(target, { ...options, onArea: (a) => ended.push(a.name), onRun: () => runs++ }, { workers, recipe });
    return { result, ended, runs };
  } finally {
    await target.close();
  }
}

// Small, and with no time budget: the budget is the one thing that makes a run depend on the clock.
const SMALL = { areas: ['reads', 'databases', 'ports'], runs: 4, maxCommands: 8, seed: 7 } as const;

describe('a run on several workers', () => {
  it('reports what one process reports for the same seed: areas in order, outcomes, per-requirement counts, coverage', async () => {
    const [one, two] = await Promise.all([oneProcess({}, SMALL), onWorkers({}, SMALL, 2)]);
    expect(one.outcome).toBe('passed');
    expect(two.result.areas.map((a) => a.name)).toEqual(['databases', 'ports', 'reads']);
    expect(two.result.requirements).toEqual(one.requirements);
    expect(two.result.coverage).toEqual(one.coverage);
    expect(timeless(two.result)).toBe(timeless(one));
    // Progress still reaches the caller: every area as it ends, every sequence.
    expect([...two.ended].sort()).toEqual(['databases', 'ports', 'reads']);
    expect(two.runs).toBe(one.runs);
  }, 300_000);

  it('reports the first failure by area order, as one process does, with and without --fail-fast', async () => {
    const recipe = { mutant: 'reserved-list-only-api-ports' };
    for (const failFast of [false, true]) {
      const options = { ...SMALL, runs: 3, failFast };
      const [one, two] = await Promise.all([oneProcess(recipe, options), onWorkers(recipe, options, 2)]);
      expect(one.outcome, `fail-fast ${failFast}`).toBe('failed');
      expect(timeless(two.result)).toBe(timeless(one));
    }
  }, 600_000);

  it('runs in this process when there is one worker, or the target cannot be made again', async () => {
    const target = recipeTarget({});
    try {
      let ran = 0;
      const counted = { ...SMALL, areas: ['reads'], runs: 2, onRun: () => ran++ };
      const result = await runParallel(target, counted, { workers: 4 });
      expect(result.outcome).toBe('passed');
      expect(ran).toBe(2);
    } finally {
      await target.close();
    }
  });

  it('stops with the run interrupted when its signal is aborted, no verdict', async () => {
    const abort = new AbortController();
    const target = recipeTarget({});
    try {
      const run = runParallel(target, { ...SMALL, runs: 50, signal: abort.signal }, { workers: 2, recipe: {} });
      setTimeout(() => abort.abort('SIGINT'), 200);
      await expect(run).rejects.toThrow(/interrupted by SIGINT/);
    } finally {
      await target.close();
    }
  });
});
