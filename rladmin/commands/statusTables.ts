import { table } from '../table.ts';

/**
 * `rladmin status`'s tables in the real tool's default columns, filled from the REST API:
 * `GET /v1/nodes` (address, shards, cores, version, status), `GET /v1/nodes/status` (hostname,
 * role, free and provisional memory — a cluster that does not serve it gets `-` there, never a
 * made-up value) and `GET /v1/bdbs` (databases and their endpoints).
 */

export interface NodeView {
  uid: number;
  addr: string;
  external_addr?: string[];
  status: string;
  shard_count?: number;
  max_redis_servers?: number;
  cores?: number;
  total_memory?: number;
  software_version?: string;
}

/** One node's entry in `GET /v1/nodes/status`, keyed there by the node's uid. */
export interface NodeStatusView {
  hostname?: string;
  role?: string;
  free_ram?: number;
  total_memory?: number;
  free_provisional_ram?: number;
  total_provisional_ram?: number;
  node_status?: string;
}

export interface Endpoint {
  uid?: string;
  dns_name?: string;
  port?: number;
  addr?: string[];
  proxy_policy?: string;
}

export interface DatabaseView {
  uid: number;
  name: string;
  type?: string;
  status: string;
  shards_count?: number;
  shards_placement?: string;
  replication?: boolean;
  data_persistence?: string;
  ssl?: boolean;
  tls_mode?: string;
  endpoints?: Endpoint[];
}

const byUid = (a: { uid: number }, b: { uid: number }) => Number(a.uid) - Number(b.uid);
const known = (value: unknown): value is string | number | boolean => value !== undefined && value !== null && value !== '';
/** The real tool prints `-` where it has nothing to show. */
const text = (value: unknown) => (known(value) ? String(value) : '-');

/** Bytes as the real tool prints memory: `14.91GB`, `2.08MB` (binary units, at most two decimals). */
export function memory(bytes: unknown): string {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes)) return '-';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number(value.toFixed(2))}${units[unit]}`;
}

const ratio = (a: unknown, b: unknown) => (known(a) || known(b) ? `${memory(a)}/${memory(b)}` : '-');

/** The real tool says OK for a healthy node and the problem otherwise. */
const nodeStatus = (status: string) => (status === 'active' ? 'OK' : status.toUpperCase());

export const NODE_COLUMNS = ['NODE:ID', 'ROLE', 'ADDRESS', 'EXTERNAL_ADDRESS', 'HOSTNAME', 'SHARDS', 'CORES', 'FREE_RAM', 'PROVISIONAL_RAM', 'VERSION', 'STATUS'];

export function nodesTable(nodes: readonly NodeView[], statuses: Readonly<Record<string, NodeStatusView>> = {}): string[] {
  const rows = [...nodes].sort(byUid).map((n) => {
    const s = statuses[String(n.uid)] ?? {};
    return [
      `node:${n.uid}`,
      text(s.role),
      n.addr,
      (n.external_addr ?? []).join(','),
      text(s.hostname),
      known(n.max_redis_servers) ? `${text(n.shard_count)}/${n.max_redis_servers}` : text(n.shard_count),
      text(n.cores),
      ratio(s.free_ram, s.total_memory ?? n.total_memory),
      ratio(s.free_provisional_ram, s.total_provisional_ram),
      text(n.software_version),
      nodeStatus(n.status),
    ];
  });
  return table('CLUSTER NODES', NODE_COLUMNS, rows);
}

const onOff = (flag: unknown) => (flag === true ? 'enabled' : flag === false ? 'disabled' : '-');

export function databasesTable(dbs: readonly DatabaseView[]): string[] {
  const rows = [...dbs].sort(byUid).map((db) => {
    const e = db.endpoints?.[0];
    return [
      `db:${db.uid}`,
      db.name,
      text(db.type),
      db.status,
      text(db.shards_count),
      text(db.shards_placement),
      onOff(db.replication),
      text(db.data_persistence),
      e ? `${text(e.dns_name)}:${text(e.port)}` : '-',
    ];
  });
  return table('DATABASES', ['DB:ID', 'NAME', 'TYPE', 'STATUS', 'SHARDS', 'PLACEMENT', 'REPLICATION', 'PERSISTENCE', 'ENDPOINT'], rows);
}

/** TLS toward clients: `tls_mode` where the cluster gives it, else the older `ssl` flag. */
const ssl = (db: DatabaseView) => ((db.tls_mode ? db.tls_mode !== 'disabled' : db.ssl === true) ? 'Yes' : 'No');

/**
 * The endpoints table. The node hosting an endpoint is the node whose internal or external
 * address the endpoint lists (`-` when none does).
 */
export function endpointsTable(dbs: readonly DatabaseView[], nodes: readonly NodeView[]): string[] {
  const nodeOf = (addrs: readonly string[] = []) => {
    const n = nodes.find((node) => addrs.includes(node.addr) || (node.external_addr ?? []).some((a) => addrs.includes(a)));
    return n ? `node:${n.uid}` : '-';
  };
  const rows = [...dbs]
    .sort(byUid)
    .flatMap((db) => (db.endpoints ?? []).map((e) => [`db:${db.uid}`, db.name, `endpoint:${text(e.uid)}`, nodeOf(e.addr), text(e.proxy_policy), ssl(db)]));
  return table('ENDPOINTS', ['DB:ID', 'NAME', 'ID', 'NODE', 'ROLE', 'SSL'], rows);
}
