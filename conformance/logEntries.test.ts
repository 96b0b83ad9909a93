import { describe, expect, it } from 'vitest';
import type { DomainEvent, RecordedEvent } from '../domain/events.ts';
import { logEntries, parseLogQuery } from '../mock/api/logs.ts';
import { checkEntries, expectedEntries, shownEntry, WORDS } from './logEntries.ts';
import { Mismatch } from './mismatch.ts';
import { startingModel } from './testing/modelRun.ts';

const T = Date.parse('2026-01-01T00:00:00Z');
const ev = <E extends DomainEvent>(type: E['type'], data: E['data']) => ({ type, data }) as DomainEvent;

/** The model with a database 1 called `db`, and the state before the events of the tests. */
function withDatabase() {
  const m = startingModel();
  const { decision } = m.predict([{ type: 'CreateDatabase', data: { name: 'db', memorySize: 104_857_600 } }]);
  if (!decision.ok) throw new Error(decision.rejection.description);
  m.accept(decision);
  m.settle();
  return m;
}

/** The mock's own entries for `events`, as `GET /v1/logs` answers them after what the model already holds. */
function mockEntries(history: readonly DomainEvent[], events: readonly DomainEvent[]) {
  const recorded = [...history, ...events].map((e, i) => ({ position: i + 1, version: 1, time: T + i, ...e }) as unknown as RecordedEvent);
  const q = parseLogQuery(new URLSearchParams(''));
  if (typeof q === 'string') throw new Error(q);
  const all = logEntries(recorded, q);
  return { log: all, before: logEntries(recorded.slice(0, history.length), q).length };
}

const HISTORY: DomainEvent[] = [ev('DatabaseCreationStarted', { uid: '1', name: 'db', memorySize: 1, port: 12000, portAutoAssigned: true, dataInternodeEncryption: false })];

/** One event of each kind the cluster logs, the way a step's model predicts them. */
const EVERY_KIND: DomainEvent[] = [
  ev('ClusterConfigured', { changes: { cmPort: 8500, httpSupport: false } }),
  ev('ClusterPolicyChanged', { dataInternodeEncryption: true }),
  ev('AlertSettingsChanged', { nodeInternalCertsAboutToExpire: { enabled: true, thresholdDays: 60 } }),
  ev('NodeAddressChanged', { uid: '2', addr: '10.0.0.21', previous: '10.0.0.2' }),
  ev('NodeExternalAddressesChanged', { uid: '2', externalAddrs: ['203.0.113.2', '203.0.113.1'] }),
  ev('NodeWentDown', { uid: '2' }),
  ev('NodeStartFailed', { uid: '2', reason: 'internal_address_not_bound' }),
  ev('NodeCameOnline', { uid: '2' }),
  ev('NodeRemovalStarted', { uid: '3' }),
  ev('NodeRemovalFailed', { uid: '3', reason: 'node went down during removal' }),
  ev('DatabaseCreated', { uid: '1' }),
  ev('DatabaseUpdated', { uid: '1', changes: { memorySize: 209_715_200, dataInternodeEncryption: true, settings: { eviction_policy: 'noeviction' } } }),
  ev('DatabaseProxyRestarted', { uid: '1', reason: 'data_internode_encryption_changed' }),
  ev('DatabaseUpdated', { uid: '1', changes: { name: 'renamed' } }),
  ev('DatabaseChangeCompleted', { uid: '1' }),
  ev('DatabaseDeletionStarted', { uid: '1' }),
  ev('DatabaseDeleted', { uid: '1' }),
  ev('CertificateIssued', { nodeUid: '1', plane: 'control', serial: 9, notBefore: T, notAfter: T + 1, reason: 'scheduled' }),
  ev('CertificateExpiryAlertRaised', { nodeUid: '1', plane: 'data', daysLeft: 12 }),
  ev('CertificateExpiryAlertCleared', { nodeUid: '1', plane: 'data' }),
  ev('CertificateExpired', { nodeUid: '1', plane: 'control' }),
  ev('ClockAdvanced', { now: T + 5 }),
  ev('HostAddressesChanged', { hostId: 'host-2', boundAddrs: ['10.0.0.21'] }),
];

