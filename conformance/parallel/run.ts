/**
 * `--workers N`: a run's areas on N cores at once, each worker thread with a mock of its own,
 * merged into the result one process gives for the same seed (merge.ts). Only the in-process mock
 * can be made again per worker: one server offers one cluster, which a reset in one worker would
 * pull from under the others, so against a `--target` the run stays in one process.
 */
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { TargetUnreachable, type Target } from '../../api/target.ts';
import { AREAS } from '../arbitraries.ts';
import { Interrupted } from '../start/interrupt.ts';
import { runSuite, type SuiteOptions, type SuiteResult } from '../suite.ts';
import type { InProcessRecipe } from '../target/recipe.ts';
import { CANONICAL, canonicalOrder, mergeResults } from './merge.ts';
import type { Part, PlainOptions, ToParent, ToWorker, WorkerData } from './messages.ts';

export const DEFAULT_WORKERS = availableParallelism();

export interface Parallel {
  readonly workers: number;
  /** How a worker makes its own target; absent, the target cannot be made again and one process runs. */
  readonly recipe?: InProcessRecipe;
}

/** The worker's module beside this one: `.js` from the build; `.ts` from the sources, through tsx. */
const WORKER = new URL(`./areaWorker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

/**
 * Node 20 does not carry tsx's loader (`--import`) into a worker thread, so a worker of the sources
 * registers it itself before it imports its module; a worker of the build needs nothing.
 */
function startWorker(workerData: WorkerData): Worker {
  if (!WORKER.pathname.endsWith('.ts')) return new Worker(WORKER, { workerData });
  // tsx's ESM entry (require.resolve finds the CommonJS one beside it).
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(WORKER.href)}); })`, { eval: true, workerData });
}

/** Runs the suite on `target` (one process), or on `parallel.workers` in-process mocks at once. */
export async function runParallel(target: Target, options: SuiteOptions, parallel: Parallel): Promise<SuiteResult> {
  const names = canonicalOrder(options.areas ?? CANONICAL);
  const workers = Math.min(parallel.workers, names.length);
  const recipe = parallel.recipe;
  if (workers <= 1 || !recipe) return runSuite(target, options);
  const seed = options.seed ?? Date.now() % 2 ** 31;
  // The time budget is split between the areas as one process splits it (the checks not counted).
  const areaCount = names.filter((n) => AREAS.some((a) => a.name === n)).length;
  const { onRun, onArea, onRestored: _r, signal, areas: _a, ...rest } = options;
  const plain: PlainOptions = { ...rest, seed, ...(options.timeBudgetMs && areaCount ? { timeBudgetMs: options.timeBudgetMs / areaCount } : {}) };
  return new Promise<SuiteResult>((resolve, reject) => {
    // Longest first, so that no long area starts last: `mixed` runs the graph seeds (some 80
    // sequences) on top of its runs; the rest in the run's order.
    const longest: string[] = options.graphSeeds === false ? [] : names.filter((n) => n === 'mixed');
    const queue = [...longest, ...names.filter((n) => !longest.includes(n))];
    const parts: Part[] = [];
    const pool: Worker[] = [];
    let runs = 0;
    let settled = false;
    // With --fail-fast no area after the first failing one (in the run's order) is started.
    let lastWanted = names.length - 1;
    const end = (error?: Error) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      for (const w of pool) void w.terminate();
      if (error) reject(error);
      else resolve(mergeResults(parts, { failFast: options.failFast ?? false }));
    };
    const onAbort = () => end(new Interrupted(`interrupted by ${String(signal?.reason ?? 'a signal')}`));
    signal?.addEventListener('abort', onAbort);
    if (signal?.aborted) return onAbort();
    let busy = 0;
    const maybeEnd = () => {
      if (busy === 0 && queue.length === 0) end();
    };
    for (let i = 0; i < workers; i++) {
      const w = startWorker({ recipe, options: plain });
      pool.push(w);
      w.on('message', (m: ToParent) => {
        if (m.type === 'run') return onRun?.(++runs);
        busy--;
        if (m.type === 'error') {
          const error = m.unreachable ? new TargetUnreachable(m.message) : Object.assign(new Error(m.message), { stack: m.stack });
          return end(error);
        }
        parts.push(m.part);
        for (const a of m.part.result.areas) onArea?.(a);
        const failedAt = m.part.result.areas.some((a) => a.failure) ? names.indexOf(m.part.result.areas[0]!.name) : -1;
        if (options.failFast && failedAt >= 0) lastWanted = Math.min(lastWanted, failedAt);
        next(w);
      });
      w.on('error', (e) => end(e));
      w.on('exit', (code) => code !== 0 && !settled && end(new Error(`a conformance worker stopped (exit code ${code})`)));
      next(w);
    }
    function next(w: Worker) {
      const at = queue.findIndex((n) => names.indexOf(n) <= lastWanted);
      const area = at >= 0 ? queue.splice(at, 1)[0] : undefined;
      if (at < 0) queue.length = 0;
      if (area) {
        busy++;
        w.postMessage({ type: 'area', area } satisfies ToWorker);
        // The last area handed out: every worker is told, while it still runs its own.
        if (!queue.some((n) => names.indexOf(n) <= lastWanted)) for (const each of pool) each.postMessage({ type: 'last' } satisfies ToWorker);
      } else {
        w.postMessage({ type: 'done' } satisfies ToWorker);
        maybeEnd();
      }
    }
  });
}
