import { describe, expect, it } from 'vitest';
import { decide } from './decide.ts';
import { clusterCommands, given } from './testing/fixtures.ts';
import { describeTransition } from './introspect.ts';
import { recordTransitions } from './taken.ts';

const names = (ts: readonly Parameters<typeof describeTransition>[0][]) => ts.map(describeTransition);

describe('recordTransitions', () => {
  const state = given(clusterCommands(3));

  it('names the cluster transition and the node transition it delegated to', () => {
    const { result, taken } = recordTransitions(() => decide(state, { type: 'SetNodeAddress', data: { uid: '2', addr: '10.0.0.22' } }));
    expect(result.ok).toBe(false);
    expect(names(taken).sort()).toEqual(['cluster.running --SetNodeAddress--> (self)', 'node.active --SetNodeAddress--> (self)']);
  });

  it('names the guarded branch that was chosen, not the others', () => {
    const { taken } = recordTransitions(() => decide(state, { type: 'SetNodeAddress', data: { uid: '2', addr: '010.0.0.5' } }));
    expect(names(taken)).toContain('node.active --SetNodeAddress [addrMalformed]--> (self)');
    expect(names(taken)).not.toContain('node.active --SetNodeAddress--> (self)');
  });

  it('records nothing outside its call, and nests', () => {
    const outer = recordTransitions(() => {
      decide(state, { type: 'PowerOffNode', data: { uid: '2' } });
      return recordTransitions(() => decide(state, { type: 'PowerOffNode', data: { uid: '3' } })).taken;
    });
    decide(state, { type: 'PowerOffNode', data: { uid: '1' } });
    expect(outer.result).toHaveLength(2);
    expect(outer.taken).toHaveLength(4);
  });
});
