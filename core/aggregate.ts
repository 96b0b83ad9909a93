import type { Command } from '../domain/commands.ts';
import { decideAll } from './decide.ts';
import type { RecordedEvent } from '../domain/events.ts';
import type { Rejection } from '../domain/rejections.ts';
import { stateAt } from './replay.ts';
import type { ClusterState } from '../domain/state.ts';
import type { EventStore, SnapshotStore } from './store/eventStore.ts';

export type ExecuteResult =
  | { readonly ok: true; readonly events: readonly RecordedEvent[]; readonly state: ClusterState }
  | { readonly ok: false; readonly rejection: Rejection };

export interface AggregateOptions {
  readonly snapshots?: SnapshotStore;
  /** Save a snapshot once this many events have been appended since the last one. */
  readonly snapshotEvery?: number;
}

/**
 * The cluster as an event-sourced aggregate: a command is decided against the current state;
 * accepted events are appended (durably) before the state moves; a rejection appends nothing.
 */
export class ClusterAggregate {
  #state: ClusterState;
  /** The log position `#state` is the fold of: appends expect the log to be there still. */
  #position: number;
  #sinceSnapshot = 0;

  constructor(readonly store: EventStore, readonly options: AggregateOptions = {}) {
    this.#position = store.position;
    this.#state = stateAt(store, options.snapshots, this.#position);
  }

  get state(): ClusterState {
    return this.#state;
  }

  /** Executes one command, or several as one all-or-nothing request. */
  execute(command: Command | readonly Command[]): ExecuteResult {
    const decision = decideAll(this.#state, Array.isArray(command) ? command : [command as Command]);
    if (!decision.ok) return decision;
    if (decision.events.length === 0) return { ok: true, events: [], state: this.#state };
    const appended = this.store.append(decision.events, decision.state.clock, this.#position);
    if (!appended.ok) {
      // Someone else wrote to the log: catch up and decide again on the state they left.
      this.#position = this.store.position;
      this.#state = stateAt(this.store, this.options.snapshots, this.#position);
      return this.execute(command);
    }
    this.#position = this.store.position;
    this.#state = decision.state;
    this.#maybeSnapshot(appended.recorded.length);
    return { ok: true, events: appended.recorded, state: this.#state };
  }

  #maybeSnapshot(appended: number): void {
    const { snapshots, snapshotEvery = 1000 } = this.options;
    if (!snapshots) return;
    this.#sinceSnapshot += appended;
    if (this.#sinceSnapshot < snapshotEvery) return;
    snapshots.save({ position: this.#position, state: this.#state });
    this.#sinceSnapshot = 0;
  }
}
