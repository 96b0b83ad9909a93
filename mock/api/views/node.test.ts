import { describe, expect, it } from 'vitest';
import { MockCluster } from '../../runtime/mockCluster.ts';
import { topologyCommands } from '../../../core/topology.ts';
import { NODE_CONSTANTS } from './constants.ts';
import { nodeStatusView } from './node.ts';

const T0 = Date.parse('2026-01-01T00:00:00Z');

describe("a node's entry in GET /v1/nodes/status", () => {
  it('names the lowest-numbered active node master, and counts the databases against the node holding their shards', () => {
    const cluster = new MockCluster({ now: () => T0 });
    cluster.execute(topologyCommands({ nodes: 3, spareHosts: 0 }, T0));
    cluster.execute({ type: 'CreateDatabase', data: { name: 'cache', memorySize: 100 * 2 ** 20 } });
    cluster.execute({ type: 'PowerOffNode', data: { uid: '1' } });
    const s = cluster.state;
    const [one, two, three] = ['1', '2', '3'].map((uid) => nodeStatusView(s, s.nodes[uid]!));
    expect([one!.role, two!.role, three!.role]).toEqual(['slave', 'master', 'slave']);
    expect(two).toMatchObject({ hostname: s.nodes['2']!.hostId, node_status: 'active', free_ram: NODE_CONSTANTS.total_memory - 100 * 2 ** 20 });
    expect(two!.free_provisional_ram).toBe(two!.total_provisional_ram - 100 * 2 ** 20);
    expect(three!.free_ram).toBe(NODE_CONSTANTS.total_memory);
    // A node that is down runs nothing and takes no new shards.
    expect(one).toMatchObject({ node_status: 'down', free_ram: 0, free_provisional_ram: 0, total_provisional_ram: 0 });
  });
});
