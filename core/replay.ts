import { produce } from 'immer';
import type { RecordedEvent } from '../domain/events.ts';
import { applyToCluster } from '../domain/evolve/index.ts';
import type { EventStore, SnapshotStore } from './store/eventStore.ts';
import { initialState, type ClusterState } from '../domain/state.ts';
import { upcast } from '../domain/upcast.ts';

/** Events folded per immer pass: one draft for many events, instead of one per event. */
const BATCH = 1024;

/** The fold of a stream of stored events over `from`. Equal to applying `evolve` one by one. */
export function fold(events: Iterable<RecordedEvent>, from: ClusterState = initialState()): ClusterState {
  let state = from;
  let batch: RecordedEvent[] = [];
  const flush = () => {
    const pending = batch;
    state = produce(state, (d) => {
      for (const e of pending) applyToCluster(d, upcast(e));
    });
    batch = [];
  };
  for (const e of events) {
    batch.push(e);
    if (batch.length === BATCH) flush();
  }
  if (batch.length) flush();
  return state;
}

/** The state as of event `position`: the newest snapshot at or before it, plus the tail. */
export function stateAt(store: EventStore, snapshots: SnapshotStore | undefined, position = store.position): ClusterState {
  const to = Math.min(position, store.position);
  const snapshot = snapshots?.latest(to);
  return fold(store.read(snapshot?.position ?? 0, to), snapshot?.state ?? initialState());
}
