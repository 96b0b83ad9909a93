import type { DomainEvent } from '../domain/events.ts';
import { PLANE_CERT_NAMES } from '../domain/rules/rotation.ts';
import type { AlertSetting, ClusterConfig, ClusterState } from '../domain/state.ts';
import { Mismatch } from './mismatch.ts';
import type { Model } from './model.ts';

/**
 * The log entries a step adds, predicted from the model's events and compared entry by entry,
 * field by field (spec/semantics.md, "What an entry carries"): the suite's own projection, written
 * from the spec, never through the mock's renderer, so that a mistake in how the mock names a
 * change or drops an entry cannot hide in the prediction too.
 */

/** An entry as compared: its type, severity, subject and the fields the spec decides. */
export type Entry = Readonly<Record<string, unknown>>;

/** Free text (a description, a removal's reason): compared only as being there, never word for word. */
export const WORDS = '(words)';

/** The API's name of each field a change names (the objects' own names: spec/openapi.yaml). */
const CONFIG_NAMES: Readonly<Record<keyof ClusterConfig, string>> = { cmPort: 'cm_port', cnmHttpPort: 'cnm_http_port', cnmHttpsPort: 'cnm_https_port', httpSupport: 'http_support' };
const DATABASE_NAMES = { name: 'name', memorySize: 'memory_size', dataInternodeEncryption: 'data_internode_encryption' } as const;
const ALERT_NAMES = { clusterCertsAboutToExpire: 'cluster_certs_about_to_expire', nodeInternalCertsAboutToExpire: 'node_internal_certs_about_to_expire' } as const;

/** `changes` under the API's names: each field the event changed, with its new value. */
function renamed(changes: Readonly<Record<string, unknown>>, names: Readonly<Record<string, string>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    const name = names[field];
    // A field the model changes that the spec gives no API name is the suite's own gap: say so loudly.
    if (name === undefined) throw new Error(`the log's changes: no API name for the model's field ${field}`);
    out[name] = value;
  }
  return out;
}

const alertSetting = (a: AlertSetting) => ({ enabled: a.enabled, threshold: a.thresholdDays });

/**
 * The entries `events` add, in order. `before` is the state before them (the names a database had);
 * uids are the target's. Events of the environment (hosts, foreign ports, the clock) add none.
 */
export function expectedEntries(m: Readonly<Model>, before: ClusterState, events: readonly DomainEvent[]): Entry[] {
  const names = new Map(Object.values(before.databases).map((d) => [d.uid, d.name]));
  const out: Entry[] = [];
  for (const e of events) {
    const entry = (type: string, severity: string, fields: Record<string, unknown> = {}) => out.push({ type, severity, ...fields });
    const node = (uid: string) => ({ node_uid: m.targetNode(uid) });
    const bdb = (uid: string) => ({ bdb_uid: m.targetDb(uid) });
    const cert = (d: { nodeUid: string; plane: keyof typeof PLANE_CERT_NAMES }) => ({ ...node(d.nodeUid), name: PLANE_CERT_NAMES[d.plane] });
    switch (e.type) {
      case 'ClusterCreated': entry('cluster_created', 'INFO', { name: e.data.name }); break;
      case 'ClusterConfigured': entry('cluster_updated', 'INFO', { changes: renamed(e.data.changes, CONFIG_NAMES) }); break;
      case 'ClusterPolicyChanged': entry('cluster_policy_updated', 'INFO', { data_internode_encryption: e.data.dataInternodeEncryption }); break;
      case 'AlertSettingsChanged': {
        const changes = Object.fromEntries(Object.entries(e.data).flatMap(([k, v]) => (v ? [[k, alertSetting(v)]] : [])));
        entry('cluster_alert_settings_updated', 'INFO', { changes: renamed(changes, ALERT_NAMES) });
        break;
      }
      case 'NodeJoined': entry('cluster_node_joined', 'INFO', { ...node(e.data.uid), addr: e.data.addr }); break;
      case 'NodeAddressChanged': entry('node_addr_updated', 'INFO', { ...node(e.data.uid), old_val: e.data.previous, new_val: e.data.addr }); break;
      case 'NodeExternalAddressesChanged': entry('node_external_addr_updated', 'INFO', { ...node(e.data.uid), new_val: [...e.data.externalAddrs].sort() }); break;
      case 'NodeWentDown': entry('node_failed', 'WARNING', { ...node(e.data.uid), state: true }); break;
      case 'NodeCameOnline': entry('node_failed', 'INFO', { ...node(e.data.uid), state: false }); break;
      case 'NodeStartFailed': entry('node_operation_failed', 'ERROR', { ...node(e.data.uid), reason: e.data.reason, description: WORDS }); break;
      case 'NodeRemovalStarted': entry('node_remove_request', 'INFO', node(e.data.uid)); break;
      case 'NodeRemovalFailed': entry('node_remove_failed', 'ERROR', { ...node(e.data.uid), reason: WORDS }); break;
      case 'NodeRemoved': entry('node_remove_completed', 'INFO', node(e.data.uid)); break;
      case 'DatabaseCreationStarted':
        names.set(e.data.uid, e.data.name);
        entry('bdb_create_request', 'INFO', { ...bdb(e.data.uid), bdb_name: e.data.name });
        break;
      case 'DatabaseCreated': entry('cluster_bdb_created', 'INFO', { ...bdb(e.data.uid), bdb_name: names.get(e.data.uid) }); break;
      case 'DatabaseUpdated': {
        const { settings, ...fields } = e.data.changes;
        // Settings are stored under the API's names already (the documented fields as sent).
        const changes = { ...renamed(fields, DATABASE_NAMES), ...(settings ?? {}) };
        if (fields.name !== undefined) {
          entry('bdb_name_updated', 'INFO', { ...bdb(e.data.uid), old_val: names.get(e.data.uid), new_val: fields.name, changes });
          names.set(e.data.uid, fields.name);
        } else entry('bdb_updated', 'INFO', { ...bdb(e.data.uid), changes });
        break;
      }
      case 'DatabaseProxyRestarted': entry('bdb_proxy_restarted', 'WARNING', { ...bdb(e.data.uid), reason: e.data.reason }); break;
      case 'DatabaseChangeCompleted': entry('bdb_update_completed', 'INFO', bdb(e.data.uid)); break;
      case 'DatabaseDeletionStarted': entry('bdb_delete_request', 'INFO', bdb(e.data.uid)); break;
      case 'DatabaseDeleted': entry('cluster_bdb_deleted', 'INFO', bdb(e.data.uid)); break;
      case 'CertificateIssued': entry('node_internal_cert_issued', 'INFO', { ...cert(e.data), reason: e.data.reason }); break;
      case 'CertificateExpiryAlertRaised': entry('node_internal_certs_about_to_expire', 'WARNING', { ...cert(e.data), state: true }); break;
      case 'CertificateExpiryAlertCleared': entry('node_internal_certs_about_to_expire', 'INFO', { ...cert(e.data), state: false }); break;
      case 'CertificateExpired': entry('node_internal_cert_expired', 'ERROR', cert(e.data)); break;
      // The environment's own changes are the harness's, not the cluster's (spec/semantics.md).
      case 'ClockAdvanced': case 'HostAdded': case 'HostAddressesChanged': case 'ForeignPortHeld': case 'ForeignPortReleased': break;
    }
  }
  return out;
}

