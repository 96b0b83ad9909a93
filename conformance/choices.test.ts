import { describe, expect, it } from 'vitest';
import type { Command } from '../domain/commands.ts';
import { adoptCreatedDatabase, adoptJoinedNode } from './choices.ts';
import { Mismatch } from './mismatch.ts';
import { startingModel } from './testing/modelRun.ts';

/** The starting topology with port 10001 held by another process, then a database created as `create` asks. */
function created(create: Partial<Extract<Command, { type: 'CreateDatabase' }>['data']> = {}) {
  const m = startingModel();
  const commands: Command[] = [
    { type: 'CreateDatabase', data: { name: 'first', memorySize: 104_857_600 } },
    { type: 'HoldPort', data: { port: 10_001 } },
  ];
  const before = m.predict(commands).decision;
  if (!before.ok) throw new Error(before.rejection.description);
  m.accept(before);
  const { decision } = m.predict([{ type: 'CreateDatabase', data: { name: 'db', memorySize: 104_857_600, ...create } }]);
  if (!decision.ok) throw new Error(decision.rejection.description);
  m.accept(decision);
  const data = decision.events.find((e) => e.type === 'DatabaseCreationStarted')!.data as { uid: string; portAutoAssigned: boolean };
  return { m, created: data };
}

const answer = (uid: unknown, port: unknown, addr: unknown = ['10.0.0.1']) => ({ uid, port: 0, endpoints: [{ port, addr }] });

/** The requirements a choice is refused under, or null when it is adopted. */
function refusal(f: () => void): readonly string[] | null {
  try {
    f();
    return null;
  } catch (e) {
    if (e instanceof Mismatch) return e.reqs;
    throw e;
  }
}

describe("a database's uid and port, where the target chooses", () => {
  it('adopts any free port of the range and any uid no other database has', () => {
    const { m, created: c } = created();
    expect(refusal(() => adoptCreatedDatabase(m, 'create', c, undefined, answer(17, 15_000)))).toBeNull();
    expect(m.targetDb(c.uid)).toBe('17');
    expect(m.state.databases[c.uid]!.port).toBe(15_000);
  });

  it('refuses a port another process holds, another endpoint has, outside the range, or none', () => {
    for (const [port, reqs] of [
      [10_001, ['PORT-DB-002']],
      [10_000, ['PORT-DB-002']],
      [9443, ['PORT-DB-001', 'PORT-DB-002', 'PORT-DB-005']],
      [30_000, ['PORT-DB-001']],
      [20_000, ['PORT-DB-001', 'PORT-DB-002', 'PORT-DB-005']],
      [undefined, ['PORT-DB-001']],
    ] as const) {
      const { m, created: c } = created();
      expect(refusal(() => adoptCreatedDatabase(m, 'create', c, undefined, answer(2, port)))).toEqual(reqs);
    }
  });

  it("refuses a uid in use, one that is not a positive integer, and one other than the uid asked for", () => {
    const first = created();
    expect(refusal(() => adoptCreatedDatabase(first.m, 'create', first.created, undefined, answer(1, 15_000)))).toEqual(['DB-LIFE-001']);
    const zero = created();
    expect(refusal(() => adoptCreatedDatabase(zero.m, 'create', zero.created, undefined, answer(0, 15_000)))).toEqual(['DB-LIFE-001']);
    const asked = created({ uid: 7 });
    expect(refusal(() => adoptCreatedDatabase(asked.m, 'create', asked.created, 7, answer(2, 15_000)))).toEqual(['DB-LIFE-001']);
    expect(refusal(() => adoptCreatedDatabase(asked.m, 'create', asked.created, 7, answer(7, 15_000)))).toBeNull();
  });

  it('refuses an endpoint at another port than the one asked for, or at an address no node serves clients on', () => {
    const explicit = created({ port: 12_000 });
    expect(refusal(() => adoptCreatedDatabase(explicit.m, 'create', explicit.created, undefined, answer(2, 12_001)))).toEqual(['PORT-DB-003', 'PORT-DB-006']);
    const stray = created();
    expect(refusal(() => adoptCreatedDatabase(stray.m, 'create', stray.created, undefined, answer(2, 15_000, ['10.0.0.4'])))).toEqual(['NODE-ADDR-001']);
  });
});

describe("a joined node's uid", () => {
  /** Node 2 removed, then host-4 joined: model uid 4. */
  function joined() {
    const m = startingModel();
    const commands: Command[] = [{ type: 'RemoveNode', data: { uid: '2' } }];
    const removed = m.predict(commands).decision;
    if (!removed.ok) throw new Error(removed.rejection.description);
    m.accept(removed);
    m.settle();
    const { decision } = m.predict([{ type: 'JoinNode', data: { hostId: 'host-4', via: '10.0.0.1', addr: '10.0.0.4' } }]);
    if (!decision.ok) throw new Error(decision.rejection.description);
    m.accept(decision);
    return m;
  }
  const listed = (uid: unknown) => [{ uid: 1, addr: '10.0.0.1' }, { uid: 3, addr: '10.0.0.3' }, { uid, addr: '10.0.0.4' }];

  it('adopts any positive integer no node has or had', () => {
    const m = joined();
    expect(refusal(() => adoptJoinedNode(m, 'join', '4', '10.0.0.4', listed(9)))).toBeNull();
    expect(m.targetNode('4')).toBe('9');
  });

  it("refuses a removed node's uid, and one that is not a positive integer", () => {
    expect(refusal(() => adoptJoinedNode(joined(), 'join', '4', '10.0.0.4', listed(2)))).toEqual(['NODE-LIFE-002', 'NODE-ADDR-012']);
    expect(refusal(() => adoptJoinedNode(joined(), 'join', '4', '10.0.0.4', listed('x')))).toEqual(['NODE-LIFE-002', 'NODE-ADDR-012']);
  });
});
