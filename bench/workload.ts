/**
 * The benchmark's event log: a deterministic operator session run through `decide`, so every
 * event in it is one the model really produces, in an order it really allows.
 *
 * Each round of the session touches every part of the model once or more: database changes
 * (the bulk of a real cluster's log), a node moved to a new internal address (host binds the
 * new address, node goes down, address changes, node comes back, host drops the old address),
 * external addresses, the clock (which drives certificate rotation and expiry alerts),
 * cluster policy, ports, alert thresholds, foreign ports, and database churn.
 */
import type { Command } from '../domain/commands.ts';
import { decide } from '../machines/decide.ts';
import type { EventType } from '../domain/events.ts';
import { initialState, type ClusterState } from '../domain/state.ts';
import type { Snapshot, SnapshotStore } from '../core/store/eventStore.ts';
import { MemoryEventStore, MemorySnapshotStore } from '../core/store/memoryEventStore.ts';
import { clusterCommands, DAY } from '../machines/testing/fixtures.ts';

/** Nodes in the cluster; hosts h1..h5 carry them. */
const NODES = 5;
/** Live databases kept through the session: one created and one deleted every round. */
const DATABASES = 50;

export interface Log {
  readonly store: MemoryEventStore;
  readonly snapshots: CountingSnapshotStore;
  /** The state `decide` left after the last command: what the log must fold to. */
  readonly state: ClusterState;
  readonly commands: number;
  readonly rounds: number;
  readonly eventsByType: ReadonlyMap<EventType, number>;
}

/**
 * A MemorySnapshotStore that also counts what it holds, so the benchmark can tell the log's
 * memory from the snapshots' (the store keeps its JSON private).
 */
export class CountingSnapshotStore implements SnapshotStore {
  readonly #inner = new MemorySnapshotStore();
  count = 0;
  jsonChars = 0;

  save(snapshot: Snapshot): void {
    this.#inner.save(snapshot);
    this.count += 1;
    this.jsonChars += JSON.stringify(snapshot.state).length;
  }

  latest(position?: number): Snapshot | undefined {
    return this.#inner.latest(position);
  }
}

/**
 * Runs commands through `decide` and appends their events until the log holds at least
 * `targetEvents`. A snapshot of the decided state is saved each time the log crosses a multiple
 * of `snapshotEvery`, at the position it actually reached (a command's events are appended
 * together, so that is the first position at or after the multiple), as ClusterAggregate does.
 * `onSnapshot` lets a caller look in on a build that blocks the event loop for a minute.
 */
export function buildLog(targetEvents: number, snapshotEvery = 1000, onSnapshot?: (position: number) => void): Log {
  const store = new MemoryEventStore();
  const snapshots = new CountingSnapshotStore();
  const eventsByType = new Map<EventType, number>();
  let state = initialState();
  let commands = 0;

  const run = (command: Command): void => {
    const d = decide(state, command);
    if (!d.ok) throw new Error(`workload: ${command.type} was rejected: ${d.rejection.error_code}: ${d.rejection.description}`);
    // Every command of the session is meant to change something; none would mean the session
    // drifted from what it is meant to exercise.
    if (d.events.length === 0) throw new Error(`workload: ${command.type} ${JSON.stringify(command.data)} caused no event`);
    const before = store.position;
    const appended = store.append(d.events, d.state.clock, before);
    if (!appended.ok) throw new Error('workload: append conflict on a private store');
    state = d.state;
    commands += 1;
    for (const e of d.events) eventsByType.set(e.type, (eventsByType.get(e.type) ?? 0) + 1);
    if (Math.floor(store.position / snapshotEvery) > Math.floor(before / snapshotEvery)) {
      snapshots.save({ position: store.position, state });
      onSnapshot?.(store.position);
    }
  };

  for (const c of clusterCommands(NODES)) run(c);
  for (let i = 0; i < DATABASES; i++) createDatabase(() => state, run);

  let round = 0;
  while (store.position < targetEvents) {
    playRound(round, () => state, run);
    round += 1;
  }
  return { store, snapshots, state, commands, rounds: round, eventsByType };
}