/** A threshold in days as a number or a string of digits (as `alert_settings` spells it): the days. */
function days(v: unknown): unknown {
  if (Array.isArray(v) || typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'threshold' && typeof x === 'string' && /^\d+$/.test(x) ? Number(x) : days(x)]));
}

/** The fields every entry is compared by, whatever its type. */
const ALWAYS = ['type', 'severity', 'node_uid', 'bdb_uid'];

/**
 * What `entry` shows of the fields `keys` (those the prediction of its type carries): uids as
 * strings, an address list as a set, free text as `WORDS` when there is some.
 */
export function shownEntry(entry: any, keys: readonly string[]): Entry {
  const out: Record<string, unknown> = {};
  for (const k of new Set([...ALWAYS, ...keys])) {
    const v = entry?.[k];
    if (v === undefined) continue;
    if (k === 'node_uid' || k === 'bdb_uid') out[k] = String(v);
    else if ((k === 'description' || (k === 'reason' && entry.type === 'node_remove_failed')) && typeof v === 'string' && v !== '') out[k] = WORDS;
    else if (k === 'new_val' && entry.type === 'node_external_addr_updated' && Array.isArray(v)) out[k] = [...v].sort();
    else out[k] = days(v);
  }
  return out;
}

/** One line per entry, its keys in a fixed order, so that two entries compare as strings. */
const line = (e: Entry) => JSON.stringify(Object.fromEntries(Object.keys(e).sort().map((k) => [k, e[k]])));

/** The requirements an entry of a type records beyond API-LOG-001 (a rotation's by its reason). */
function recorded(e: Entry): string[] {
  if (e.type === 'node_internal_cert_issued') return [e.reason === 'scheduled' ? 'CERT-ROT-001' : e.reason === 'manual' ? 'CERT-ROT-003' : 'CERT-ISS-001'];
  const byType: Record<string, string> = {
    node_operation_failed: 'NODE-ADDR-008',
    node_remove_failed: 'NODE-LIFE-006',
    bdb_proxy_restarted: 'ENC-DATA-003',
    cluster_alert_settings_updated: 'CERT-ALR-002',
    node_internal_certs_about_to_expire: 'CERT-ALR-001',
    node_internal_cert_expired: 'CERT-EXP-001',
  };
  return byType[String(e.type)] ? [byType[String(e.type)]!] : [];
}

/**
 * API-LOG-001, exactly: the entries the step added (`log` past `before`) are those `events`
 * predict, each with the fields spec/semantics.md decides for its type (other fields are the
 * target's), in any order. Under the `model` profile only: a real cluster's entry types and
 * fields are documented for three examples alone. Returns the requirements it compared (none
 * where the step added no entry). Throws `Mismatch`.
 */
export function checkEntries(m: Readonly<Model>, log: readonly unknown[], before: number, state: ClusterState, events: readonly DomainEvent[], label: string): readonly string[] {
  if (m.profile !== 'model' || before < 0 || log.length < before) return [];
  const expected = expectedEntries(m, state, events);
  const keysOf = new Map<string, string[]>();
  for (const e of expected) keysOf.set(String(e.type), [...new Set([...(keysOf.get(String(e.type)) ?? []), ...Object.keys(e)])]);
  const actual = log.slice(before).map((a: any) => shownEntry(a, keysOf.get(String(a?.type)) ?? []));
  const want = expected.map(line).sort();
  const got = actual.map(line).sort();
  if (want.join('\n') === got.join('\n')) return expected.length ? ['API-LOG-001', ...new Set(expected.flatMap(recorded))] : [];
  const missing = expected.filter((e) => !got.includes(line(e)));
  const extra = actual.filter((a) => !want.includes(line(a)));
  const reqs = ['API-LOG-001', ...new Set([...missing, ...extra].flatMap(recorded))];
  throw new Mismatch(`GET /v1/logs after ${label}: the entries it added`, expected, { entries: actual, missing: missing.map(line), unexpected: extra.map(line) }, reqs);
}
