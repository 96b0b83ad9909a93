import { ClusterAggregate, type ExecuteResult } from '../../core/aggregate.ts';
import { decideAll, type Decision } from '../../core/decide.ts';
import type { Command } from '../../core/commands.ts';
import type { RecordedEvent } from '../../core/events.ts';
import type { ClusterState } from '../../core/state.ts';
import type { EventStore, SnapshotStore } from '../../core/store/eventStore.ts';
import { MemoryEventStore, MemorySnapshotStore } from '../../core/store/memoryEventStore.ts';
import type { Edge } from './edge.ts';

export interface ClusterStorage {
  readonly store: EventStore;
  readonly snapshots: SnapshotStore;
}

export interface MockClusterOptions {
  /**
   * Where the log lives. Called once at start (`fresh` false: open what is there) and by
   * `reset` (`fresh` true: an empty log). Default: in memory.
   */
  readonly storage?: (fresh: boolean) => ClusterStorage;
  /** How long the cluster takes to finish a create, change, delete or removal. */
  readonly settleMs?: number;
  /** Wall clock: when the cluster is created, and what its clock follows. */
  readonly now?: () => number;
}

type Listener = (events: readonly RecordedEvent[], state: ClusterState) => void;

/** The background work an event starts, as the command that finishes it. */
function completionOf(e: RecordedEvent): Command | null {
  switch (e.type) {
    case 'DatabaseCreationStarted':
    case 'DatabaseUpdated':
    case 'DatabaseDeletionStarted':
      return { type: 'CompleteDatabaseAction', data: { uid: (e.data as { uid: string }).uid } };
    case 'NodeRemovalStarted':
      return { type: 'CompleteNodeRemoval', data: { uid: (e.data as { uid: string }).uid } };
    default:
      return null;
  }
}

/**
 * A running mock cluster: the event-sourced aggregate, plus what a real cluster does on its
 * own — finishing asynchronous operations a little later — and a hook for the effects at the
 * edge (certificates, listeners). Every change, including the cluster's own, goes through
 * `execute`, so it is decided by the machines and recorded in the log.
 */
export class MockCluster {
  readonly now: () => number;
  #aggregate: ClusterAggregate;
  readonly #storage: (fresh: boolean) => ClusterStorage;
  readonly #settleMs: number;
  readonly #pending = new Map<ReturnType<typeof setTimeout>, Command>();
  readonly #listeners = new Set<Listener>();
  /** The real parts behind the model, when attached (`mock/edge`). */
  edge: Edge | undefined;
  /** Each host's last bootstrap (join) attempt: host-local, as on a real machine, not in the log. */
  readonly bootstrap = new Map<string, { state: 'completed' | 'error'; error_code?: string; message?: string }>();

  constructor(options: MockClusterOptions = {}) {
    this.#storage = options.storage ?? (() => ({ store: new MemoryEventStore(), snapshots: new MemorySnapshotStore() }));
    this.#aggregate = this.#open(false);
    this.#settleMs = options.settleMs ?? 50;
    this.now = options.now ?? Date.now;
    this.#resumePending();
  }

  /** Work that was under way when the cluster last stopped is finished after a restart. */
  #resumePending(): void {
    const s = this.state;
    for (const db of Object.values(s.databases)) {
      if (db.status !== 'active') this.#schedule({ type: 'CompleteDatabaseAction', data: { uid: db.uid } });
    }
    for (const node of Object.values(s.nodes)) {
      if (node.status === 'decommissioning') this.#schedule({ type: 'CompleteNodeRemoval', data: { uid: node.uid } });
    }
  }

  #open(fresh: boolean): ClusterAggregate {
    const { store, snapshots } = this.#storage(fresh);
    return new ClusterAggregate(store, { snapshots });
  }

  get aggregate(): ClusterAggregate {
    return this.#aggregate;
  }

  get state(): ClusterState {
    return this.#aggregate.state;
  }

  get store(): EventStore {
    return this.#aggregate.store;
  }

  /**
   * Replaces the cluster with a new one built from `commands` on an empty log (the control
   * protocol's reset). Listeners stay; pending work of the old cluster is dropped.
   */
  reset(commands: readonly Command[]): ExecuteResult {
    for (const timer of this.#pending.keys()) clearTimeout(timer);
    this.#pending.clear();
    this.bootstrap.clear();
    this.edge?.reset();
    this.#aggregate = this.#open(true);
    return this.execute(commands);
  }

  /** Decides and records a command (or several, all or nothing), then starts what follows. */
  execute(command: Command | readonly Command[]): ExecuteResult {
    const result = this.#aggregate.execute(command);
    if (!result.ok || result.events.length === 0) return result;
    for (const e of result.events) {
      const completion = completionOf(e);
      if (completion) this.#schedule(completion);
    }
    for (const listener of this.#listeners) listener(result.events, result.state);
    return result;
  }

  /** What `execute` would do, without doing it (`?dry_run`). */
  dryRun(command: Command | readonly Command[]): Decision {
    return decideAll(this.state, Array.isArray(command) ? command : [command as Command]);
  }

  /** Called after every accepted change with its events, in order. Returns an unsubscribe. */
  onEvents(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Finishes every pending operation now (and those they start), instead of waiting. */
  settle(): void {
    while (this.#pending.size) {
      const [timer, command] = this.#pending.entries().next().value!;
      clearTimeout(timer);
      this.#pending.delete(timer);
      this.execute(command);
    }
  }

  /** Stops background work; pending operations stay pending in the log. */
  close(): void {
    for (const timer of this.#pending.keys()) clearTimeout(timer);
    this.#pending.clear();
    this.#listeners.clear();
  }

  #schedule(command: Command): void {
    const timer = setTimeout(() => {
      this.#pending.delete(timer);
      // Refused only if something overtook it (a node went down mid-removal): nothing to finish.
      this.execute(command);
    }, this.#settleMs);
    timer.unref?.();
    this.#pending.set(timer, command);
  }
}
