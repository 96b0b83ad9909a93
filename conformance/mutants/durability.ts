import { http } from 'msw';
import type { ClusterAggregate } from '../../core/aggregate.ts';
import type { EventStore } from '../../core/store/eventStore.ts';
import { EVENT_VERSIONS, type RecordedEvent } from '../../domain/events.ts';
import type { MockCluster } from '../../mock/runtime/mockCluster.ts';
import type { Mutant } from './mutant.ts';

/** How long an acknowledged change waits in memory before it is written. */
export const WRITE_BEHIND_MS = 1_000;

/**
 * The log as a write-behind cache in front of the real one: an append is answered at once, as if
 * written, and reaches the store only `WRITE_BEHIND_MS` later. Reads see both, so a process that
 * lives on behaves exactly as the durable log; one killed in between loses what it acknowledged.
 */
export function writeBehind(store: EventStore, delayMs = WRITE_BEHIND_MS): EventStore {
  let waiting: { events: Parameters<EventStore['append']>[0]; time: number }[] = [];
  let unwritten: RecordedEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    const batch = waiting;
    waiting = [];
    unwritten = [];
    // The store may be closed by now (a reset opened a new one): then nothing is written.
    for (const b of batch) {
      try {
        store.append(b.events, b.time);
      } catch {
        return;
      }
    }
  };
  return {
    get position() {
      return store.position + unwritten.length;
    },
    append(events, time, expectedPosition) {
      const actual = store.position + unwritten.length;
      if (expectedPosition !== undefined && expectedPosition !== actual) return { ok: false, expected: expectedPosition, actual };
      const recorded = events.map((e, i) => ({ position: actual + i + 1, type: e.type, version: EVENT_VERSIONS[e.type], data: e.data, time }) as RecordedEvent);
      waiting.push({ events, time });
      unwritten.push(...recorded);
      timer ??= setTimeout(flush, delayMs);
      return { ok: true, recorded };
    },
    *read(from = 0, to = store.position + unwritten.length) {
      const written = store.position;
      yield* store.read(from, Math.min(to, written));
      yield* unwritten.filter((r) => r.position > from && r.position <= to);
    },
  };
}

/** Puts the write-behind log under the cluster's current aggregate (again after every reset, which opens a new one). */
function acknowledgeBeforeWriting(cluster: MockCluster): void {
  const aggregate = cluster.aggregate as ClusterAggregate & { store: EventStore };
  // No snapshots either: one taken past the written log would bring the lost events back at restart.
  Object.defineProperty(aggregate, 'options', { value: { ...aggregate.options, snapshots: undefined } });
  Object.defineProperty(aggregate, 'store', { value: writeBehind(aggregate.store) });
}

/**
 * Faults only a crash shows: while the process lives, every answer and every read is as
 * specified. Caught by a run that crashes the target (`crash`, with `--clients`), never by a
 * sequential run without crashes. Served only as a process with a data directory:
 * `npm run mock -- --mutant acknowledged-before-written --data-dir DIR`.
 */
export const DURABILITY: readonly Mutant[] = [
  {
    name: 'acknowledged-before-written',
    breaks: 'API-LOG-001',
    needs: ['clients', 'crash'],
    description: `answers a change before its events are committed to the log: they are written ${WRITE_BEHIND_MS} ms later, so a crash in between loses changes the clients were told were made`,
    prepare: acknowledgeBeforeWriting,
    handlers: (cluster, through) => [
      http.post('*/control/v1/reset', async ({ request }) => {
        const answered = await through(request);
        acknowledgeBeforeWriting(cluster);
        return answered;
      }),
    ],
  },
];