describe("the log's entries, predicted entry by entry", () => {
  it('name what changed under the API names, with the values it changed to', () => {
    const m = withDatabase();
    const [cluster, , alerts, , , , , , , , , update, , rename] = expectedEntries(m, m.state, EVERY_KIND);
    expect(cluster).toEqual({ type: 'cluster_updated', severity: 'INFO', changes: { cm_port: 8500, http_support: false } });
    expect(alerts).toMatchObject({ changes: { node_internal_certs_about_to_expire: { enabled: true, threshold: 60 } } });
    expect(update).toMatchObject({ type: 'bdb_updated', bdb_uid: '1', changes: { memory_size: 209_715_200, data_internode_encryption: true, eviction_policy: 'noeviction' } });
    expect(rename).toMatchObject({ type: 'bdb_name_updated', old_val: 'db', new_val: 'renamed', changes: { name: 'renamed' } });
  });

  it("carry a failed start's reason and a rotation's, and nothing for the environment's own changes", () => {
    const m = withDatabase();
    const entries = expectedEntries(m, m.state, EVERY_KIND);
    expect(entries).toHaveLength(EVERY_KIND.length - 2);
    expect(entries).toContainEqual({ type: 'node_operation_failed', severity: 'ERROR', node_uid: '2', reason: 'internal_address_not_bound', description: WORDS });
    expect(entries).toContainEqual({ type: 'node_internal_cert_issued', severity: 'INFO', node_uid: '1', name: 'ccs_internode_encryption', reason: 'scheduled' });
  });

  it("are what the mock's log answers for every kind of event (the spec's table, two writers agreeing)", () => {
    const m = withDatabase();
    const { log, before } = mockEntries(HISTORY, EVERY_KIND);
    expect(checkEntries(m, log, before, m.state, EVERY_KIND, 'every kind')).toContain('API-LOG-001');
  });

  it('fail on a change named by the model, a lost reason, a dropped entry or an extra one', () => {
    const m = withDatabase();
    const { log, before } = mockEntries(HISTORY, EVERY_KIND);
    const broken = (what: string, edit: (entries: any[]) => any[]) => {
      const run = () => checkEntries(m, edit(log.map((e) => structuredClone(e))), before, m.state, EVERY_KIND, what);
      expect(run, what).toThrow(Mismatch);
      try {
        run();
      } catch (e) {
        return (e as Mismatch).reqs;
      }
    };
    const alert = (e: any) => e.type === 'cluster_alert_settings_updated';
    broken('threshold_days', (l) => l.map((e) => (alert(e) ? { ...e, changes: { node_internal_certs_about_to_expire: { enabled: true, threshold_days: 60 } } } : e)));
    broken('a setting spread by letters', (l) => l.map((e) => (e.type === 'bdb_updated' ? { ...e, changes: { ...e.changes, memory_size: undefined, 0: 'x' } } : e)));
    expect(broken('reason ""', (l) => l.map((e) => (e.type === 'node_internal_cert_issued' ? { ...e, reason: '' } : e)))).toContain('CERT-ROT-001');
    expect(broken('no failed start', (l) => l.filter((e) => e.type !== 'node_operation_failed'))).toEqual(['API-LOG-001', 'NODE-ADDR-008']);
    broken('a failed start without words', (l) => l.map((e) => (e.type === 'node_operation_failed' ? { ...e, description: '' } : e)));
    broken('an entry twice', (l) => [...l, l.at(-1)]);
    broken('the wrong node', (l) => l.map((e) => (e.type === 'node_failed' ? { ...e, node_uid: '3' } : e)));
  });

  it('leave the order among entries, fields the spec does not decide and free words to the target', () => {
    const m = withDatabase();
    const { log, before } = mockEntries(HISTORY, EVERY_KIND);
    const reworded = log.map((e, i) => (i < before ? e : { ...e, description: e.description === undefined ? undefined : 'it could not start', extra: 1 })).reverse();
    expect(() => checkEntries(m, [...log.slice(0, before), ...reworded.slice(0, log.length - before)], before, m.state, EVERY_KIND, 'reordered')).not.toThrow();
    expect(shownEntry({ type: 'cluster_node_joined', node_uid: 2, addr: '10.0.0.2', time: 'x' }, ['addr'])).toEqual({ type: 'cluster_node_joined', node_uid: '2', addr: '10.0.0.2' });
    expect(shownEntry({ type: 'cluster_alert_settings_updated', changes: { x: { threshold: '45' } } }, ['changes'])).toEqual({ type: 'cluster_alert_settings_updated', changes: { x: { threshold: 45 } } });
  });

  it('compare nothing under the documented profile, nor a log that shrank', () => {
    const m = withDatabase();
    expect(() => checkEntries(m, [], 0, m.state, EVERY_KIND, 'nothing logged')).toThrow(Mismatch);
    expect(checkEntries(m, [], 3, m.state, EVERY_KIND, 'rotated')).toEqual([]);
    m.profile = 'documented';
    expect(checkEntries(m, [], 0, m.state, EVERY_KIND, 'documented')).toEqual([]);
  });
});
