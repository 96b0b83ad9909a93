import { describe, expect, it } from 'vitest';
import { ClusterAggregate } from './aggregate.ts';
import { MemoryEventStore, MemorySnapshotStore } from './store/memoryEventStore.ts';
import { clusterCommands } from '../machines/testing/fixtures.ts';

describe('the cluster aggregate', () => {
  it('[API-ERR-002] appends accepted events before its state moves, and nothing for a rejection', () => {
    const store = new MemoryEventStore();
    const cluster = new ClusterAggregate(store);
    for (const c of clusterCommands(2)) expect(cluster.execute(c).ok).toBe(true);
    const position = store.position;
    const r = cluster.execute({ type: 'RemoveNode', data: { uid: '9' } });
    expect(r).toMatchObject({ ok: false, rejection: { status: 404, error_code: 'node_not_found' } });
    expect(store.position).toBe(position);
  });

  it('decides again on the newer state when another writer appended first', () => {
    const store = new MemoryEventStore();
    const a = new ClusterAggregate(store);
    for (const c of clusterCommands(2)) a.execute(c);
    const b = new ClusterAggregate(store);
    // b takes the first free port; a, still on the old state, must not hand out the same one.
    b.execute({ type: 'CreateDatabase', data: { name: 'b', memorySize: 1 } });
    const r = a.execute({ type: 'CreateDatabase', data: { name: 'a', memorySize: 1 } });
    expect(r.ok && Object.values(r.state.databases).map((d) => [d.name, d.port])).toEqual([
      ['b', 10000],
      ['a', 10001],
    ]);
  });

  it('[API-ERR-002] executes several commands as one request: all of them, or none if one is refused', () => {
    const store = new MemoryEventStore();
    const cluster = new ClusterAggregate(store);
    cluster.execute(clusterCommands(2));
    cluster.execute({ type: 'PowerOffNode', data: { uid: '2' } });
    const position = store.position;
    const refused = cluster.execute([
      { type: 'SetNodeAddress', data: { uid: '2', addr: '10.0.0.9' } },
      { type: 'SetNodeExternalAddresses', data: { uid: '2', externalAddrs: ['bad'] } },
    ]);
    expect(refused).toMatchObject({ ok: false, rejection: { error_code: 'invalid_parameter' } });
    expect(store.position).toBe(position);
    expect(cluster.state.nodes['2']!.addr).toBe('10.0.0.2');
    const both = cluster.execute([
      { type: 'SetNodeAddress', data: { uid: '2', addr: '10.0.0.9' } },
      { type: 'SetNodeExternalAddresses', data: { uid: '2', externalAddrs: ['203.0.113.2'] } },
    ]);
    expect(both.ok && both.events.map((e) => e.type)).toEqual(['NodeAddressChanged', 'NodeExternalAddressesChanged']);
  });

  it('saves snapshots as it goes and recovers from them', () => {
    const store = new MemoryEventStore();
    const snapshots = new MemorySnapshotStore();
    const cluster = new ClusterAggregate(store, { snapshots, snapshotEvery: 3 });
    for (const c of clusterCommands(3)) cluster.execute(c);
    expect(snapshots.latest()?.position).toBeGreaterThan(0);
    expect(new ClusterAggregate(store, { snapshots }).state).toEqual(cluster.state);
  });
});
