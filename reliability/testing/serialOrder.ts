import { createDispatcher } from '../../mock/api/handlers.ts';
import { MockCluster } from '../../mock/runtime/mockCluster.ts';
import type { Command } from '../../domain/commands.ts';
import { EVENT_VERSIONS, type DomainEvent, type RecordedEvent } from '../../domain/events.ts';
import type { ClusterState } from '../../domain/state.ts';
import type { AppendResult, EventStore } from '../../core/store/eventStore.ts';
import { MemorySnapshotStore } from '../../core/store/memoryEventStore.ts';

/** A request as a client sent it, and what it was answered. */
export interface Exchange {
  readonly via: string;
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  /** What of the answer a serial order must reproduce: the status and the error code or the resource's identity. */
  readonly answer: string;
}

/** The part of an answer that depends on the order requests were decided in. */
export function answerOf(status: number, text: string): string {
  let body: any;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    return `${status} (not JSON)`;
  }
  if (status >= 300) return `${status} ${body?.error_code}`;
  const picked = body && typeof body === 'object' && !Array.isArray(body) ? { uid: body.uid, name: body.name, port: body.port, status: body.status } : {};
  return `${status} ${JSON.stringify(picked)}`;
}

/** A log that starts at `base` (the state there comes from a snapshot), holding only what is appended after. */
class TailStore implements EventStore {
  readonly #events: RecordedEvent[] = [];
  constructor(private readonly base: number) {}
  get position(): number {
    return this.base + this.#events.length;
  }
  append(events: readonly DomainEvent[], time: number, expectedPosition?: number): AppendResult {
    if (expectedPosition !== undefined && expectedPosition !== this.position) return { ok: false, expected: expectedPosition, actual: this.position };
    const recorded = events.map((e, i) => ({ position: this.position + i + 1, type: e.type, version: EVENT_VERSIONS[e.type], data: e.data, time })) as RecordedEvent[];
    this.#events.push(...recorded);
    return { ok: true, recorded };
  }
  *read(from = 0, to = this.position): Iterable<RecordedEvent> {
    for (const e of this.#events) if (e.position > from && e.position <= to) yield e;
  }
}

/**
 * Runs `exchanges` one at a time, in `order`, through the same routes on a fresh in-process
 * cluster that starts from `base` (position `at`): whether every answer is the one observed,
 * and the state it ends in.
 */
async function replay(base: ClusterState, at: number, facts: readonly Command[], exchanges: readonly Exchange[], order: readonly number[], now: number) {
  const snapshots = new MemorySnapshotStore();
  snapshots.save({ position: at, state: base });
  const cluster = new MockCluster({ storage: () => ({ store: new TailStore(at), snapshots }), settleMs: 600_000, now: () => now });
  try {
    for (const fact of facts) cluster.execute(fact);
    const dispatch = createDispatcher(cluster);
    for (const i of order) {
      const x = exchanges[i]!;
      const request = new Request(`https://replica.test${x.path}`, {
        method: x.method,
        ...(x.body !== undefined ? { body: JSON.stringify(x.body), headers: { 'content-type': 'application/json' } } : {}),
      });
      const r = await dispatch(request);
      if (answerOf(r.status, await r.text()) !== x.answer) return { matches: false as const };
    }
    return { matches: true as const, state: cluster.state };
  } finally {
    cluster.close();
  }
}

/**
 * Looks for a serial order of `exchanges` that explains what was observed: run one after the
 * other from `base`, each gets the answer it got, and the cluster ends in `observed`. `facts`
 * are what the cluster learnt from the machine meanwhile (a port found in use), applied first.
 * Depth-first, cutting every prefix that already answers differently. Returns the order, or null.
 */
export async function serialOrder(
  base: ClusterState,
  at: number,
  facts: readonly Command[],
  exchanges: readonly Exchange[],
  observed: ClusterState,
  now: number,
): Promise<number[] | null> {
  const search = async (order: number[]): Promise<number[] | null> => {
    for (let i = 0; i < exchanges.length; i++) {
      if (order.includes(i)) continue;
      const next = [...order, i];
      const r = await replay(base, at, facts, exchanges, next, now);
      if (!r.matches) continue;
      if (next.length === exchanges.length) {
        if (JSON.stringify(sorted(r.state)) === JSON.stringify(sorted(observed))) return next;
        continue;
      }
      const found = await search(next);
      if (found) return found;
    }
    return null;
  };
  return search([]);
}

/** Key order does not matter to a state: compare with keys sorted. */
function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]));
  return v;
}
