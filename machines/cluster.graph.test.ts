import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import type { Command } from '../domain/commands.ts';
import { clusterCommands, DAY, given, T0 } from './testing/fixtures.ts';
import type { ClusterState } from '../domain/state.ts';
import { clusterMachine, clusterSnapshot } from './cluster.machine.ts';
import { allStateNodes, allTransitions, describeTransition } from './introspect.ts';
import { exploreCoverage } from './testing/coverage.ts';

const cmd = <T extends Command['type']>(type: T, data: Extract<Command, { type: T }>['data']) => ({ type, data }) as Command;

/** Commands for a cluster that does not exist yet: one per way each can go. */
const beforeCreation: Command[] = [
  cmd('AddHost', { hostId: 'bad id!', boundAddrs: [] }),
  cmd('AddHost', { hostId: 'h1', boundAddrs: ['10.0.0.1', '2001:db8::1'] }),
  cmd('AddHost', { hostId: 'h2', boundAddrs: ['not an address'] }),
  cmd('SetHostAddresses', { hostId: 'h99', boundAddrs: [] }),
  cmd('SetHostAddresses', { hostId: 'h1', boundAddrs: ['x'] }),
  cmd('SetHostAddresses', { hostId: 'h1', boundAddrs: ['10.0.0.1', '2001:db8::1'] }),
  cmd('HoldPort', { port: 0 }),
  cmd('HoldPort', { port: 8443 }),
  cmd('HoldPort', { port: 12345 }),
  cmd('ReleasePort', { port: 'x' }),
  cmd('ReleasePort', { port: 12345 }),
  ...[
    { name: '' },
    { now: -1 },
    { useInternalIpv6: 'yes' },
    { hostId: 'h9' },
    { addr: '10.0.0.01' },
    { addr: '2001:db8::1' },
    { addr: '10.0.0.77' },
    { externalAddrs: ['x'] },
    {},
  ].map((over) => cmd('CreateCluster', { name: 'c.example.com', hostId: 'h1', addr: '10.0.0.1', now: T0, ...over })),
  cmd('JoinNode', { hostId: 'h1', via: '10.0.0.1', addr: '10.0.0.1' }),
];

/** A running cluster with spare hosts, a foreign port held and databases in two states. */
const populated: ClusterState = given([
  ...clusterCommands(3, 5),
  cmd('SetHostAddresses', { hostId: 'h4', boundAddrs: ['10.0.0.4', '2001:db8::4', '10.0.0.2'] }),
  cmd('HoldPort', { port: 12345 }),
  cmd('CreateDatabase', { name: 'db1', memorySize: 100 }),
  cmd('CompleteDatabaseAction', { uid: '1' }),
  cmd('CreateDatabase', { name: 'db2', memorySize: 100 }),
]);

const join = (over: object) => cmd('JoinNode', { hostId: 'h4', via: '10.0.0.1', addr: '10.0.0.4', ...over });
const createDb = (over: object) => cmd('CreateDatabase', { name: 'db3', memorySize: 100, ...over });

