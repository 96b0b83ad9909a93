import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandArb, sequenceArb } from '../../../core/testing/arbitraries.ts';
import { topologyCommands } from '../../../core/topology.ts';
import type { Command } from '../../../domain/commands.ts';
import { decide } from '../../../machines/decide.ts';
import { initialState } from '../../../domain/state.ts';
import { DATABASE_SETTINGS } from '../../../domain/rules/databaseSettings.ts';
import type { ClusterState, DatabaseState, NodeState } from '../../../domain/state.ts';
import { MockCluster } from '../../runtime/mockCluster.ts';
import { clusterView } from './cluster.ts';
import { databaseView } from './database.ts';
import { clusterJson, databaseJson, nodeJson, nodesJson } from './json.ts';
import { nodeView } from './node.ts';

const T0 = Date.parse('2026-01-01T00:00:00Z');

/** A 3-node cluster with two databases, one of them with settings, at T0. */
function base(useInternalIpv6 = false): ClusterState {
  const cluster = new MockCluster({ now: () => T0 });
  cluster.execute(topologyCommands({ nodes: 3, spareHosts: 1, useInternalIpv6 }, T0));
  expect(cluster.execute({ type: 'CreateDatabase', data: { name: 'a', memorySize: 1024 } }).ok).toBe(true);
  expect(cluster.execute({ type: 'CreateDatabase', data: { name: 'b', memorySize: 2048, settings: { replication: true, shards_count: 2 } } }).ok).toBe(true);
  return cluster.state;
}

/** Text with what JSON escapes: quotes, backslashes, controls, lone surrogates, non-ASCII. */
const text = fc.string({ unit: 'binary', maxLength: 12 });
const settingKeys = Object.keys(DATABASE_SETTINGS);
/** Settings as a client may leave them: documented names, in any order, with any JSON values. */
const settings = fc
  .uniqueArray(fc.constantFrom(...settingKeys), { maxLength: 8 })
  .chain((keys) => fc.tuple(...keys.map((k) => fc.tuple(fc.constant(k), fc.jsonValue({ maxDepth: 2 })))))
  .map((entries) => Object.fromEntries(entries));

