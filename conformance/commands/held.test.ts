import { describe, expect, it } from 'vitest';
import type { Command } from '../../domain/commands.ts';
import { startingModel } from '../testing/modelRun.ts';
import { ADDRESS_HOLDERS, PORT_HOLDERS, UID_HOLDERS } from '../values.ts';
import { CreateDatabase } from './createDatabase.ts';
import { Held, heldAddresses, heldPorts, heldUids, modelDatabaseUid, resolveAddress, resolvePort, resolveUid } from './held.ts';
import { SetNodeAddress } from './setNodeAddress.ts';
import { JoinNode } from './joinNode.ts';

/** The starting topology, then: node 3 with an external address, two databases, a port held by another process. */
function busyModel() {
  const m = startingModel();
  const commands: Command[] = [
    { type: 'SetNodeExternalAddresses', data: { uid: '3', externalAddrs: ['203.0.113.9'] } },
    { type: 'CreateDatabase', data: { name: 'a', memorySize: 104_857_600 } },
    { type: 'CreateDatabase', data: { name: 'b', memorySize: 104_857_600, port: 12000 } },
    { type: 'HoldPort', data: { port: 8500 } },
  ];
  const { decision } = m.predict(commands);
  if (!decision.ok) throw new Error(decision.rejection.description);
  m.accept(decision);
  m.settle();
  return m;
}

describe('a held-value selector', () => {
  it('reaches every kind of address holder, leaving the subject node out of the others', () => {
    const m = busyModel();
    const values = (k: (typeof ADDRESS_HOLDERS)[number]) => heldAddresses(m, k, { node: '2' }).map((c) => c.value);
    expect(values('internal')).toEqual(['10.0.0.1', '10.0.0.3']);
    expect(values('external')).toEqual(['203.0.113.9']);
    expect(values('bound')).toEqual(['10.0.0.4', '2001:db8::4']);
    expect(values('own')).toEqual(['10.0.0.2', '2001:db8::2']);
    // A join's subject is a host: its own are its bound addresses, and it is no spare to itself.
    expect(heldAddresses(m, 'own', { host: 'host-4' }).map((c) => c.value)).toEqual(['10.0.0.4', '2001:db8::4']);
    expect(heldAddresses(m, 'bound', { host: 'host-4' })).toEqual([]);
  });

  it('reaches every kind of port holder, as the state holds them now', () => {
    const m = busyModel();
    const values = (k: (typeof PORT_HOLDERS)[number]) => heldPorts(m, k).map((c) => c.value);
    expect(values('endpoint')).toEqual([10_000, 12_000]);
    expect(values('service')).toEqual([8443, 8080, 9443]);
    expect(values('foreign')).toEqual([8500]);
    expect(values('reserved')).toEqual(expect.arrayContaining([1968, 3342, 20_000, 29_999]));
    expect(values('next-free')).toEqual([10_001]);
    for (const k of UID_HOLDERS) expect(heldUids(m, k).length).toBeGreaterThan(0);
    expect(heldUids(m, 'database').map((c) => c.value)).toEqual([1, 2]);
  });

  it('resolves the same state and selector to the same value, whatever index, and says where from', () => {
    const m = busyModel();
    const sel = new Held('internal' as const, 5, '10.0.0.99');
    const first = resolveAddress(m, sel, { node: '2' });
    expect(resolveAddress(m.fork(m.state), sel, { node: '2' })).toEqual(first);
    // Index 5 of two: the second, by a fixed order (node uid).
    expect(first).toEqual({ value: '10.0.0.3', from: "node 3's internal" });
    expect(resolvePort(m, new Held('endpoint' as const, 1, 0))).toEqual({ value: 12_000, from: "database 2's endpoint" });
  });

  it('names held uids and ports as the target numbers them', () => {
    const m = busyModel();
    m.databases.set('1', '41');
    m.nodes.set('3', '30');
    expect(resolveUid(m, new Held('database' as const, 0, 7))).toEqual({ value: 41, from: "database 41's uid" });
    expect(resolveAddress(m, new Held('external' as const, 0, ''), { node: '1' }).from).toBe("node 30's external");
    // The model is asked about its own database 1, the one the target numbers 41.
    expect(modelDatabaseUid(m, 41)).toBe(1);
    // Uid 1 is free on the target though the model has a database 1: the model is asked for a uid it has free.
    expect(modelDatabaseUid(m, 1)).toBe(m.state.nextDatabaseUid);
    expect(modelDatabaseUid(m, 7)).toBe(7);
  });

  it('falls back to its other holder kinds, then to its literal, when a kind holds nothing', () => {
    const m = startingModel();
    expect(resolvePort(m, new Held('foreign' as const, 0, 12_000, ['endpoint']))).toEqual({ value: 12_000, from: 'none held as foreign/endpoint: fresh' });
    expect(resolvePort(m, new Held('foreign' as const, 0, 12_000, ['service'])).from).toBe("the cluster's cm_port");
    // A literal port goes through the model's map of nominal ports (an adopted cluster's own).
    m.ports.set(12_000, 12_010);
    expect(resolvePort(m, 12_000)).toEqual({ value: 12_010 });
  });
});

describe('a counterexample', () => {
  it("prints the value sent, where it came from, and the target's uids", () => {
    const m = busyModel();
    m.nodes.set('2', '20');
    const set = new SetNodeAddress(1, new Held('internal', 1, '10.0.0.99'));
    expect(set.toString()).toBe('SetNodeAddress(node #1, internal #1)');
    set.step(m);
    expect(set.toString()).toBe(`SetNodeAddress(node 20, "10.0.0.3" = node 3's internal)`);
    const create = new CreateDatabase({ name: 'db', port: new Held('foreign', 0, 12_001) });
    create.step(m);
    expect(create.toString()).toBe('CreateDatabase({name: "db", port: 8500 = held by another process})');
    const join = new JoinNode(new Held('internal', 0, '203.0.113.77'), 'own', [new Held('external', 0, '203.0.113.1')]);
    join.step(m);
    expect(join.toString()).toBe(`JoinNode(host-4 via "10.0.0.1" = node 1's internal, "10.0.0.4" = the host's own address, external ["203.0.113.9" = node 3's external])`);
  });
});
