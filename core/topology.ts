import type { Command } from '../domain/commands.ts';

export interface Topology {
  /** Cluster name (FQDN). */
  readonly name?: string;
  /** Nodes in the cluster: node 1 creates it, the others join. */
  readonly nodes?: number;
  /** Hosts that are not nodes yet, ready to join. */
  readonly spareHosts?: number;
  /** Create the cluster for IPv6 internal addresses. */
  readonly useInternalIpv6?: boolean;
}

/** Host i's addresses: one IPv4 and one IPv6, both bound (a multi-IP machine). */
export const hostAddresses = (i: number): string[] => [`10.0.0.${i}`, `2001:db8::${i}`];

/** The commands that build a topology: hosts, the cluster on host 1, the other nodes joined. */
export function topologyCommands(t: Topology, now: number): Command[] {
  const { name = 'cluster.mock.local', nodes = 3, spareHosts = 1, useInternalIpv6 = false } = t;
  const internal = (i: number) => hostAddresses(i)[useInternalIpv6 ? 1 : 0]!;
  const out: Command[] = [];
  for (let i = 1; i <= nodes + spareHosts; i++) out.push({ type: 'AddHost', data: { hostId: `host-${i}`, boundAddrs: hostAddresses(i) } });
  out.push({ type: 'CreateCluster', data: { name, hostId: 'host-1', addr: internal(1), useInternalIpv6, now } });
  for (let i = 2; i <= nodes; i++) out.push({ type: 'JoinNode', data: { hostId: `host-${i}`, via: internal(1), addr: internal(i) } });
  return out;
}
