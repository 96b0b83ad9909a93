import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AREAS } from './arbitraries.ts';
import { StepCommand } from './commands/command.ts';
import { Held } from './commands/held.ts';
import { runOnModel, shareOfSequences, startingModel, type Visit } from './testing/modelRun.ts';
import { ADDRESS_HOLDERS, PORT_HOLDERS, UID_HOLDERS } from './values.ts';

const area = (name: string) => AREAS.find((a) => a.name === name)!;

/** The values a command draws (addresses, ports, uids), as generated: literals or selectors. */
function drawnValues(c: any): unknown[] {
  switch (c.constructor.name) {
    case 'SetNodeAddress':
      return [c.addr];
    case 'SetExternalAddresses':
    case 'BindHostAddresses':
      // A list sent as another JSON type draws no value of its own.
      return Array.isArray(c.addrs) ? [...c.addrs] : [];
    case 'JoinNode':
      return [c.via, c.addr, ...(Array.isArray(c.external) ? c.external : [])];
    case 'CreateDatabase':
      return [c.args.port, c.args.uid].filter((v) => v !== undefined);
    case 'UpdateDatabase':
      return c.changes.port === undefined ? [] : [c.changes.port];
    case 'ConfigureCluster':
      return c.field === 'http_support' ? [] : [c.value];
    case 'HoldPort':
      return [c.port];
    default:
      return [];
  }
}

// The one-step commands (an interrupted removal is two steps of them, with the work held).
const mixed = (fc.sample(fc.oneof(...area('mixed').commands), { numRuns: 6000, seed: 7 }) as unknown[]).filter((c): c is StepCommand => c instanceof StepCommand);

