import { describe, expect, it } from 'vitest';
import { checkLog, subjectOf } from './logCheck.ts';
import { Mismatch } from './mismatch.ts';

const before = [{ type: 'cluster_created' }];
const step = { label: 'UpdateDatabase(db #0)', completions: false, before: 1 } as const;

describe('the log check', () => {
  it('reads the subject of a request from its path', () => {
    expect(subjectOf('/v1/bdbs', 7)).toEqual({ kind: 'bdb', uid: '7' });
    expect(subjectOf('/v1/bdbs/3')).toEqual({ kind: 'bdb', uid: '3' });
    expect(subjectOf('/v1/nodes/2/actions/remove')).toEqual({ kind: 'node', uid: '2' });
    expect(subjectOf('/v1/cluster/policy')).toEqual({ kind: 'cluster' });
  });

  it('documented: looks for the entries about the step\'s own subject, whatever else is logged', () => {
    const other = { type: 'bdb_updated', bdb_uid: 9 };
    const own = { type: 'bdb_updated', bdb_uid: 3 };
    const subject = { kind: 'bdb', uid: '3' } as const;
    // Accepted: an entry about database 3 among others.
    expect(() => checkLog([...before, other, own], { ...step, profile: 'documented', accepted: true, changed: true, subject })).not.toThrow();
    expect(() => checkLog([...before, other], { ...step, profile: 'documented', accepted: true, changed: true, subject })).toThrow(Mismatch);
    // Refused: someone else's entry is fine, one about database 3 is not.
    expect(() => checkLog([...before, other], { ...step, profile: 'documented', accepted: false, changed: false, subject })).not.toThrow();
    expect(() => checkLog([...before, own], { ...step, profile: 'documented', accepted: false, changed: false, subject })).toThrow(Mismatch);
  });

  it('model: counts every entry', () => {
    const subject = { kind: 'bdb', uid: '3' } as const;
    expect(() => checkLog([...before, { type: 'bdb_updated', bdb_uid: 9 }], { ...step, profile: 'model', accepted: false, changed: false, subject })).toThrow(Mismatch);
  });
});
