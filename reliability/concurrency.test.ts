/**
 * Concurrent conflicting requests against the real server (HTTPS, the edge's port probes and
 * listeners included): two databases asking for the same explicit port, a database port against
 * the cluster's `cm_port`, two address changes on one node, an external address against another
 * node's new internal one, a removal racing an update, power racing address changes.
 *
 * Each schedule is sent at once, over several connections, with random small delays and bodies
 * split across turns of the server's event loop. Afterwards the state must be one that some
 * serial order of those requests explains — replayed one at a time through the same routes on
 * an in-process cluster from the same starting state, each gets the answer it got (status and
 * error code, or the uid, name and port it was given), ending in the same state — no invariant
 * may be broken, and the state must be the fold of the log.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../domain/commands.ts';
import { invariantViolations } from '../core/invariants.ts';
import { fold } from '../core/replay.ts';
import type { ClusterState } from '../domain/state.ts';
import { startMockServer, type MockServer } from '../mock/server/server.ts';
import { agents, CREDENTIALS, send } from './testing/http.ts';
import { runSeed } from './testing/random.ts';
import { answerOf, serialOrder, type Exchange } from './testing/serialOrder.ts';

const SEED = runSeed();
const RUNS = 150;
/** The cluster clock stands still, so a replay decides at the same time as the server did. */
const NOW = Date.now();

let server: MockServer;
const agent = agents(8).https;
beforeAll(async () => {
  server = await startMockServer({ credentials: CREDENTIALS, httpsPort: 0, httpPort: 0, settleMs: 600_000, now: () => NOW });
});
afterAll(async () => {
  agent.destroy();
  await server?.close();
});

/** The nodes a schedule talks about, by host: A on host-2, B on host-3 (its uid changes when it rejoins). */
type Who = 'A' | 'B';
const nodeOn = (s: ClusterState, who: Who) => s.hosts[who === 'A' ? 'host-2' : 'host-3']!.nodeUid ?? '99';
const firstDatabase = (s: ClusterState) => Object.keys(s.databases).sort((a, b) => Number(a) - Number(b))[0] ?? '99';

/** Internal addresses that collide: with each other, with node B's (10.0.0.3), or are free. */
const ADDRS = ['10.0.0.21', '10.0.0.22', '10.0.0.3', '10.0.0.2'];
const EXTERNAL = ['203.0.113.5', '10.0.0.21', '10.0.0.22'];

type Abstract =
  | { kind: 'create'; name: string; port: number | null }
  | { kind: 'update'; change: Record<string, unknown> }
  | { kind: 'delete' }
  | { kind: 'addr'; who: Who; addr: string }
  | { kind: 'external'; who: Who; addr: string }
  | { kind: 'remove'; who: Who }
  | { kind: 'power'; who: Who; state: 'up' | 'down' }
  | { kind: 'cm_port'; port: number }
  | { kind: 'bind'; addrs: string[] };

/** Two explicit ports, shared by database creations and cm_port so that they collide. */
const request = (ports: readonly number[]): fc.Arbitrary<Abstract> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('create' as const), name: fc.constantFrom('x', 'y'), port: fc.option(fc.constantFrom(...ports), { nil: null }) }) },
    fc.record({ kind: fc.constant('update' as const), change: fc.oneof(fc.record({ name: fc.constantFrom('x', 'y', 'z') }), fc.record({ data_internode_encryption: fc.boolean() }), fc.record({ memory_size: fc.integer({ min: 1, max: 9 }) })) }),
    fc.constant({ kind: 'delete' as const }),
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('addr' as const), who: fc.constantFrom<Who>('A', 'A', 'B'), addr: fc.constantFrom(...ADDRS) }) },
    fc.record({ kind: fc.constant('external' as const), who: fc.constantFrom<Who>('A', 'B'), addr: fc.constantFrom(...EXTERNAL) }),
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), who: fc.constantFrom<Who>('A', 'B') }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('power' as const), who: fc.constantFrom<Who>('A', 'B'), state: fc.constantFrom('up' as const, 'down' as const) }) },
    fc.record({ kind: fc.constant('cm_port' as const), port: fc.constantFrom(...ports) }),
    fc.record({ kind: fc.constant('bind' as const), addrs: fc.subarray(ADDRS.slice(0, 2), { minLength: 1 }) }),
  );

