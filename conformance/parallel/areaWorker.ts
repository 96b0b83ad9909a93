/**
 * A worker thread of a parallel run (run.ts): its own in-process mock, made from the recipe, and
 * one `runSuite` per area it is handed, each answered with the area's result.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { TargetUnreachable } from '../../api/target.ts';
import { Coverage } from '../coverage.ts';
import { runSuite } from '../suite.ts';
import { noMoreKeysAhead } from '../target/inProcess.ts';
import { recipeTarget } from '../target/recipe.ts';
import type { ToParent, ToWorker, WorkerData } from './messages.ts';

const port = parentPort!;
const { recipe, options } = workerData as WorkerData;
const target = recipeTarget(recipe);
const tell = (m: ToParent) => port.postMessage(m);

port.on('message', async (m: ToWorker) => {
  // The areas still to run are those the workers hold: keys made ahead now would go unused.
  if (m.type === 'last') return noMoreKeysAhead();
  if (m.type === 'done') {
    await target.close();
    port.close();
    return;
  }
  try {
    const coverage = new Coverage();
    // The concurrent area is no area of the list: runSuite adds it to any run given --clients, so
    // it runs in the one task named for it and in no other.
    const only = m.area === 'concurrent' ? { areas: [] } : { areas: [m.area], clients: 1 };
    const result = await runSuite(target, { ...options, ...only, coverage, onRun: () => tell({ type: 'run' }) });
    tell({ type: 'result', part: { result, taken: coverage.takenIds() } });
  } catch (e) {
    const error = e as Error;
    tell({ type: 'error', unreachable: e instanceof TargetUnreachable, message: error.message, stack: error.stack ?? '' });
  }
});
