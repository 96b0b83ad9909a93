import { produce } from 'immer';
import { belowThreshold, isExpired } from '../../domain/rules/certificates.ts';
import { certificateKey, DEFAULT_CONFIG, type ClusterState } from '../../domain/state.ts';
import type { Command } from '../../domain/commands.ts';
import type { ObservedCluster } from './observed.ts';

/** The commands that build a model of an observed cluster, and how its node uids map to the target's. */
export interface Adoption {
  readonly commands: readonly Command[];
  /** Model node uid → the target's uid for it (the model numbers its nodes 1, 2, … as they join). */
  readonly nodes: ReadonlyMap<string, string>;
}

/** A name the model always takes: the real one is set afterwards (`withObservedDetails`). */
const placeholder = (uid: string) => `adopted-${uid}`;
const hostOf = (uid: string) => `host-of-node-${uid}`;

/**
 * Observed cluster → the commands that build the equivalent model state: a host per node with
 * its internal address bound, the cluster created on the first node and the others joined
 * through it, nodes that are down taken down, the settings that differ from a new cluster's,
 * and every database with its own uid, port and encryption. Pure: the clock is a parameter.
 */
export function adoptionCommands(o: ObservedCluster, now: number): Adoption {
  const [first, ...others] = o.nodes;
  if (!first) throw new Error('the cluster shows no nodes');
  const nodes = new Map(o.nodes.map((n, i) => [String(i + 1), n.uid]));
  const externals = (addrs: readonly string[]) => (addrs.length ? { externalAddrs: [...addrs] } : {});
  const commands: Command[] = [
    ...o.nodes.map((n): Command => ({ type: 'AddHost', data: { hostId: hostOf(n.uid), boundAddrs: [n.addr] } })),
    { type: 'CreateCluster', data: { name: 'adopted.cluster.local', hostId: hostOf(first.uid), addr: first.addr, ...externals(first.externalAddrs), useInternalIpv6: first.addr.includes(':'), now } },
    ...others.map((n): Command => ({ type: 'JoinNode', data: { hostId: hostOf(n.uid), via: first.addr, addr: n.addr, ...externals(n.externalAddrs) } })),
    ...[...nodes].filter(([, t]) => o.nodes.find((n) => n.uid === t)!.status === 'down').map(([m]): Command => ({ type: 'PowerOffNode', data: { uid: m } })),
  ];
  const changed = Object.fromEntries(Object.entries(o.config).filter(([k, v]) => DEFAULT_CONFIG[k as keyof typeof DEFAULT_CONFIG] !== v));
  if (Object.keys(changed).length) commands.push({ type: 'ConfigureCluster', data: changed });
  if (o.policy.dataInternodeEncryption) commands.push({ type: 'SetClusterPolicy', data: { dataInternodeEncryption: true } });
  commands.push({ type: 'SetAlertSettings', data: { ...o.alerts } });
  for (const d of o.databases) {
    commands.push({ type: 'CreateDatabase', data: { uid: d.uid, name: placeholder(d.uid), memorySize: d.memorySize, port: d.endpointPort, dataInternodeEncryption: d.dataInternodeEncryption } });
  }
  return { commands, nodes };
}

/**
 * What commands cannot say, set on the state they built: each database's real name and whether
 * the cluster chose its port, and the certificates' real validity (so the alerts are predicted
 * from the certificates the cluster has). Pure.
 */
export function withObservedDetails(state: ClusterState, o: ObservedCluster, nodes: ReadonlyMap<string, string>): ClusterState {
  const modelNode = new Map([...nodes].map(([m, t]) => [t, m]));
  return produce(state, (s) => {
    for (const d of o.databases) {
      const db = s.databases[d.uid];
      if (!db) continue;
      db.name = d.name;
      db.portAutoAssigned = d.port === 0;
    }
    const threshold = s.alerts.nodeInternalCertsAboutToExpire.thresholdDays;
    for (const c of o.certificates) {
      const cert = s.certificates[certificateKey(modelNode.get(c.nodeUid)!, c.plane)];
      if (!cert) continue;
      cert.notBefore = c.notBefore;
      cert.notAfter = c.notAfter;
      cert.status = isExpired(c, s.clock) ? 'expired' : belowThreshold(c, s.clock, threshold) ? 'expiring' : 'valid';
    }
  });
}
