import type { RecordedEvent } from '../../domain/events.ts';
import { iso, PLANE_CERT_NAMES } from './views.ts';
import { apiFields } from './views/apiNames.ts';
import { startFailure } from './views/nodeStart.ts';

type Severity = 'INFO' | 'WARNING' | 'ERROR';
type Entry = { type: string; severity: Severity } & Record<string, unknown>;

/**
 * How each event reads in `GET /v1/logs`: `<object>_<what>` types as the real log uses them
 * (reference/rs-api-facts.md §7), snake_case fields. Events about the environment (hosts,
 * foreign ports, the clock) are the harness's, not the cluster's, and are not listed.
 */
/** What an entry names as it was when it was logged: databases by name, nodes by address and host. */
interface Then {
  readonly names: Map<string, string>;
  readonly nodes: Map<string, { addr: string; hostId: string }>;
}

function entryOf(e: RecordedEvent, then: Then): Entry | null {
  const names = then.names;
  const d = e.data as Record<string, any>;
  const node = { node_uid: d.uid };
  const bdb = { bdb_uid: d.uid };
  const cert = { node_uid: d.nodeUid, name: PLANE_CERT_NAMES[d.plane as 'control' | 'data'] };
  switch (e.type) {
    case 'ClusterCreated': return { type: 'cluster_created', severity: 'INFO', name: d.name };
    case 'ClusterConfigured': return { type: 'cluster_updated', severity: 'INFO', changes: apiFields(d.changes) };
    case 'ClusterPolicyChanged': return { type: 'cluster_policy_updated', severity: 'INFO', data_internode_encryption: d.dataInternodeEncryption };
    case 'AlertSettingsChanged': return { type: 'cluster_alert_settings_updated', severity: 'INFO', changes: apiFields(d) };
    case 'NodeJoined': return { type: 'cluster_node_joined', severity: 'INFO', ...node, addr: d.addr };
    case 'NodeAddressChanged': return { type: 'node_addr_updated', severity: 'INFO', ...node, old_val: d.previous, new_val: d.addr };
    case 'NodeExternalAddressesChanged': return { type: 'node_external_addr_updated', severity: 'INFO', ...node, new_val: d.externalAddrs };
    case 'NodeWentDown': return { type: 'node_failed', severity: 'WARNING', ...node, state: true };
    case 'NodeCameOnline': return { type: 'node_failed', severity: 'INFO', ...node, state: false };
    case 'NodeStartFailed': {
      const n = then.nodes.get(d.uid);
      return { type: 'node_operation_failed', severity: 'ERROR', ...node, reason: d.reason, description: startFailure(d.uid, n?.addr ?? 'its internal address', n?.hostId) };
    }
    case 'NodeRemovalStarted': return { type: 'node_remove_request', severity: 'INFO', ...node };
    case 'NodeRemovalFailed': return { type: 'node_remove_failed', severity: 'ERROR', ...node, reason: d.reason };
    case 'NodeRemoved': return { type: 'node_remove_completed', severity: 'INFO', ...node };
    case 'DatabaseCreationStarted': return { type: 'bdb_create_request', severity: 'INFO', ...bdb, bdb_name: d.name };
    case 'DatabaseCreated': return { type: 'cluster_bdb_created', severity: 'INFO', ...bdb, bdb_name: names.get(d.uid) ?? '' };
    case 'DatabaseUpdated':
      // A rename reads as the reference's example does: `bdb_name_updated` with both names.
      if (d.changes.name !== undefined) return { type: 'bdb_name_updated', severity: 'INFO', ...bdb, old_val: names.get(d.uid) ?? '', new_val: d.changes.name, changes: apiFields(d.changes) };
      return { type: 'bdb_updated', severity: 'INFO', ...bdb, changes: apiFields(d.changes) };
    case 'DatabaseProxyRestarted': return { type: 'bdb_proxy_restarted', severity: 'WARNING', ...bdb, reason: d.reason };
    case 'DatabaseChangeCompleted': return { type: 'bdb_update_completed', severity: 'INFO', ...bdb };
    case 'DatabaseDeletionStarted': return { type: 'bdb_delete_request', severity: 'INFO', ...bdb };
    case 'DatabaseDeleted': return { type: 'cluster_bdb_deleted', severity: 'INFO', ...bdb };
    case 'CertificateIssued': return { type: 'node_internal_cert_issued', severity: 'INFO', ...cert, serial: d.serial, reason: d.reason, expires: iso(d.notAfter) };
    case 'CertificateExpiryAlertRaised': return { type: 'node_internal_certs_about_to_expire', severity: 'WARNING', ...cert, state: true, days_left: d.daysLeft };
    case 'CertificateExpiryAlertCleared': return { type: 'node_internal_certs_about_to_expire', severity: 'INFO', ...cert, state: false };
    case 'CertificateExpired': return { type: 'node_internal_cert_expired', severity: 'ERROR', ...cert };
    default: return null;
  }
}