describe('the precompiled serialisers', () => {
  it('write the nodes, a node and the cluster as JSON.stringify writes their views', () => {
    for (const s of [base(), base(true)]) {
      expect(Object.keys(s.databases)).toHaveLength(2);
      expect(nodesJson(s)).toBe(JSON.stringify(Object.values(s.nodes).map((n) => nodeView(s, n))));
      for (const n of Object.values(s.nodes)) expect(nodeJson(s, n)).toBe(JSON.stringify(nodeView(s, n)));
      expect(clusterJson(s)).toBe(JSON.stringify(clusterView(s)));
      for (const db of Object.values(s.databases)) expect(databaseJson(s, db)).toBe(JSON.stringify(databaseView(s, db)));
    }
  });

  it('give the same bytes as JSON.stringify for any text, numbers and settings the views can hold', () => {
    const s0 = base();
    fc.assert(
      fc.property(
        fc.record({
          addr: text,
          external: fc.array(text, { maxLength: 3 }),
          status: fc.constantFrom('active', 'down', 'provisioning'),
          name: text,
          memory: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
          port: fc.integer({ min: 0, max: 65535 }),
          settings: fc.option(settings, { nil: undefined }),
          pem: fc.option(text, { nil: undefined }),
          http: fc.boolean(),
        }),
        (v) => {
          const node: NodeState = { ...s0.nodes['1']!, addr: v.addr, externalAddrs: v.external, status: v.status as NodeState['status'] };
          const db: DatabaseState = {
            ...s0.databases['1']!,
            name: v.name,
            memorySize: v.memory,
            port: v.port,
            ...(v.settings ? { settings: v.settings } : {}),
          };
          const s: ClusterState = {
            ...s0,
            name: v.name,
            nodes: { ...s0.nodes, '1': node },
            databases: { ...s0.databases, '1': db },
            config: { ...s0.config, httpSupport: v.http },
          };
          const pems: Record<string, string> = v.pem === undefined ? {} : { proxy_cert: v.pem };
          expect(nodesJson(s)).toBe(JSON.stringify(Object.values(s.nodes).map((n) => nodeView(s, n))));
          expect(databaseJson(s, db)).toBe(JSON.stringify(databaseView(s, db)));
          expect(clusterJson(s, pems)).toBe(JSON.stringify(clusterView(s, pems)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answer each new state afresh: a text written for one state is never sent for the next', () => {
    const cluster = new MockCluster({ now: () => T0 });
    cluster.execute(topologyCommands({ nodes: 3, spareHosts: 0 }, T0));
    expect(cluster.execute({ type: 'CreateDatabase', data: { name: 'a', memorySize: 1024 } }).ok).toBe(true);
    cluster.settle();
    const fresh = (s: ClusterState) => ({
      nodes: JSON.stringify(Object.values(s.nodes).map((n) => nodeView(s, n))),
      db: JSON.stringify(databaseView(s, s.databases['1']!)),
      cluster: JSON.stringify(clusterView(s)),
    });
    const read = (s: ClusterState) => ({ nodes: nodesJson(s), db: databaseJson(s, s.databases['1']!), cluster: clusterJson(s) });
    const before = cluster.state;
    expect(read(before)).toEqual(fresh(before));
    for (const command of [
      { type: 'UpdateDatabase', data: { uid: '1', changes: { name: 'renamed' } } },
      { type: 'PowerOffNode', data: { uid: '1' } },
      { type: 'AdvanceClock', data: { now: T0 + 3_600_000 } },
      { type: 'SetAlertSettings', data: { nodeInternalCertsAboutToExpire: { enabled: true, thresholdDays: 30 } } },
    ] as const) {
      const last = read(cluster.state);
      expect(cluster.execute(command).ok, command.type).toBe(true);
      cluster.settle();
      const now = read(cluster.state);
      expect(now, command.type).toEqual(fresh(cluster.state));
      expect(now, command.type).not.toEqual(last);
    }
    // The first state's answers are still its own.
    expect(read(before)).toEqual(fresh(before));
  });

  it('send a kept text only while the state it was written from still answers the same, for any sequence of changes', () => {
    // Changes of a database's shards too, which the shared command generator leaves out.
    const shards = fc
      .record({ uid: fc.constantFrom('1', '2', '3'), settings: fc.record({ shards_count: fc.constantFrom(1, 2, 3), replication: fc.boolean() }, { requiredKeys: [] }) })
      .map(({ uid, settings }): Command => ({ type: 'UpdateDatabase', data: { uid, changes: { settings } } }));
    const withShards = fc.array(fc.oneof({ weight: 5, arbitrary: commandArb }, { weight: 1, arbitrary: shards }), { maxLength: 60 });
    const pemsOf = (i: number): Record<string, string> => (i % 3 === 0 ? {} : { proxy_cert: `proxy ${i % 2}`, syncer_cert: 'syncer' });
    const expectFresh = (s: ClusterState, i: number) => {
      expect(nodesJson(s)).toBe(JSON.stringify(Object.values(s.nodes).map((n) => nodeView(s, n))));
      for (const n of Object.values(s.nodes)) expect(nodeJson(s, n)).toBe(JSON.stringify(nodeView(s, n)));
      for (const db of Object.values(s.databases)) expect(databaseJson(s, db)).toBe(JSON.stringify(databaseView(s, db)));
      expect(clusterJson(s, pemsOf(i))).toBe(JSON.stringify(clusterView(s, pemsOf(i))));
    };
    fc.assert(
      fc.property(sequenceArb, withShards, fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), (commands, more, earlier) => {
        const seen: ClusterState[] = [];
        let state = initialState();
        for (const [i, command] of [...commands, ...more].entries()) {
          const d = decide(state, command);
          if (!d.ok) continue;
          state = d.state;
          seen.push(state);
          expectFresh(state, i);
          // An earlier state read again (a request that began before a change) gets its own answers.
          const back = seen[earlier[i % earlier.length]! % seen.length]!;
          expectFresh(back, i + 1);
          expectFresh(state, i);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('leave a number JSON cannot hold to JSON.stringify (null), as the view would be written', () => {
    const s = base();
    const db: DatabaseState = { ...s.databases['1']!, memorySize: Number.NaN };
    expect(databaseJson(s, db)).toBe(JSON.stringify(databaseView(s, db)));
    expect(JSON.parse(databaseJson(s, db)).memory_size).toBeNull();
  });
});
