import { describe, expect, it } from 'vitest';
import { logPage, logQueryString, pickTime } from './logPage.ts';

const at = (s: number, type = `e${s}`) => ({ time: new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString(), type });
const LOG = [at(1), at(2), at(2, 'e2b'), at(3), at(5)];
const types = (entries: readonly { type: string }[]) => entries.map((e) => e.type);

describe('the page a log query must answer (API-LOG-001)', () => {
  it('is the whole log, oldest first, when nothing is asked', () => {
    expect(logPage(LOG, {})).toEqual(LOG);
  });

  it('keeps the entries within stime..etime, both ends included', () => {
    expect(types(logPage(LOG, { stime: at(2).time, etime: at(3).time }))).toEqual(['e2', 'e2b', 'e3']);
    // A millisecond past an entry leaves it out; before every entry or after every entry, all or none.
    expect(types(logPage(LOG, { stime: '2026-01-01T00:00:02.001Z' }))).toEqual(['e3', 'e5']);
    expect(logPage(LOG, { etime: '2000-01-01T00:00:00Z' })).toEqual([]);
  });

  it('orders before it skips the offset and then takes the limit; no limit takes the rest', () => {
    expect(types(logPage(LOG, { order: 'desc', offset: 1, limit: 2 }))).toEqual(['e3', 'e2b']);
    expect(types(logPage(LOG, { offset: 3 }))).toEqual(['e3', 'e5']);
    expect(types(logPage(LOG, { order: 'asc', limit: 2 }))).toEqual(['e1', 'e2']);
    expect(logPage(LOG, { offset: 1000 })).toEqual([]);
  });
});

describe('times picked on the log', () => {
  it('land on an entry, a millisecond (or a second, for a log in seconds) beside it, or outside the log', () => {
    expect(pickTime(LOG, { entry: 1, shift: 0 })).toBe(at(2).time);
    expect(pickTime(LOG, { entry: 6, shift: 1 })).toBe('2026-01-01T00:00:02.001Z');
    expect(pickTime([{ time: '2026-01-01T00:00:02Z' }], { entry: 0, shift: -1 })).toBe('2026-01-01T00:00:01.000Z');
    expect(Date.parse(pickTime(LOG, 'before-all'))).toBeLessThan(Date.parse(LOG[0]!.time));
    expect(Date.parse(pickTime(LOG, 'after-all'))).toBeGreaterThan(Date.parse(LOG.at(-1)!.time));
  });

  it('go into a query string only where asked', () => {
    expect(logQueryString({})).toBe('');
    expect(logQueryString({ stime: '2026-01-01T00:00:00Z', limit: 2, offset: undefined })).toBe('?stime=2026-01-01T00%3A00%3A00Z&limit=2');
  });
});
