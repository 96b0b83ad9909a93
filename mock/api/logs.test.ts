import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../domain/events.ts';
import { logEntries, parseLogQuery, type LogQuery } from './logs.ts';

const T = Date.parse('2026-01-01T00:00:00Z');
const joined = (uid: string, seconds: number): RecordedEvent =>
  ({ position: seconds, time: T + seconds * 1000, type: 'NodeJoined', data: { uid, hostId: `host-${uid}`, addr: `10.0.0.${uid}` } }) as unknown as RecordedEvent;
const LOG = [1, 2, 3, 4, 5].map((i) => joined(String(i), i));
const query = (q: string): LogQuery => {
  const parsed = parseLogQuery(new URLSearchParams(q));
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
};
const uids = (q: string) => logEntries(LOG, query(q)).map((e) => e.node_uid);

describe('log queries', () => {
  it('[API-LOG-002] stime and etime are inclusive: an entry\'s own time, sent back, lists it', () => {
    const third = logEntries(LOG, query(''))[2]!.time as string;
    expect(uids(`stime=${third}`)).toEqual(['3', '4', '5']);
    expect(uids(`etime=${third}`)).toEqual(['1', '2', '3']);
    expect(uids(`stime=${third}&etime=${third}`)).toEqual(['3']);
  });

  it('[API-LOG-002] the order applies first, then the offset, then the limit; no limit is every entry', () => {
    expect(uids('')).toEqual(['1', '2', '3', '4', '5']);
    expect(uids('order=desc')).toEqual(['5', '4', '3', '2', '1']);
    expect(uids('order=desc&offset=1&limit=2')).toEqual(['4', '3']);
    expect(uids('offset=3')).toEqual(['4', '5']);
    expect(uids('offset=9')).toEqual([]);
  });

  it('[API-LOG-003] limit=0 lists nothing; a parameter the request does not take is ignored', () => {
    expect(uids('limit=0')).toEqual([]);
    expect(uids('bogus=1&limit=2')).toEqual(['1', '2']);
  });

  it('[API-LOG-003] in the form log-limit-zero-means-all, limit=0 lists every entry (the other allowed answer)', () => {
    const all = parseLogQuery(new URLSearchParams('limit=0&offset=1'), { zeroMeansAll: true });
    expect(typeof all === 'string' ? all : logEntries(LOG, all).map((e) => e.node_uid)).toEqual(['2', '3', '4', '5']);
  });

  it('[API-LOG-002] a bad value is named, for a 400 invalid_parameter', () => {
    for (const q of ['stime=yesterday', 'etime=', 'limit=-1', 'limit=two', 'offset=1.5', 'order=sideways']) {
      expect(parseLogQuery(new URLSearchParams(q)), q).toEqual(expect.stringMatching(/must be/));
    }
  });
});

describe('log entries name fields as the API does', () => {
  const at = (position: number, type: string, data: unknown) => ({ position, time: T + position * 1000, type, data }) as unknown as RecordedEvent;
  const changes = [
    at(1, 'ClusterConfigured', { changes: { httpSupport: false, cmPort: 8500, cnmHttpPort: 8081, cnmHttpsPort: 9444 } }),
    at(2, 'DatabaseCreationStarted', { uid: '1', name: 'db', memorySize: 1, port: 12000, portAutoAssigned: false, dataInternodeEncryption: false }),
    at(3, 'DatabaseUpdated', { uid: '1', changes: { dataInternodeEncryption: true, memorySize: 2, settings: { eviction_policy: 'noeviction' } } }),
    at(4, 'DatabaseUpdated', { uid: '1', changes: { name: 'renamed', dataInternodeEncryption: false } }),
    at(5, 'ClusterPolicyChanged', { dataInternodeEncryption: true }),
    at(6, 'AlertSettingsChanged', { nodeInternalCertsAboutToExpire: { enabled: true, thresholdDays: 30 } }),
  ];
  const keys = (v: unknown): string[] =>
    typeof v === 'object' && v !== null ? Object.entries(v).flatMap(([k, inner]) => [...(Array.isArray(v) ? [] : [k]), ...keys(inner)]) : [];

  it('[API-LOG-001] every change is named by its API field (data_internode_encryption), never by the model\'s (dataInternodeEncryption)', () => {
    const entries = logEntries(changes, query(''));
    expect(keys(entries).filter((k) => /[A-Z]/.test(k))).toEqual([]);
    expect(entries.map((e) => e.changes ?? e.data_internode_encryption)).toEqual([
      { http_support: false, cm_port: 8500, cnm_http_port: 8081, cnm_https_port: 9444 },
      undefined,
      { data_internode_encryption: true, memory_size: 2, eviction_policy: 'noeviction' },
      { name: 'renamed', data_internode_encryption: false },
      true,
      { node_internal_certs_about_to_expire: { enabled: true, threshold: 30 } },
    ]);
  });
});
