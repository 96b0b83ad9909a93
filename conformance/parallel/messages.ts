import type { SuiteOptions, SuiteResult } from '../suite.ts';
import type { InProcessRecipe } from '../target/recipe.ts';

/** What a worker is started with: everything a `runSuite` call needs that can cross a thread. */
export interface WorkerData {
  readonly recipe: InProcessRecipe;
  readonly options: PlainOptions;
}

/** The suite's options without its callbacks and signal (they stay with the parent). */
export type PlainOptions = Omit<SuiteOptions, 'onRun' | 'onArea' | 'onRestored' | 'signal' | 'areas' | 'coverage'>;

/** One area's run: its result, and the transitions it took (Coverage.takenIds) for the run's coverage. */
export interface Part {
  readonly result: SuiteResult;
  readonly taken: Readonly<Record<string, readonly number[]>>;
}

/** `last`: no area is left to hand out, so a worker's mock makes no more certificate keys ahead of need. */
export type ToWorker = { readonly type: 'area'; readonly area: string } | { readonly type: 'last' } | { readonly type: 'done' };

export type ToParent =
  | { readonly type: 'run' }
  | { readonly type: 'result'; readonly part: Part }
  | { readonly type: 'error'; readonly unreachable: boolean; readonly message: string; readonly stack: string };