/** The request an abstract one stands for, against the cluster as it is when the schedule starts. */
function render(a: Abstract, s: ClusterState): Omit<Exchange, 'answer'> {
  switch (a.kind) {
    case 'create':
      return { via: 'api', method: 'POST', path: '/v1/bdbs', body: { name: a.name, memory_size: 1, ...(a.port ? { port: a.port } : {}) } };
    case 'update':
      return { via: 'api', method: 'PUT', path: `/v1/bdbs/${firstDatabase(s)}`, body: a.change };
    case 'delete':
      return { via: 'api', method: 'DELETE', path: `/v1/bdbs/${firstDatabase(s)}` };
    case 'addr':
      return { via: 'api', method: 'PUT', path: `/v1/nodes/${nodeOn(s, a.who)}`, body: { addr: a.addr } };
    case 'external':
      return { via: 'api', method: 'PUT', path: `/v1/nodes/${nodeOn(s, a.who)}`, body: { external_addr: [a.addr] } };
    case 'remove':
      return { via: 'api', method: 'POST', path: `/v1/nodes/${nodeOn(s, a.who)}/actions/remove`, body: {} };
    case 'power':
      return { via: 'control', method: 'POST', path: `/control/v1/nodes/${nodeOn(s, a.who)}/power`, body: { state: a.state } };
    case 'cm_port':
      return { via: 'api', method: 'PUT', path: '/v1/cluster', body: { cm_port: a.port } };
    case 'bind':
      return { via: 'control', method: 'PUT', path: '/control/v1/hosts/host-2/addresses', body: { addresses: [...a.addrs, '2001:db8::2'] } };
  }
}

const schedule = fc.integer({ min: 19_000, max: 19_900 }).chain((p) =>
  fc.array(fc.record({ request: request([p, p + 1]), delayMs: fc.integer({ min: 0, max: 4 }), splitMs: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }) }), { minLength: 2, maxLength: 5 }),
);

let spare = 40;
/**
 * Brings the cluster back to something schedules can fight over, through the model like any
 * change: pending work finished, node B back on host-3 if it was removed, one or two databases.
 */
function heal(cluster: MockServer['cluster']): void {
  cluster.settle();
  const s = cluster.state;
  const host3 = s.hosts['host-3']!;
  if (host3.nodeUid === null) {
    const via = s.nodes['1']!.addr;
    if (!cluster.execute({ type: 'JoinNode', data: { hostId: 'host-3', via, addr: host3.boundAddrs[0] } }).ok) {
      const addr = `10.0.1.${spare++}`;
      cluster.execute({ type: 'SetHostAddresses', data: { hostId: 'host-3', boundAddrs: [addr, '2001:db8::3'] } });
      const joined = cluster.execute({ type: 'JoinNode', data: { hostId: 'host-3', via, addr } });
      if (!joined.ok) throw new Error(`node B cannot rejoin: ${joined.rejection.description}`);
    }
  }
  const databases = Object.keys(cluster.state.databases);
  if (databases.length === 0) cluster.execute({ type: 'CreateDatabase', data: { name: 'db1', memorySize: 1 } });
  for (const uid of databases.slice(2)) cluster.execute({ type: 'DeleteDatabase', data: { uid } });
  cluster.settle();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('concurrent conflicting requests', () => {
  it(`[NODE-ADDR-005] [PORT-DB-006] leave a state some serial order explains, with no invariant broken, over ${RUNS} random schedules (seed ${SEED})`, { timeout: 300_000 }, async () => {
    let requests = 0;
    let accepted = 0;
    let held = 0;
    await fc.assert(
      fc.asyncProperty(schedule, async (steps) => {
        heal(server.cluster);
        await server.cluster.edge?.settled();
        const base = server.cluster.state;
        const at = server.cluster.store.position;
        const rendered = steps.map((s) => render(s.request, base));
        const answers = await Promise.all(
          steps.map(async (s, i) => {
            await sleep(s.delayMs);
            const r = rendered[i]!;
            const reply = await send(`${server.httpsUrl}${r.path}`, { method: r.method, ...(r.body !== undefined ? { json: r.body } : {}), agent, ...(s.splitMs !== undefined ? { splitBodyMs: s.splitMs } : {}) });
            return answerOf(reply.status, reply.text);
          }),
        );
        const exchanges: Exchange[] = rendered.map((r, i) => ({ ...r, answer: answers[i]! }));
        const observed = server.cluster.state;
        requests += exchanges.length;
        accepted += answers.filter((a) => a.startsWith('2')).length;

        expect(invariantViolations(observed), JSON.stringify(exchanges)).toEqual([]);
        expect(fold(server.cluster.store.read())).toEqual(observed);
        // What the cluster learnt from the machine meanwhile (a port another process holds) is a fact, not a request.
        const facts: Command[] = [...server.cluster.store.read(at)]
          .filter((e) => e.type === 'ForeignPortHeld' || e.type === 'ForeignPortReleased')
          .map((e) => ({ type: e.type === 'ForeignPortHeld' ? 'HoldPort' : 'ReleasePort', data: { port: (e.data as { port: number }).port } }) as Command);
        held += facts.length;
        const order = await serialOrder(base, at, facts, exchanges, observed, NOW);
        expect(order, `no serial order explains:\n${exchanges.map((x) => `  ${x.method} ${x.path} ${JSON.stringify(x.body ?? '')} → ${x.answer}`).join('\n')}`).not.toBeNull();
      }),
      { numRuns: RUNS, seed: SEED },
    );
    console.log(`[reliability] concurrency: ${RUNS} schedules, ${requests} concurrent requests (${accepted} accepted), each explained by a serial order; ${held} ports found held by another process meanwhile; seed ${SEED}`);
  });
});