const whileRunning: Command[] = [
  cmd('AddHost', { hostId: 'bad id!', boundAddrs: [] }),
  cmd('AddHost', { hostId: 'h1', boundAddrs: [] }),
  cmd('AddHost', { hostId: 'h9', boundAddrs: ['x'] }),
  cmd('AddHost', { hostId: 'h9', boundAddrs: ['10.0.0.9'] }),
  cmd('SetHostAddresses', { hostId: 'h99', boundAddrs: [] }),
  cmd('SetHostAddresses', { hostId: 'h5', boundAddrs: ['x'] }),
  cmd('SetHostAddresses', { hostId: 'h5', boundAddrs: ['10.0.0.5', '10.0.0.55'] }),
  cmd('HoldPort', { port: 0 }),
  cmd('HoldPort', { port: 10000 }),
  cmd('HoldPort', { port: 12346 }),
  cmd('ReleasePort', { port: 'x' }),
  cmd('ReleasePort', { port: 12345 }),
  cmd('CreateCluster', { name: 'again', hostId: 'h5', addr: '10.0.0.5', now: T0 }),
  join({ hostId: 'h9' }),
  join({ hostId: 'h1' }),
  join({ via: '203.0.113.1' }),
  join({ addr: '10.0.0.04' }),
  join({ addr: undefined }),
  join({ addr: '2001:db8::4' }),
  join({ addr: '10.0.0.77' }),
  join({ externalAddrs: ['x'] }),
  join({ addr: '10.0.0.2' }),
  join({ externalAddrs: ['10.0.0.1'] }),
  join({}),
  // Each node and database command, for a uid that does not exist and for one that does.
  ...['42', '2'].flatMap((uid) => [
    cmd('SetNodeAddress', { uid, addr: '10.0.0.9' }),
    cmd('SetNodeExternalAddresses', { uid, externalAddrs: ['203.0.113.9'] }),
    cmd('RemoveNode', { uid }),
    cmd('CompleteNodeRemoval', { uid }),
    cmd('PowerOffNode', { uid }),
    cmd('PowerOnNode', { uid }),
  ]),
  createDb({ name: undefined }),
  createDb({ name: '-db' }),
  createDb({ memorySize: 0 }),
  createDb({ dataInternodeEncryption: 'yes' }),
  createDb({ settings: { eviction_policy: 'most-recent' } }),
  createDb({ uid: 'abc' }),
  createDb({ uid: 1 }),
  createDb({ port: 70000 }),
  createDb({ port: 3342 }),
  createDb({}),
  ...['42', '1'].flatMap((uid) => [
    cmd('UpdateDatabase', { uid, changes: { dataInternodeEncryption: true } }),
    cmd('DeleteDatabase', { uid }),
    cmd('CompleteDatabaseAction', { uid }),
  ]),
  ...[{ cmPort: 80 }, { httpSupport: 'no' }, { cmPort: 9443 }, { cmPort: 8500 }, { httpSupport: false }, { httpSupport: true }].map((c) =>
    cmd('ConfigureCluster', c),
  ),
  ...['on', true, false].map((v) => cmd('SetClusterPolicy', { dataInternodeEncryption: v })),
  cmd('SetAlertSettings', { nodeInternalCertsAboutToExpire: { thresholdDays: 90 } }),
  cmd('SetAlertSettings', { nodeInternalCertsAboutToExpire: { thresholdDays: 60 } }),
  cmd('AdvanceClock', { now: 'x' }),
  cmd('AdvanceClock', { now: T0 - 1 }),
  cmd('AdvanceClock', { now: T0 + 31 * DAY }),
  cmd('RotateCertificates', { plane: 'both' as never }),
  cmd('RotateCertificates', {}),
];

/** A cluster whose endpoint range 10000-19999 is entirely taken by other processes. */
const rangeFull = produce(populated, (d) => {
  const used = new Set(Object.values(d.databases).map((db) => db.port));
  for (let p = 10_000; p <= 19_999; p++) if (!used.has(p) && !d.foreignPorts.includes(p)) d.foreignPorts.push(p);
});

describe('cluster machine', () => {
  it('[API-ERR-002] xstate/graph paths reach every state and take every transition', () => {
    const downNodes = (s: any) => Object.values(s.context.nodes as ClusterState['nodes']).filter((n) => n.status === 'down').map((n) => n.uid);
    const runs = [
      exploreCoverage(clusterMachine, {
        input: given([]),
        events: (s) => (s.value === 'uninitialized' ? beforeCreation : whileRunning),
        serializeState: (s: any) => JSON.stringify([s.value, Object.keys(s.context.hosts)]),
      }),
      exploreCoverage(clusterMachine, {
        fromState: clusterSnapshot(populated),
        events: whileRunning,
        serializeState: (s: any) => JSON.stringify([s.value, downNodes(s)]),
      }),
      exploreCoverage(clusterMachine, {
        fromState: clusterSnapshot(rangeFull),
        events: [createDb({})],
        serializeState: (s: any) => JSON.stringify(s.value),
      }),
    ];
    const reached = new Set(runs.flatMap((r) => [...r.reachedStates]));
    const taken = new Set(runs.flatMap((r) => [...r.takenTransitions]));
    expect(allStateNodes(clusterMachine).map((n) => n.id).filter((id) => !reached.has(id))).toEqual([]);
    expect(allTransitions(clusterMachine).filter((t) => !taken.has(t)).map(describeTransition)).toEqual([]);
    // Over every transition: a transition that emits also makes a new snapshot (outcome.ts).
    expect(runs.flatMap((r) => r.emittedUnchanged)).toEqual([]);
  });
});
