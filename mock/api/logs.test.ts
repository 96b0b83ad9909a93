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
