import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { invariantViolations } from './invariants.ts';
import { clusterCommands, DAY, given } from '../machines/testing/fixtures.ts';

const sound = given([...clusterCommands(3), { type: 'CreateDatabase', data: { name: 'db', memorySize: 100 } }]);

// The property tests trust this checker to notice a broken state; here it must notice each break.
describe('the invariant checker', () => {
  it('finds nothing wrong with a state the model reached', () => {
    expect(invariantViolations(sound)).toEqual([]);
  });

  it.each([
    ['two nodes share an internal address', (d: any) => void (d.nodes['2'].addr = '10.0.0.1')],
    ['an internal address of the wrong family', (d: any) => void (d.nodes['2'].addr = '2001:db8::2')],
    ['an external address that is another node\'s internal one', (d: any) => void (d.nodes['2'].externalAddrs = ['10.0.0.3'])],
    ['a node without its data certificate', (d: any) => void delete d.certificates['2:data']],
    ['a certificate whose node is gone', (d: any) => void delete d.nodes['3']],
    ['a certificate valid for a year', (d: any) => void (d.certificates['1:data'].notAfter += 275 * DAY)],
    ['a certificate whose status ignores the clock', (d: any) => void (d.clock += 50 * DAY)],
    ['a database on the cluster\'s API port', (d: any) => void (d.databases['1'].port = 9443)],
    ['a database on a reserved port', (d: any) => void ((d.databases['1'].port = 3342), (d.databases['1'].portAutoAssigned = false))],
    ['an assigned port outside the range', (d: any) => void (d.databases['1'].port = 20)],
    ['a reused serial', (d: any) => void (d.certificates['2:data'].serial = d.certificates['1:data'].serial)],
    ['a host that names the wrong node', (d: any) => void (d.hosts['h1'].nodeUid = '2')],
  ])('notices %s', (_what, breakIt) => {
    expect(invariantViolations(produce(sound, breakIt)).length).toBeGreaterThan(0);
  });
});
