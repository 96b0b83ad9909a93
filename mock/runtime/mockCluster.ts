import { ClusterAggregate, type ExecuteResult } from '../../core/aggregate.ts';
import { decideAll } from '../../core/decide.ts';
import type { Decision } from '../../machines/decide.ts';
import type { Command } from '../../domain/commands.ts';
import type { RecordedEvent } from '../../domain/events.ts';
import { completionKey, pendingCompletions } from '../../core/pending.ts';
import type { ClusterConfig, ClusterState } from '../../domain/state.ts';
import type { EventStore, SnapshotStore } from '../../core/store/eventStore.ts';
import { MemoryEventStore, MemorySnapshotStore } from '../../core/store/memoryEventStore.ts';
import type { Edge } from './edge.ts';
import type { Form } from './forms.ts';

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
  /** Other answers the specification allows, where it lets a target choose (`forms.ts`); none by default. */
  readonly forms?: readonly Form[];
}

/** A host's last bootstrap attempt, as the host itself remembers it (not in the cluster's log). */
export interface BootstrapAttempt {
  readonly state: 'completed' | 'error';
  readonly error_code?: string;
  readonly message?: string;
  /** When it was made (cluster clock); a host that joined with the topology has none. */
  readonly time?: number;
}

type Listener = (events: readonly RecordedEvent[], state: ClusterState) => void;

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
  /** The allowed forms this cluster answers in (`forms.ts`). */
  readonly forms: ReadonlySet<Form>;
  /** Scheduled completions, by `completionKey` (no timer while the work is held). */
  readonly #pending = new Map<string, { timer: ReturnType<typeof setTimeout> | undefined; command: Command }>();
  /** Whether asynchronous work waits for a release (the control protocol's `hold-work`). */
  #held = false;
  readonly #listeners = new Set<Listener>();
  /** The real parts behind the model, when attached (`mock/edge`). */
  edge: Edge | undefined;
  /** Where the API really listens, when a server serves it (see `placeApi`). */
  #apiPorts: Partial<Pick<ClusterConfig, 'cnmHttpPort' | 'cnmHttpsPort'>> = {};
  /** Each host's last bootstrap (join) attempt: host-local, as on a real machine, not in the log. */
  readonly bootstrap = new Map<string, BootstrapAttempt>();

  constructor(options: MockClusterOptions = {}) {
    this.#storage = options.storage ?? (() => ({ store: new MemoryEventStore(), snapshots: new MemorySnapshotStore() }));
    this.#aggregate = this.#open(false);
    this.#settleMs = options.settleMs ?? 50;
    this.now = options.now ?? Date.now;
    this.forms = new Set(options.forms ?? []);
    this.#resumePending();
  }

  /** Work that was under way when the cluster last stopped is finished after a restart. */
  #resumePending(): void {
    for (const c of pendingCompletions(this.state)) this.#schedule(c);
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
   * When a reset builds the new cluster: now, or in the form `reset-keeps-clock` the old cluster's
   * clock where it is ahead. Either is allowed (spec/control.md); the suite reads the clock after.
   */
  resetTime(): number {
    const now = this.now();
    return this.forms.has('reset-keeps-clock') && this.state.status === 'running' ? Math.max(now, this.state.clock) : now;
  }

  /**
   * Replaces the cluster with a new one built from `commands` on an empty log (the control
   * protocol's reset). Listeners stay; pending work of the old cluster is dropped.
   */
  reset(commands: readonly Command[]): ExecuteResult {
    this.#cancelPending();
    this.#held = false;
    this.bootstrap.clear();
    this.edge?.reset();
    this.#aggregate = this.#open(true);
    const built = this.execute(commands);
    return built.ok ? this.#alignApiPorts() ?? built : built;
  }

  /**
   * Tells the cluster where its server really serves the API, so that the settings it reports
   * (`cnm_https_port`, `cnm_http_port`) are the ones in force: a running cluster whose settings
   * say otherwise is configured to these ports (an event in the log, like any change), now and
   * after every reset. Throws when the cluster refuses them (a port its rules keep for another use).
   */
  placeApi(ports: Partial<Pick<ClusterConfig, 'cnmHttpPort' | 'cnmHttpsPort'>>): void {
    this.#apiPorts = ports;
    const result = this.#alignApiPorts();
    if (result && !result.ok) throw new Error(`The cluster refuses the API's ports: ${result.rejection.description}`);
  }

  #alignApiPorts(): ExecuteResult | undefined {
    const config = this.state.config;
    const changes = Object.fromEntries(Object.entries(this.#apiPorts).filter(([k, v]) => config[k as keyof ClusterConfig] !== v));
    if (this.state.status !== 'running' || Object.keys(changes).length === 0) return undefined;
    return this.execute({ type: 'ConfigureCluster', data: changes });
  }

  /** Decides and records a command (or several, all or nothing), then starts what follows. */
  execute(command: Command | readonly Command[]): ExecuteResult {
    const result = this.#aggregate.execute(command);
    if (!result.ok || result.events.length === 0) return result;
    for (const c of pendingCompletions(result.state, result.events)) this.#schedule(c);
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
      const [key, { timer, command }] = this.#pending.entries().next().value!;
      if (timer) clearTimeout(timer);
      this.#pending.delete(key);
      this.execute(command);
    }
  }

  get held(): boolean {
    return this.#held;
  }

  /**
   * Holds the cluster's asynchronous work where it is (a removal stays `decommissioning`, a
   * database stays pending) until released, so that a test can act while the work is under way;
   * released, each piece of work finishes the usual delay later. A reset releases it.
   */
  holdWork(hold: boolean): void {
    if (hold === this.#held) return;
    this.#held = hold;
    for (const [key, entry] of this.#pending) {
      if (entry.timer) clearTimeout(entry.timer);
      this.#pending.set(key, { command: entry.command, timer: hold ? undefined : this.#timer(key, entry.command) });
    }
  }

  /** Stops background work; pending operations stay pending in the log. */
  close(): void {
    this.#cancelPending();
    this.#listeners.clear();
  }

  #cancelPending(): void {
    for (const { timer } of this.#pending.values()) if (timer) clearTimeout(timer);
    this.#pending.clear();
  }

  /** Schedules a completion, unless the same work is already scheduled. */
  #schedule(command: Command): void {
    const key = completionKey(command);
    if (this.#pending.has(key)) return;
    this.#pending.set(key, { timer: this.#held ? undefined : this.#timer(key, command), command });
  }

  #timer(key: string, command: Command): ReturnType<typeof setTimeout> {
    const timer = setTimeout(() => {
      this.#pending.delete(key);
      // Refused only if something overtook it (a node went down mid-removal): nothing to finish.
      this.execute(command);
    }, this.#settleMs);
    timer.unref?.();
    return timer;
  }
}