export interface LogQuery {
  readonly stime?: number;
  readonly etime?: number;
  readonly order: 'asc' | 'desc';
  readonly limit?: number;
  readonly offset: number;
}

/**
 * Parses `stime`, `etime` (ISO 8601), `order`, `limit`, `offset`; a bad value is named. `limit=0`
 * lists nothing, or with `zeroMeansAll` (the form `log-limit-zero-means-all`) everything.
 */
export function parseLogQuery(params: URLSearchParams, options: { zeroMeansAll?: boolean } = {}): LogQuery | string {
  const time = (name: string) => {
    const v = params.get(name);
    if (v === null) return undefined;
    const t = Date.parse(v);
    return Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}/.test(v) ? `${name} must be an ISO 8601 time` : t;
  };
  const count = (name: string) => {
    const v = params.get(name);
    if (v === null) return undefined;
    return /^\d{1,9}$/.test(v) ? Number(v) : `${name} must be a non-negative integer`;
  };
  const stime = time('stime');
  const etime = time('etime');
  const limit = count('limit');
  const offset = count('offset');
  const order = params.get('order') ?? 'asc';
  for (const v of [stime, etime, limit, offset]) if (typeof v === 'string') return v;
  if (order !== 'asc' && order !== 'desc') return 'order must be asc or desc';
  const bounded = limit === 0 && options.zeroMeansAll ? undefined : (limit as number | undefined);
  return { stime: stime as number | undefined, etime: etime as number | undefined, order, limit: bounded, offset: (offset as number | undefined) ?? 0 };
}

/** The log entries of a stream of events that match a query. */
export function logEntries(events: Iterable<RecordedEvent>, q: LogQuery): Entry[] {
  const out: Entry[] = [];
  // Entries name a database as it was called then, as the reference's `cluster_bdb_created` does.
  const then: Then = { names: new Map(), nodes: new Map() };
  for (const e of events) {
    const inRange = !((q.stime !== undefined && e.time < q.stime) || (q.etime !== undefined && e.time > q.etime));
    const entry = inRange ? entryOf(e, then) : null;
    if (entry) out.push({ time: iso(e.time), ...entry });
    // Names and addresses are followed over the whole log, the entries outside the range included.
    const d = e.data as { uid?: string; name?: string; addr?: string; hostId?: string; changes?: { name?: string } };
    if (e.type === 'DatabaseCreationStarted') then.names.set(d.uid!, d.name!);
    if (e.type === 'DatabaseUpdated' && d.changes?.name !== undefined) then.names.set(d.uid!, d.changes.name);
    if (e.type === 'NodeJoined') then.nodes.set(d.uid!, { addr: d.addr!, hostId: d.hostId! });
    if (e.type === 'NodeAddressChanged') then.nodes.set(d.uid!, { ...then.nodes.get(d.uid!)!, addr: d.addr! });
  }
  if (q.order === 'desc') out.reverse();
  return out.slice(q.offset, q.limit === undefined ? undefined : q.offset + q.limit);
}
