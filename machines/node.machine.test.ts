import { describe, expect, it } from 'vitest';
import type { Command } from '../domain/commands.ts';
import { accepted, clusterCommands, given, host, rejected, T0, types } from './testing/fixtures.ts';

const running = given(clusterCommands(3));
const down2 = given([{ type: 'PowerOffNode', data: { uid: '2' } }], running);
const setAddr = (uid: string, addr: unknown): Command => ({ type: 'SetNodeAddress', data: { uid, addr } });
const setExternal = (uid: string, externalAddrs: unknown): Command => ({ type: 'SetNodeExternalAddresses', data: { uid, externalAddrs } });
const join = (data: Partial<{ hostId: string; via: unknown; addr: unknown; externalAddrs: unknown }>): Command => ({
  type: 'JoinNode',
  data: { hostId: 'h4', via: '10.0.0.1', addr: '10.0.0.4', ...data },
});

describe('node addressing', () => {
  it('[NODE-ADDR-001] a node given no external address has none: its internal address serves both', () => {
    const node = running.nodes['2']!;
    expect(node.externalAddrs).toEqual([]);
    expect(node.addr).toBe('10.0.0.2');
  });

  it('[NODE-ADDR-002] a node has exactly one internal address, replaced (not added to) by a change', () => {
    const { state } = accepted(down2, setAddr('2', '10.0.0.9'));
    expect(state.nodes['2']!.addr).toBe('10.0.0.9');
    expect(Object.values(state.nodes).map((n) => n.addr)).not.toContain('10.0.0.2');
  });

  it('[NODE-ADDR-003] [NODE-ADDR-014] an IPv4 cluster refuses an IPv6 internal address, at join and at addr set', () => {
    expect(rejected(running, join({ addr: '2001:db8::4' })).error_code).toBe('address_family_mismatch');
    expect(rejected(down2, setAddr('2', '2001:db8::2'))).toMatchObject({ status: 400, error_code: 'address_family_mismatch' });
  });

  it('[NODE-ADDR-004] [NODE-ADDR-015] a joining node gets one internal and any number of IPv4/IPv6 external addresses', () => {
    const { events, state } = accepted(running, join({ externalAddrs: ['203.0.113.4', '2001:DB8:0::44'] }));
    expect(types(events)).toEqual(['NodeJoined', 'CertificateIssued', 'CertificateIssued']);
    expect(state.nodes['4']).toMatchObject({ addr: '10.0.0.4', externalAddrs: ['203.0.113.4', '2001:db8::44'], status: 'active' });
    expect(rejected(running, join({ externalAddrs: ['203.0.113.4', '203.0.113.4'] })).error_code).toBe('invalid_parameter');
    expect(rejected(running, join({ externalAddrs: '203.0.113.4' })).error_code).toBe('invalid_parameter');
  });

  it('[NODE-ADDR-005] the internal address cannot change while the node is active', () => {
    expect(rejected(running, setAddr('2', '10.0.0.9'))).toEqual({
      status: 406,
      error_code: 'node_not_offline',
      description: 'The internal address of node 2 can be changed only while the node is offline',
    });
  });

  it('[NODE-ADDR-005] an active node accepts its own address back unchanged (a client PUTs the whole node)', () => {
    expect(accepted(running, setAddr('2', '10.0.0.2')).events).toEqual([]);
  });

  it('[NODE-ADDR-005] it can change while the node is offline', () => {
    const { events } = accepted(down2, setAddr('2', '10.0.0.9'));
    expect(events).toEqual([{ type: 'NodeAddressChanged', data: { uid: '2', addr: '10.0.0.9', previous: '10.0.0.2' } }]);
  });

  it('[NODE-ADDR-005] setting an offline node to the address it has changes nothing', () => {
    expect(accepted(down2, setAddr('2', '10.0.0.2')).events).toEqual([]);
  });

  it('[NODE-ADDR-006] external addresses can be set, added to and removed from, whether the node is up or down', () => {
    for (const state of [running, down2]) {
      const set = accepted(state, setExternal('2', ['203.0.113.2', '2001:db8::22']));
      expect(set.state.nodes['2']!.externalAddrs).toEqual(['203.0.113.2', '2001:db8::22']);
      const removed = accepted(set.state, setExternal('2', ['2001:db8::22']));
      expect(removed.state.nodes['2']!.externalAddrs).toEqual(['2001:db8::22']);
      expect(accepted(removed.state, setExternal('2', ['2001:db8::22'])).events).toEqual([]);
    }
  });

  it('[NODE-ADDR-007] a malformed internal address is refused with 400 and the address in words', () => {
    const r = rejected(down2, setAddr('2', '10.0.0.256'));
    expect(r).toMatchObject({ status: 400, error_code: 'invalid_address' });
    expect(r.description).toContain('10.0.0.256');
  });

  it('[NODE-ADDR-008] a node whose internal address is not bound on its host stays down when the host starts', () => {
    const moved = given([setAddr('2', '10.0.0.9')], down2);
    const { events, state } = accepted(moved, { type: 'PowerOnNode', data: { uid: '2' } });
    expect(events).toEqual([{ type: 'NodeStartFailed', data: { uid: '2', reason: 'internal_address_not_bound' } }]);
    expect(state.nodes['2']!.status).toBe('down');
  });

  it('[NODE-ADDR-009] [NODE-ADDR-008] addr set accepts an address not yet bound; binding it on the host lets the node start', () => {
    const moved = given([setAddr('2', '10.0.0.9')], down2);
    expect(moved.hosts['h2']!.boundAddrs).not.toContain('10.0.0.9');
    const rebound = given([{ type: 'SetHostAddresses', data: { hostId: 'h2', boundAddrs: ['10.0.0.9'] } }], moved);
    expect(accepted(rebound, { type: 'PowerOnNode', data: { uid: '2' } }).state.nodes['2']!.status).toBe('active');
  });

  it('[NODE-ADDR-010] external addresses need not be bound on the host (Elastic IP, load balancer VIP)', () => {
    expect(running.hosts['h2']!.boundAddrs).not.toContain('198.51.100.10');
    expect(accepted(running, setExternal('2', ['198.51.100.10'])).state.nodes['2']!.externalAddrs).toEqual(['198.51.100.10']);
  });

  it('[NODE-ADDR-011] a node joins through an existing node\'s internal address, not an external one', () => {
    const withExternal = given([setExternal('1', ['203.0.113.1'])], running);
    expect(rejected(withExternal, join({ via: '203.0.113.1' }))).toMatchObject({ status: 400, error_code: 'connect_error' });
    expect(rejected(withExternal, join({ via: '10.0.0.99' })).error_code).toBe('connect_error');
    expect(accepted(withExternal, join({ via: '10.0.0.2' })).state.nodes['4']!.status).toBe('active');
  });

  it('[NODE-ADDR-011] a node cannot join through a node that is down', () => {
    expect(rejected(down2, join({ via: '10.0.0.2' })).error_code).toBe('connect_error');
  });

  it('[NODE-ADDR-012] remove, change the IP in the OS, add back: the host rejoins with its new internal address as a new node', () => {
    const removed = given([{ type: 'RemoveNode', data: { uid: '3' } }, { type: 'CompleteNodeRemoval', data: { uid: '3' } }], running);
    expect(removed.nodes['3']).toBeUndefined();
    expect(rejected(removed, setAddr('3', '10.0.0.33')).error_code).toBe('node_not_found');
    const renumbered = given([{ type: 'SetHostAddresses', data: { hostId: 'h3', boundAddrs: ['10.0.0.33'] } }], removed);
    const { state } = accepted(renumbered, join({ hostId: 'h3', addr: '10.0.0.33' }));
    expect(state.nodes['4']).toMatchObject({ hostId: 'h3', addr: '10.0.0.33', status: 'active' });
    expect(state.nodes['3']).toBeUndefined();
  });

  it('[NODE-ADDR-012] a host that is still a node cannot join again', () => {
    expect(rejected(running, join({ hostId: 'h2', addr: '10.0.0.2' })).error_code).toBe('host_already_node');
  });

  it('[NODE-ADDR-013] [NODE-ADDR-014] a cluster created for IPv6 takes IPv6 internal addresses, and only those', () => {
    const v6 = given([
      host(1, ['2001:db8::1']),
      host(2, ['2001:db8::2']),
      { type: 'CreateCluster', data: { name: 'v6.example.com', hostId: 'h1', addr: '2001:db8::1', useInternalIpv6: true, now: T0 } },
    ]);
    expect(v6.family).toBe('ipv6');
    expect(rejected(v6, join({ hostId: 'h2', via: '2001:db8::1', addr: '10.0.0.2' })).error_code).toBe('address_family_mismatch');
    expect(accepted(v6, join({ hostId: 'h2', via: '2001:db8::1', addr: '2001:db8::2' })).state.nodes['2']!.addr).toBe('2001:db8::2');
  });

  it('[NODE-ADDR-013] a cluster not created for IPv6 refuses an IPv6 internal address at creation', () => {
    const hosts = given([host(1, ['2001:db8::1'])]);
    const create: Command = { type: 'CreateCluster', data: { name: 'c.example.com', hostId: 'h1', addr: '2001:db8::1', now: T0 } };
    expect(rejected(hosts, create).error_code).toBe('address_family_mismatch');
  });

  it('[NODE-ADDR-016] an internal address belongs to one node; external addresses may be shared', () => {
    const down3 = given([{ type: 'PowerOffNode', data: { uid: '3' } }], down2);
    expect(rejected(down3, setAddr('3', '10.0.0.2'))).toMatchObject({ status: 409, error_code: 'address_in_use' });
    expect(rejected(running, setExternal('3', ['10.0.0.1'])).error_code).toBe('address_in_use');
    const vip = given([setExternal('1', ['203.0.113.100'])], running);
    expect(accepted(vip, setExternal('2', ['203.0.113.100'])).state.nodes['2']!.externalAddrs).toEqual(['203.0.113.100']);
    const hostWithTaken = given([{ type: 'SetHostAddresses', data: { hostId: 'h4', boundAddrs: ['10.0.0.4', '10.0.0.3'] } }], running);
    expect(rejected(hostWithTaken, join({ addr: '10.0.0.3' })).error_code).toBe('address_in_use');
  });

  it('[NODE-ADDR-017] a node\'s internal address must be one of its own host\'s addresses at join', () => {
    expect(rejected(running, join({ addr: '10.0.0.5' }))).toMatchObject({ status: 400, error_code: 'address_not_bound' });
  });
});

