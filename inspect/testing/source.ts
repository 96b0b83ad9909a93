import { ClusterAggregate } from '../../core/aggregate.ts';
import { pendingCompletions } from '../../core/pending.ts';
import { MemoryEventStore } from '../../core/store/memoryEventStore.ts';
import type { Command } from '../../domain/commands.ts';
import type { RecordedEvent } from '../../domain/events.ts';
import type { ClusterState } from '../../domain/state.ts';
import type { EventSource } from '../mirror.ts';

type Listener = (events: readonly RecordedEvent[], state: ClusterState) => void;

/**
 * A cluster for the inspector's tests: the event-sourced aggregate with listeners, and a reset
 * onto an empty log. The mock adds timers and real listeners; mirroring needs neither.
 */
export class TestSource implements EventSource {
  #aggregate = new ClusterAggregate(new MemoryEventStore());
  readonly #listeners = new Set<Listener>();
  readonly now = () => Date.now();

  get state(): ClusterState {
    return this.#aggregate.state;
  }

  get store(): { readonly position: number } {
    return this.#aggregate.store;
  }

  execute(command: Command | readonly Command[]): void {
    const result = this.#aggregate.execute(command);
    if (result.ok && result.events.length) for (const l of this.#listeners) l(result.events, result.state);
  }

  reset(commands: readonly Command[]): void {
    this.#aggregate = new ClusterAggregate(new MemoryEventStore());
    this.execute(commands);
  }

  /** Finishes the cluster's own pending work now (the mock does it a little later). */
  settle(): void {
    for (let work = pendingCompletions(this.state); work.length; work = pendingCompletions(this.state)) {
      const before = this.store.position;
      for (const c of work) this.execute(c);
      if (this.store.position === before) return;
    }
  }

  onEvents(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): void {
    this.#listeners.clear();
  }
}