type Run = (command: Command) => void;

/** A database created and its creation completed; the uid is the one the cluster assigns. */
function createDatabase(state: () => ClusterState, run: Run): void {
  const uid = String(state().nextDatabaseUid);
  run({ type: 'CreateDatabase', data: { name: `db-${uid}`, memorySize: 1 << 30 } });
  run({ type: 'CompleteDatabaseAction', data: { uid } });
}

/** One round of the session. Choices depend only on the round number and the state. */
function playRound(round: number, state: () => ClusterState, run: Run): void {
  const liveDatabases = () => Object.keys(state().databases);

  // Two encryption toggles: each is DatabaseUpdated + DatabaseProxyRestarted, then completion.
  for (let k = 0; k < 2; k++) {
    const dbs = liveDatabases();
    const uid = dbs[(round * 2 + k) % dbs.length]!;
    const on = state().databases[uid]!.dataInternodeEncryption;
    run({ type: 'UpdateDatabase', data: { uid, changes: { dataInternodeEncryption: !on } } });
    run({ type: 'CompleteDatabaseAction', data: { uid } });
  }

  // Move one node to its other internal address. The host binds the new address first, so the
  // node can come back on it, and drops the old one afterwards.
  const uid = String((round % NODES) + 1);
  const node = state().nodes[uid]!;
  const hostIndex = node.hostId.slice(1);
  const v6 = `2001:db8::${hostIndex}`;
  const next = node.addr.startsWith('10.0.') ? `10.1.0.${hostIndex}` : `10.0.0.${hostIndex}`;
  run({ type: 'SetHostAddresses', data: { hostId: node.hostId, boundAddrs: [node.addr, next, v6] } });
  run({ type: 'PowerOffNode', data: { uid } });
  run({ type: 'SetNodeAddress', data: { uid, addr: next } });
  run({ type: 'PowerOnNode', data: { uid } });
  run({ type: 'SetHostAddresses', data: { hostId: node.hostId, boundAddrs: [next, v6] } });

  // External addresses on and off.
  const external = state().nodes[uid]!.externalAddrs.length ? [] : [`203.0.113.${uid}`];
  run({ type: 'SetNodeExternalAddresses', data: { uid, externalAddrs: external } });

  // Three days pass: certificates rotate every 30 days; alerts fire under a high threshold.
  run({ type: 'AdvanceClock', data: { now: state().clock + 3 * DAY } });

  if (round % 4 === 0) {
    run({ type: 'SetClusterPolicy', data: { dataInternodeEncryption: !state().policy.dataInternodeEncryption } });
  }
  if (round % 4 === 2) {
    run({ type: 'ConfigureCluster', data: { cmPort: state().config.cmPort === 8443 ? 8453 : 8443 } });
  }
  if (round % 8 === 5) {
    // A threshold above the 30-day rotation age raises alerts that the next rotation clears.
    const high = state().alerts.nodeInternalCertsAboutToExpire.thresholdDays === 70;
    run({ type: 'SetAlertSettings', data: { nodeInternalCertsAboutToExpire: { thresholdDays: high ? 45 : 70 } } });
  }
  if (round % 16 === 7) {
    const held = state().foreignPorts.includes(40_000);
    run(held ? { type: 'ReleasePort', data: { port: 40_000 } } : { type: 'HoldPort', data: { port: 40_000 } });
  }

  // Churn: the oldest database goes, a new one comes (its port is the lowest free one).
  const oldest = liveDatabases()[0]!;
  run({ type: 'DeleteDatabase', data: { uid: oldest } });
  run({ type: 'CompleteDatabaseAction', data: { uid: oldest } });
  createDatabase(state, run);
}
