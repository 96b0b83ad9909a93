import { describe, expect, it } from 'vitest';
import { EVENT_VERSIONS } from './events.ts';
import { UnknownEventVersion, upcast, UPCASTERS } from './upcast.ts';

describe('upcasting stored events', () => {
  it('returns a current-version event as it is', () => {
    expect(upcast({ type: 'NodeWentDown', version: 1, data: { uid: '2' } })).toEqual({ type: 'NodeWentDown', data: { uid: '2' } });
  });

  it('applies each step from the stored version to the current one, in order', () => {
    // A hypothetical history: NodeWentDown v1 carried `node`, v2 `nodeUid`, v3 (current here) `uid`.
    const versions = { ...EVENT_VERSIONS, NodeWentDown: 3 };
    const steps = {
      'NodeWentDown@1': (d: { node: number }) => ({ nodeUid: String(d.node) }),
      'NodeWentDown@2': (d: { nodeUid: string }) => ({ uid: d.nodeUid }),
    };
    const read = (version: number, data: unknown) => {
      const saved = { ...EVENT_VERSIONS };
      Object.assign(EVENT_VERSIONS, versions);
      try {
        return upcast({ type: 'NodeWentDown', version, data }, steps);
      } finally {
        Object.assign(EVENT_VERSIONS, saved);
      }
    };
    expect(read(1, { node: 2 })).toEqual({ type: 'NodeWentDown', data: { uid: '2' } });
    expect(read(2, { nodeUid: '2' })).toEqual({ type: 'NodeWentDown', data: { uid: '2' } });
  });

  it('refuses an event from a newer version, an unknown type, or a version with no upcaster', () => {
    expect(() => upcast({ type: 'NodeWentDown', version: 2, data: {} })).toThrow(UnknownEventVersion);
    expect(() => upcast({ type: 'NodeExploded', version: 1, data: {} })).toThrow(/NodeExploded/);
    expect(() => upcast({ type: 'NodeWentDown', version: 0, data: {} })).toThrow(UnknownEventVersion);
  });

  it('has an upcaster for every version below each current one', () => {
    for (const [type, current] of Object.entries(EVENT_VERSIONS)) {
      for (let v = 1; v < current; v++) expect(UPCASTERS[`${type}@${v}`], `${type}@${v}`).toBeTypeOf('function');
    }
  });
});
