import type { AnyStateMachine, StateValue } from 'xstate';
import type { RecordedEvent } from '../domain/events.ts';
import type { ClusterState, Plane } from '../domain/state.ts';
import { certificateMachine, clusterMachine, clusterSnapshot, databaseMachine, nodeMachine } from '../machines/index.ts';

export type EntityKind = 'cluster' | 'node' | 'database' | 'certificate';

/** One running machine of the cluster: what it is, which machine decides it, where it stands. */
export interface Entity {
  /** Stable while the entity exists: `cluster`, `node:2`, `bdb:1`, `cert:node-2/cp`. */
  readonly id: string;
  /** What a person reads: `node:2`, `bdb:1 (cache)`, `cert:node-2/cp`. */
  readonly name: string;
  readonly kind: EntityKind;
  readonly machine: AnyStateMachine;
  /** The machine's state value, as its state names spell it. */
  readonly value: StateValue;
  readonly context: unknown;
}

export const MACHINE_OF: Readonly<Record<EntityKind, AnyStateMachine>> = {
  cluster: clusterMachine,
  node: nodeMachine,
  database: databaseMachine,
  certificate: certificateMachine,
};

/** The state an entity's machine ends in when the entity leaves the state (none for certificates). */
export const FINAL_VALUE: Readonly<Partial<Record<EntityKind, string>>> = { node: 'removed', database: 'deleted' };

const planeTag = (p: Plane) => (p === 'control' ? 'cp' : 'dp');
export const nodeId = (uid: string) => `node:${uid}`;
export const databaseId = (uid: string) => `bdb:${uid}`;
export const certificateId = (nodeUid: string, plane: Plane) => `cert:node-${nodeUid}/${planeTag(plane)}`;
const byUid = (a: { uid: string }, b: { uid: string }) => Number(a.uid) - Number(b.uid);

/**
 * Every machine the state holds, cluster first, then nodes, databases and certificates by uid.
 * Each value is read from the entity's status, which is by construction its machine's state.
 */
export function entitiesOf(state: ClusterState): Entity[] {
  const { nodes, databases, certificates, hosts: _hosts, removals: _removals, ...settings } = state;
  const out: Entity[] = [
    { id: 'cluster', name: state.name ? `cluster (${state.name})` : 'cluster', kind: 'cluster', machine: clusterMachine, value: clusterSnapshot(state).value, context: settings },
  ];
  for (const n of Object.values(nodes).sort(byUid)) out.push({ id: nodeId(n.uid), name: nodeId(n.uid), kind: 'node', machine: nodeMachine, value: n.status, context: n });
  for (const d of Object.values(databases).sort(byUid)) {
    out.push({ id: databaseId(d.uid), name: `${databaseId(d.uid)} (${d.name})`, kind: 'database', machine: databaseMachine, value: d.status, context: d });
  }
  const certs = Object.values(certificates).sort((a, b) => Number(a.nodeUid) - Number(b.nodeUid) || a.plane.localeCompare(b.plane));
  for (const c of certs) {
    const id = certificateId(c.nodeUid, c.plane);
    out.push({ id, name: id, kind: 'certificate', machine: certificateMachine, value: c.status, context: c });
  }
  return out;
}

/** The entity an event is about: its node, database or certificate, else the cluster. */
export function entityOfEvent(e: Pick<RecordedEvent, 'type' | 'data'>): string {
  const d = e.data as { uid?: string; nodeUid?: string; plane?: Plane };
  if (e.type.startsWith('Node') && d.uid) return nodeId(d.uid);
  if (e.type.startsWith('Database') && d.uid) return databaseId(d.uid);
  if (e.type.startsWith('Certificate') && d.nodeUid && d.plane) return certificateId(d.nodeUid, d.plane);
  return 'cluster';
}
