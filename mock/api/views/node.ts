import type { ClusterState, DatabaseState, NodeState } from '../../../domain/state.ts';
import { NODE_CONSTANTS } from './constants.ts';

/** The addresses clients reach a node on: its external ones, or its internal one alone. */
export const clientAddresses = (n: NodeState): string[] => (n.externalAddrs.length ? [...n.externalAddrs] : [n.addr]);

/** The node serving a database's endpoint: the lowest-numbered active node. */
export function endpointNode(s: ClusterState): NodeState | undefined {
  return Object.values(s.nodes)
    .filter((n) => n.status === 'active')
    .sort((a, b) => Number(a.uid) - Number(b.uid))[0];
}

/**
 * A database's shards by uid. Every database of the model is one unreplicated shard (as the
 * real sample: `shards_count: 1`, `replication: false`), numbered like the database.
 */
export const shardsOf = (db: DatabaseState): number[] => [Number(db.uid)];

/** The shards a node holds: those of every database, on the node serving the endpoints. */
export function shardsOn(s: ClusterState, n: NodeState): number[] {
  if (endpointNode(s)?.uid !== n.uid) return [];
  return Object.values(s.databases)
    .flatMap(shardsOf)
    .sort((a, b) => a - b);
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
