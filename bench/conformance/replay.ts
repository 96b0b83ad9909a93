/**
 * The raw cost of the suite's HTTP requests: the exact sequence a suite run sent (polls
 * included, requests it sent together sent together again), replayed back to back through
 * another `httpTarget` against a fresh server, with no model, no comparison and no pauses.
 */
import { performance } from 'node:perf_hooks';
import type { Target } from '../../api/target.ts';
import { groupBatches, type Recorded } from './recorder.ts';

export interface Replayed {
  readonly ms: number;
  readonly requests: number;
  /** Requests whose status differs from the one the suite saw, and the first few of them. */
  readonly differing: number;
  readonly examples: readonly string[];
}

/** `from` -> `to` in a host's base URL (the recorded server's origin becomes the fresh one's). */
export async function replay(target: Target, recorded: readonly Recorded[], from: string, to: string): Promise<Replayed> {
  const batches = groupBatches(recorded);
  const statuses: number[][] = [];
  const start = performance.now();
  for (const batch of batches) {
    statuses.push(
      await Promise.all(
        batch.map(async (r) => {
          const answer =
            r.via === 'control' ? await target.control!(r.method, r.path, r.body) : r.via === 'host' ? await target.host!(r.base!.replace(from, to), r.method, r.path, r.body) : await target.api(r.method, r.path, r.body);
          return answer.status;
        }),
      ),
    );
  }
  const ms = performance.now() - start;
  const got = statuses.flat();
  const differing = batches.flat().flatMap((r, i) => (got[i] === r.status ? [] : [`${r.via} ${r.method} ${r.path}: ${r.status} in the suite, ${got[i]} replayed`]));
  return { ms, requests: recorded.length, differing: differing.length, examples: differing.slice(0, 3) };
}
