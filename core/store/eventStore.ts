import type { DomainEvent, RecordedEvent } from '../../domain/events.ts';
import type { ClusterState } from '../../domain/state.ts';

export type AppendResult =
  | { readonly ok: true; readonly recorded: readonly RecordedEvent[] }
  | { readonly ok: false; readonly expected: number; readonly actual: number };

/**
 * An append-only log of the cluster's events. Appends are all-or-nothing and durable before
 * they return; `expectedPosition` makes an append conditional on nobody having written since.
 * Synchronous, because the stores this project ships (memory, SQLite) are, and a replay of a
 * million events should not pay for a million promises.
 */
export interface EventStore {
  /** Position of the last event; 0 when empty. */
  readonly position: number;
  append(events: readonly DomainEvent[], time: number, expectedPosition?: number): AppendResult;
  /** Events with `from < position <= to`, in order. */
  read(from?: number, to?: number): Iterable<RecordedEvent>;
}

export interface Snapshot {
  /** The state after the event at this position. */
  readonly position: number;
  readonly state: ClusterState;
}

export interface SnapshotStore {
  save(snapshot: Snapshot): void;
  /** The newest snapshot at or before `position` (default: the newest of all). */
  latest(position?: number): Snapshot | undefined;
}