describe('values drawn from the state', () => {
  it('are about half of every command that takes an address, a port or a uid', () => {
    const byCommand = new Map<string, { held: number; all: number }>();
    for (const c of mixed) {
      for (const v of drawnValues(c)) {
        const n = byCommand.get(c.constructor.name) ?? { held: 0, all: 0 };
        byCommand.set(c.constructor.name, { held: n.held + (v instanceof Held ? 1 : 0), all: n.all + 1 });
      }
    }
    expect([...byCommand.keys()].sort()).toEqual(['BindHostAddresses', 'ConfigureCluster', 'CreateDatabase', 'HoldPort', 'JoinNode', 'SetExternalAddresses', 'SetNodeAddress', 'UpdateDatabase']);
    for (const [name, { held, all }] of byCommand) expect([name, held / all > 0.3 && held / all < 0.8]).toEqual([name, true]);
  });

  it('select every kind of holder', () => {
    const kinds = new Set(mixed.flatMap((c) => drawnValues(c).flatMap((v) => (v instanceof Held ? [v.holder] : []))));
    expect([...kinds].sort()).toEqual([...new Set([...ADDRESS_HOLDERS, ...PORT_HOLDERS, ...UID_HOLDERS])].sort());
  });

  it('collide with what another entity holds at a useful rate, in a cluster with something to collide with', () => {
    // Node 3 with an external address, two databases, a port another process holds.
    const m = startingModel();
    const setup = m.predict([
      { type: 'SetNodeExternalAddresses', data: { uid: '3', externalAddrs: ['203.0.113.9'] } },
      { type: 'CreateDatabase', data: { name: 'a', memorySize: 104_857_600 } },
      { type: 'CreateDatabase', data: { name: 'b', memorySize: 104_857_600, port: 12_000 } },
      { type: 'HoldPort', data: { port: 8500 } },
    ]).decision;
    if (!setup.ok) throw new Error(setup.rejection.description);
    m.accept(setup);
    m.settle();
    const s = m.state;
    const addresses = new Set([...Object.values(s.nodes).flatMap((n) => [n.addr, ...n.externalAddrs]), ...Object.values(s.hosts).flatMap((h) => h.boundAddrs)]);
    const ports = new Set([...Object.values(s.databases).map((d) => d.port), ...s.foreignPorts, s.config.cmPort, s.config.cnmHttpPort, s.config.cnmHttpsPort]);
    const rate = (type: string, sent: (data: any) => unknown[], held: Set<unknown>) => {
      let hits = 0;
      let all = 0;
      for (const c of mixed) {
        if (!c.check(m)) continue;
        const command = c.step(m.fork(m.state)).commands[0]!;
        if (command.type !== type) continue;
        for (const v of sent(command.data)) {
          all++;
          if (held.has(v)) hits++;
        }
      }
      return hits / all;
    };
    expect(rate('SetNodeAddress', (d) => [d.addr], addresses)).toBeGreaterThan(0.4);
    expect(rate('SetNodeExternalAddresses', (d) => (Array.isArray(d.externalAddrs) ? d.externalAddrs : []), addresses)).toBeGreaterThan(0.4);
    expect(rate('CreateDatabase', (d) => (d.port === undefined ? [] : [d.port]), ports)).toBeGreaterThan(0.4);
    expect(rate('ConfigureCluster', (d) => (d.cmPort === undefined ? [] : [d.cmPort]), ports)).toBeGreaterThan(0.4);
    expect(rate('HoldPort', (d) => [d.port], ports)).toBeGreaterThan(0.2);
  });

  it('produce, in whole sequences, the collisions only the state makes possible', () => {
    const cmd = (v: Visit) => v.spec.commands[0]! as { type: string; data: any };
    const s = (v: Visit) => v.before.state;
    // cm_port moved onto a database's endpoint port (the old constants never named one).
    const cmOnEndpoint = (v: Visit) => cmd(v).type === 'ConfigureCluster' && Object.values(s(v).databases).some((d) => d.port === cmd(v).data.cmPort);
    // A database created without a port while the lowest free one of the range is another process's.
    const autoNextToForeign = (v: Visit) => {
      if (cmd(v).type !== 'CreateDatabase' || cmd(v).data.port !== undefined) return false;
      const used = new Set(Object.values(s(v).databases).map((d) => d.port));
      let p = 10_000;
      while (used.has(p)) p++;
      return s(v).foreignPorts.includes(p);
    };
    // An explicit port another process holds outside the endpoint range.
    const foreignOutside = (v: Visit) => cmd(v).type === 'CreateDatabase' && s(v).foreignPorts.includes(cmd(v).data.port) && !(cmd(v).data.port >= 10_000 && cmd(v).data.port <= 19_999);
    // A down node's internal address set to another node's external one.
    const internalOnExternal = (v: Visit) =>
      cmd(v).type === 'SetNodeAddress' && s(v).nodes[cmd(v).data.uid]?.status === 'down' && Object.values(s(v).nodes).some((n) => n.uid !== cmd(v).data.uid && n.externalAddrs.includes(cmd(v).data.addr));
    const ports = shareOfSequences(area('ports'), 200, { cmOnEndpoint, autoNextToForeign, foreignOutside });
    expect(ports.cmOnEndpoint).toBeGreaterThan(0.05);
    expect(ports.autoNextToForeign).toBeGreaterThan(0.05);
    expect(ports.foreignOutside).toBeGreaterThan(0.01);
    // Rarer (a node down, another's external address drawn): 400 sequences keep the sampling noise below the bound.
    expect(shareOfSequences(area('addressing'), 400, { internalOnExternal }).internalOnExternal).toBeGreaterThan(0.005);
  });

  it('bring up a node whose internal address its host no longer binds in a fair share of the addressing sequences', () => {
    // NODE-ADDR-008's failed start: a node down, its address changed (or unbound), then brought up.
    // Drawn by three picks agreeing, it was in 3 % of the sequences; the power and address commands
    // now pick among the nodes they would move.
    const failedStart = (v: Visit) => {
      const { decision } = v.before.predict(v.spec.commands);
      return decision.ok && decision.events.some((e) => e.type === 'NodeStartFailed');
    };
    expect(shareOfSequences(area('addressing'), 200, { failedStart }).failedStart).toBeGreaterThan(0.1);
  });

  it('resolve alike when a sequence is replayed (same state, same selectors, same values)', () => {
    const [sequence] = fc.sample(fc.commands([...area('mixed').commands], { maxCommands: 25, size: 'max' }), { numRuns: 1, seed: 3 });
    const sent = () => {
      const out: unknown[] = [];
      runOnModel([...sequence!].map((c) => (c as unknown as { cmd: StepCommand }).cmd), (v) => out.push(v.spec.request));
      return out;
    };
    expect(sent().length).toBeGreaterThan(0);
    expect(sent()).toEqual(sent());
  });
});
