import type { ClusterState, DatabaseState, NodeState } from '../../../domain/state.ts';
import { NODE_CONSTANTS } from './constants.ts';

/** The addresses clients reach a node on: its external ones, or its internal one alone. */
export const clientAddresses = (n: NodeState): string[] => (n.externalAddrs.length ? [...n.externalAddrs] : [n.addr]);

/**
 * What every view of one state shares, worked out once per state: the state is immutable (each
 * change makes a new one), so a read that follows a read costs a lookup, not a scan of every
 * database for every node and database shown.
 */
interface Derived {
  readonly endpointNode: NodeState | undefined;
  /** Each database's shards, numbered from 1 across the databases in uid order. */
  readonly shards: ReadonlyMap<string, number[]>;
  /** Every shard, in order. */
  readonly all: number[];
}
const derivedOf = new WeakMap<ClusterState, Derived>();

function derived(s: ClusterState): Derived {
  let d = derivedOf.get(s);
  if (d) return d;
  const endpoint = Object.values(s.nodes)
    .filter((n) => n.status === 'active')
    .sort((a, b) => Number(a.uid) - Number(b.uid))[0];
  const shards = new Map<string, number[]>();
  const all: number[] = [];
  let next = 1;
  for (const db of Object.values(s.databases).sort((a, b) => Number(a.uid) - Number(b.uid))) {
    const mine = Array.from({ length: shardCount(db) }, () => next++);
    shards.set(db.uid, mine);
    all.push(...mine);
  }
  d = { endpointNode: endpoint, shards, all };
  derivedOf.set(s, d);
  return d;
}

/** The node serving a database's endpoint: the lowest-numbered active node. */
export const endpointNode = (s: ClusterState): NodeState | undefined => derived(s).endpointNode;

/** A database's `shards_count`: as set, 1 by default (as the real sample). */
export const shardsCount = (db: DatabaseState): number => (Number.isSafeInteger(db.settings?.shards_count) ? (db.settings!.shards_count as number) : 1);

/** How many shards a database has: its masters, twice with replication. */
const shardCount = (db: DatabaseState): number => shardsCount(db) * (db.settings?.replication === true ? 2 : 1);

/** A database's shards by uid: numbered from 1 across the databases in uid order (a copy: views hand it out). */
export function shardsOf(s: ClusterState, db: DatabaseState): number[] {
  if (s.databases[db.uid] === db) return [...derived(s).shards.get(db.uid)!];
  // A database not (or not as given) in the state: counted after those before it in uid order.
  const before = Object.values(s.databases)
    .filter((d) => Number(d.uid) < Number(db.uid))
    .reduce((n, d) => n + shardCount(d), 0);
  return Array.from({ length: shardCount(db) }, (_, i) => before + i + 1);
}

/** The shards a node holds: every database's, on the node serving the endpoints (the model places nothing else). */
export function shardsOn(s: ClusterState, n: NodeState): number[] {
  return endpointNode(s)?.uid === n.uid ? [...derived(s).all] : [];
}

/**
 * Seconds the node's processes have run. The model knows when its current certificates were
 * issued (at the join, then at each rotation), not when the machine booted: the oldest of them
 * stands for the start. A node that is down runs nothing.
 */
export function uptimeOf(s: ClusterState, n: NodeState): number {
  if (n.status !== 'active') return 0;
  const since = Object.values(s.certificates)
    .filter((c) => c.nodeUid === n.uid)
    .reduce((oldest, c) => Math.min(oldest, c.notBefore), s.clock);
  return Math.max(0, Math.floor((s.clock - since) / 1000));
}

export function nodeView(s: ClusterState, n: NodeState) {
  const shards = shardsOn(s, n);
  return {
    ...NODE_CONSTANTS,
    uid: Number(n.uid),
    addr: n.addr,
    external_addr: [...n.externalAddrs],
    status: n.status,
    use_internal_ipv6: s.family === 'ipv6',
    accept_servers: true,
    shard_count: shards.length,
    ram_shard_count: shards.length,
    shard_list: shards,
    uptime: uptimeOf(s, n),
  };
}

/** The share of a node's memory the cluster lets shards be provisioned from (the rest is the system's). */
const PROVISIONAL_SHARE = 0.8;

/**
 * A node's entry in `GET /v1/nodes/status`: what the node's own agents report. The cluster master
 * is the lowest-numbered active node (the model elects no other); the hostname is the host's id;
 * memory counts the databases' `memory_size` on the node holding their shards.
 */
export function nodeStatusView(s: ClusterState, n: NodeState) {
  const total = NODE_CONSTANTS.total_memory;
  const used = shardsOn(s, n).length ? Object.values(s.databases).reduce((sum, db) => sum + db.memorySize, 0) : 0;
  const up = n.status === 'active';
  const provisional = up ? Math.floor(total * PROVISIONAL_SHARE) : 0;
  return {
    cores: NODE_CONSTANTS.cores,
    hostname: n.hostId,
    role: endpointNode(s)?.uid === n.uid ? 'master' : 'slave',
    node_status: n.status,
    free_ram: up ? Math.max(0, total - used) : 0,
    total_memory: total,
    free_provisional_ram: Math.max(0, provisional - used),
    total_provisional_ram: provisional,
    node_overbooking_depth: Math.max(0, provisional - used),
    master_shards: shardsOn(s, n),
    slave_shards: [],
    software_version: NODE_CONSTANTS.software_version,
  };
}