describe('node lifecycle', () => {
  it('[NODE-LIFE-001] a node goes down when its host stops and comes back when it starts', () => {
    expect(types(accepted(running, { type: 'PowerOffNode', data: { uid: '2' } }).events)).toEqual(['NodeWentDown']);
    expect(down2.nodes['2']!.status).toBe('down');
    expect(accepted(running, { type: 'PowerOnNode', data: { uid: '2' } }).events).toEqual([]);
  });

  it('[NODE-LIFE-002] removal decommissions, then the node is gone and its uid is never reused', () => {
    const started = accepted(running, { type: 'RemoveNode', data: { uid: '3' } });
    expect(started.state.nodes['3']!.status).toBe('decommissioning');
    const gone = accepted(started.state, { type: 'CompleteNodeRemoval', data: { uid: '3' } });
    expect(types(gone.events)).toEqual(['NodeRemoved']);
    expect(gone.state.nodes['3']).toBeUndefined();
    expect(gone.state.certificates['3:control']).toBeUndefined();
    expect(rejected(gone.state, { type: 'RemoveNode', data: { uid: '3' } })).toMatchObject({ status: 404, error_code: 'node_not_found' });
    expect(Object.keys(accepted(gone.state, join({})).state.nodes)).toEqual(['1', '2', '4']);
  });

  it('[NODE-LIFE-003] while a removal runs, the node refuses another removal and address changes with 409', () => {
    const removing = given([{ type: 'RemoveNode', data: { uid: '3' } }], running);
    for (const c of [{ type: 'RemoveNode', data: { uid: '3' } } as Command, setAddr('3', '10.0.0.9'), setExternal('3', [])]) {
      expect(rejected(removing, c)).toMatchObject({ status: 409, error_code: 'action_in_progress' });
    }
  });

  it('[NODE-LIFE-004] the last active node cannot be removed', () => {
    const single = given(clusterCommands(1));
    expect(rejected(single, { type: 'RemoveNode', data: { uid: '1' } })).toMatchObject({ status: 406, error_code: 'insufficient_resources' });
  });

  it('[NODE-LIFE-005] a node that is down comes back active when its host starts with its address bound', () => {
    const { events, state } = accepted(down2, { type: 'PowerOnNode', data: { uid: '2' } });
    expect(types(events)).toEqual(['NodeCameOnline']);
    expect(state.nodes['2']!.status).toBe('active');
  });

  it('[NODE-LIFE-006] a node that goes down during removal ends down, its removal failed', () => {
    const removing = given([{ type: 'RemoveNode', data: { uid: '3' } }], running);
    const { events, state } = accepted(removing, { type: 'PowerOffNode', data: { uid: '3' } });
    expect(types(events)).toEqual(['NodeRemovalFailed']);
    expect(state.nodes['3']!.status).toBe('down');
    expect(state.removals['3']).toBe('failed');
  });

  it('[NODE-LIFE-002] the removal action is running, then completed, and its result outlives the node', () => {
    const removing = given([{ type: 'RemoveNode', data: { uid: '3' } }], running);
    expect(removing.removals).toEqual({ '3': 'running' });
    expect(given([{ type: 'CompleteNodeRemoval', data: { uid: '3' } }], removing).removals).toEqual({ '3': 'completed' });
  });

  it('[NODE-LIFE-002] completing a removal that never started is refused', () => {
    expect(rejected(running, { type: 'CompleteNodeRemoval', data: { uid: '2' } })).toMatchObject({ status: 409, error_code: 'invalid_state' });
  });
});
