import { X509Certificate } from 'node:crypto';
import { TargetUnreachable, type Answer, type Target } from '../../api/target.ts';
import { pemCertificates } from '../checks/nodeCertificates.ts';
import type { Plane } from '../../domain/state.ts';

/**
 * A cluster as the REST API shows it, in the few facts the model decides: what adopt mode builds
 * its model from, and what it compares before and after a run to prove it left the cluster as
 * it found it. Read-only; nothing here changes the cluster.
 */
export interface ObservedNode {
  readonly uid: string;
  readonly addr: string;
  /** Sorted: a set, its order the target's. */
  readonly externalAddrs: readonly string[];
  readonly status: string;
}

export interface ObservedDatabase {
  readonly uid: string;
  readonly name: string;
  readonly status: string;
  readonly memorySize: number;
  /** As `port` reads: 0 where the cluster chose the port. */
  readonly port: number;
  /** Where the endpoint listens (`endpoints[0].port`). */
  readonly endpointPort: number;
  readonly dataInternodeEncryption: boolean;
}

export interface ObservedAlert {
  readonly enabled: boolean;
  readonly thresholdDays: number;
}

export interface ObservedCertificate {
  readonly nodeUid: string;
  readonly plane: Plane;
  readonly notBefore: number;
  readonly notAfter: number;
}

export interface ObservedCluster {
  readonly name: string;
  readonly nodes: readonly ObservedNode[];
  readonly databases: readonly ObservedDatabase[];
  readonly policy: { readonly dataInternodeEncryption: boolean };
  readonly config: { readonly cmPort: number; readonly cnmHttpPort: number; readonly cnmHttpsPort: number; readonly httpSupport: boolean };
  readonly alerts: { readonly clusterCertsAboutToExpire: ObservedAlert; readonly nodeInternalCertsAboutToExpire: ObservedAlert };
  /** Absent where the target shows no certificates (the model then issues its own). */
  readonly certificates: readonly ObservedCertificate[];
  /** Ports the cluster lists as reserved (`reserved_ports`, `system_reserved_ports`), where it lists them. */
  readonly reservedPorts: readonly number[];
}

const byUid = <T extends { uid: string }>(a: T, b: T) => Number(a.uid) - Number(b.uid);

function read(answer: Answer, what: string, shape: 'list' | 'object'): any {
  const ok = answer.status === 200 && (shape === 'list' ? Array.isArray(answer.body) : typeof answer.body === 'object' && answer.body !== null && !Array.isArray(answer.body));
  if (!ok) throw new TargetUnreachable(`${what} answered ${answer.status} without a JSON ${shape}: ${JSON.stringify(answer.body)?.slice(0, 80)}`);
  return answer.body;
}

const alert = (a: any, fallback: ObservedAlert): ObservedAlert =>
  a && typeof a === 'object' ? { enabled: a.enabled !== false, thresholdDays: Number(a.threshold ?? fallback.thresholdDays) } : fallback;

/** `reserved_ports` are strings such as "9000-9010" or "12345" on a real cluster. */
export function ports(list: unknown): number[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((p) => {
    const m = /^(\d+)(?:-(\d+))?$/.exec(String(p));
    if (!m) return [];
    const from = Number(m[1]);
    // Every port of a range: a range cut short would let the suite ask for a reserved port.
    const to = Math.min(Number(m[2] ?? m[1]), 65535);
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  });
}

/**
 * The nodes' internal certificates: `GET /v1/cluster/certificates` lists, per plane, a PEM bundle
 * of one certificate per node in node order (the same reading as the node-certificates check).
 */
function certificates(body: any, nodes: readonly ObservedNode[]): ObservedCertificate[] {
  const planes: readonly [Plane, string][] = [['control', 'ccs_internode_encryption_cert'], ['data', 'data_internode_encryption_cert']];
  return planes.flatMap(([plane, field]) => {
    const pems = typeof body?.[field] === 'string' ? pemCertificates(body[field]) : [];
    if (pems.length !== nodes.length) return [];
    return pems.map((pem, i) => {
      const c = new X509Certificate(pem);
      return { nodeUid: nodes[i]!.uid, plane, notBefore: Date.parse(c.validFrom), notAfter: Date.parse(c.validTo) };
    });
  });
}

/** The ports a cluster object (`GET /v1/cluster`) lists as reserved, where it lists them. */
export const reservedPortsOf = (c: any): number[] => [...new Set([...ports(c?.reserved_ports), ...ports(c?.system_reserved_ports)])].sort((a, b) => a - b);

/** Reads the cluster as it is. */
export async function readCluster(target: Target): Promise<ObservedCluster> {
  const [nodesA, dbsA, clusterA, policyA, certsA] = await Promise.all(
    ['/v1/nodes', '/v1/bdbs', '/v1/cluster', '/v1/cluster/policy', '/v1/cluster/certificates'].map((p) => target.api('GET', p)),
  );
  const nodes: ObservedNode[] = (read(nodesA!, 'GET /v1/nodes', 'list') as any[])
    .map((n) => ({ uid: String(n.uid), addr: String(n.addr), externalAddrs: [...(n.external_addr ?? [])].map(String).sort(), status: String(n.status) }))
    .sort(byUid);
  const databases: ObservedDatabase[] = (read(dbsA!, 'GET /v1/bdbs', 'list') as any[])
    .map((d) => ({
      uid: String(d.uid),
      name: String(d.name),
      status: String(d.status),
      memorySize: Number(d.memory_size ?? 0),
      port: Number(d.port ?? 0),
      endpointPort: Number(d.endpoints?.[0]?.port ?? d.port ?? 0),
      dataInternodeEncryption: d.data_internode_encryption === true,
    }))
    .sort(byUid);
  const c = read(clusterA!, 'GET /v1/cluster', 'object');
  const policy = read(policyA!, 'GET /v1/cluster/policy', 'object');
  const defaults = { enabled: true, thresholdDays: 45 };
  return {
    name: String(c.name ?? ''),
    nodes,
    databases,
    policy: { dataInternodeEncryption: policy.data_internode_encryption === true },
    config: { cmPort: Number(c.cm_port), cnmHttpPort: Number(c.cnm_http_port), cnmHttpsPort: Number(c.cnm_https_port), httpSupport: c.http_support !== false },
    alerts: {
      clusterCertsAboutToExpire: alert(c.alert_settings?.cluster_certs_about_to_expire, defaults),
      nodeInternalCertsAboutToExpire: alert(c.alert_settings?.node_internal_certs_about_to_expire, defaults),
    },
    certificates: certsA!.status === 200 ? certificates(certsA!.body, nodes) : [],
    reservedPorts: reservedPortsOf(c),
  };
}

/**
 * What the suite promises to leave as it found it: everything but what it reads and does not
 * touch (certificates, the clock). Compared as JSON, so the order of fields is fixed here.
 */
export function restorableFacts(o: ObservedCluster) {
  return {
    nodes: o.nodes.map((n) => ({ uid: n.uid, addr: n.addr, externalAddrs: n.externalAddrs, status: n.status })),
    databases: o.databases.map((d) => ({ uid: d.uid, name: d.name, memorySize: d.memorySize, port: d.port, endpointPort: d.endpointPort, dataInternodeEncryption: d.dataInternodeEncryption })),
    policy: o.policy,
    config: o.config,
    alerts: o.alerts,
  };
}
