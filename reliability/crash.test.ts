/**
 * Crash safety (API-LOG-001): the standalone server — `mock/server/main.ts` in its own process,
 * as `npm run mock` runs it — is driven with concurrent writes and killed with SIGKILL at random
 * moments (some while it is still starting), then restarted on the same data directory, over
 * and over. After every kill the log on disk, read by another process, must hold every write
 * the server acknowledged, and each request whole or not at all; after every restart the state
 * the server reports must be the fold of that log, and the cluster's real parts (its CA, the
 * internode listeners) must come back.
 *
 * Every write carries a value no other write uses (a database name, a memory size, an address),
 * so the events it caused can be found in the log. The schedule (kill times, which writes) comes
 * from a seed printed by the test: `RELIABILITY_SEED=<seed>` replays it (the timing of the
 * server, and so the exact cut, still varies).
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../domain/events.ts';
import { invariantViolations } from '../core/invariants.ts';
import { clusterView, databaseView, nodeView } from '../mock/api/views.ts';
import { agents, parse, send, type Reply } from './testing/http.ts';
import { readLog } from './testing/log.ts';
import { startProcess, type ServerProcess } from './testing/process.ts';
import { runSeed, seeded } from './testing/random.ts';

const SEED = runSeed();
const TRIALS = 24;
const MAIN = 'mock/server/main.ts';

type Part = (e: RecordedEvent) => boolean;
const has = (type: string, match: (d: any) => boolean): Part => (e) => e.type === type && match(e.data);

interface Write {
  readonly label: string;
  /** The events it causes: an acknowledged write must have all of them in the log, any write all or none. */
  readonly parts: readonly Part[];
  outcome: 'acknowledged' | 'refused' | 'unknown';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const dir = mkdtempSync(join(tmpdir(), 'crash-'));
const dataDir = join(dir, 'data');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Values no write has used yet, across all trials. */
let serial = 0;
const rand = seeded(SEED);

/** Concurrent clients writing to one server until it dies. */
class Load {
  readonly writes: Write[] = [];
  readonly agent = agents(16).https;
  stopped = false;
  readonly databases: number[];

  constructor(private readonly server: ServerProcess, databases: number[]) {
    this.databases = databases;
  }

  async write(label: string, parts: Part[], method: string, path: string, json?: unknown): Promise<Reply | undefined> {
    const w: Write = { label, parts, outcome: 'unknown' };
    this.writes.push(w);
    try {
      const r = await send(`${this.server.httpsUrl}${path}`, { method, json, agent: this.agent, timeoutMs: 5000 });
      w.outcome = r.status < 300 ? 'acknowledged' : 'refused';
      return r;
    } catch {
      this.stopped = true; // the server is gone
      return undefined;
    }
  }

  async createDatabases(): Promise<void> {
    while (!this.stopped) {
      if (this.databases.length > 12) {
        await sleep(5);
        continue;
      }
      const n = serial++;
      const name = `db-${n}`;
      const r = await this.write(`create ${name}`, [has('DatabaseCreationStarted', (d) => d.name === name)], 'POST', '/v1/bdbs', { name, memory_size: 1000 + n });
      if (r?.status === 200) this.databases.push(parse(r).uid);
    }
  }

  async changeDatabases(): Promise<void> {
    while (!this.stopped) {
      if (!this.databases.length) {
        await sleep(2);
        continue;
      }
      const uid = rand.pick(this.databases);
      if (rand.next() < 0.25) {
        const r = await this.write(`delete ${uid}`, [has('DatabaseDeletionStarted', (d) => d.uid === String(uid))], 'DELETE', `/v1/bdbs/${uid}`);
        if (r && r.status < 300) this.databases.splice(this.databases.indexOf(uid), 1);
      } else {
        const size = 1_000_000 + serial++;
        await this.write(`memory_size ${size} of ${uid}`, [has('DatabaseUpdated', (d) => d.uid === String(uid) && d.changes.memorySize === size)], 'PUT', `/v1/bdbs/${uid}`, {
          memory_size: size,
        });
      }
    }
  }

  /** Down, a new internal and external address in one request (two events), the host rebound, up. */
  async moveNode(uid: number): Promise<void> {
    while (!this.stopped) {
      await this.write(`node ${uid} down`, [], 'POST', `/control/v1/nodes/${uid}/power`, { state: 'down' });
      const k = serial++;
      const addr = `10.${100 + uid}.${(k >> 8) & 255}.${(k % 250) + 1}`;
      const external = `172.${16 + uid}.${(k >> 8) & 255}.${(k % 250) + 1}`;
      await this.write(
        `node ${uid} addr ${addr} and external ${external}`,
        [has('NodeAddressChanged', (d) => d.uid === String(uid) && d.addr === addr), has('NodeExternalAddressesChanged', (d) => d.uid === String(uid) && d.externalAddrs.includes(external))],
        'PUT',
        `/v1/nodes/${uid}`,
        { addr, external_addr: [external] },
      );
      await this.write(`host-${uid} binds ${addr}`, [has('HostAddressesChanged', (d) => d.hostId === `host-${uid}` && d.boundAddrs.includes(addr))], 'PUT', `/control/v1/hosts/host-${uid}/addresses`, {
        addresses: [addr, `2001:db8::${uid}`],
      });
      await this.write(`node ${uid} up`, [], 'POST', `/control/v1/nodes/${uid}/power`, { state: 'up' });
    }
  }
}

const PENDING = new Set(['pending', 'active-change-pending', 'delete-pending', 'decommissioning']);

/** Waits until nothing is pending, then reads the API and the log: they must agree. */
async function checkRecovered(server: ServerProcess): Promise<number[]> {
  const get = async (path: string) => parse(await send(`${server.httpsUrl}${path}`));
  for (let i = 0; ; i++) {
    const [bdbs, nodes] = [await get('/v1/bdbs'), await get('/v1/nodes')];
    const busy = [...bdbs, ...nodes].some((x: { status: string }) => PENDING.has(x.status));
    if (!busy) {
      const [cluster, certificates] = [await get('/v1/cluster'), await get('/v1/cluster/certificates')];
      const log = readLog(dataDir);
      expect(log.integrity).toEqual(['ok']);
      expect(log.events.map((e) => e.position)).toEqual(log.events.map((_, i) => i + 1));
      expect(invariantViolations(log.state)).toEqual([]);
      const s = log.state;
      const byUid = (a: { uid: number }, b: { uid: number }) => a.uid - b.uid;
      expect(bdbs.sort(byUid), 'GET /v1/bdbs is the fold of the log').toEqual(Object.values(s.databases).map((d) => databaseView(s, d)).sort(byUid));
      expect(nodes.sort(byUid), 'GET /v1/nodes is the fold of the log').toEqual(Object.values(s.nodes).map((n) => nodeView(s, n)).sort(byUid));
      expect(cluster, 'GET /v1/cluster is the fold of the log').toEqual(clusterView(s, certificates));
      // The CA survived the kill: the listeners of the nodes that are up are back.
      for (const n of nodes.filter((n: { status: string }) => n.status === 'active')) {
        const r = await send(`${server.httpsUrl}/control/v1/nodes/${n.uid}/internode`);
        expect(r.status, `internode listener of node ${n.uid}: ${r.text}`).toBe(200);
      }
      return bdbs.filter((d: { status: string }) => d.status === 'active').map((d: { uid: number }) => d.uid);
    }
    if (i > 400) throw new Error('pending work did not finish within 10 s of a restart');
    await sleep(25);
  }
}

function checkOwnerOnly(): void {
  expect(statSync(join(dataDir, 'cluster.db')).mode & 0o777).toBe(0o600);
  const pki = join(dataDir, 'pki');
  for (const f of readdirSync(pki).filter((f) => f.endsWith('.key'))) expect(statSync(join(pki, f)).mode & 0o777, f).toBe(0o600);
}

describe('crash safety of the standalone server', () => {
  it(`[API-LOG-001] loses no acknowledged write and applies no request by halves across ${TRIALS} SIGKILLs (seed ${SEED})`, { timeout: 300_000 }, async () => {
    const args = ['--data-dir', dataDir, '--https-port', '0', '--http-port', '0', '--settle-ms', '5', '--password', 'secret'];
    const all: Write[] = [];
    let duringStart = 0;
    let databases: number[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const started = startProcess(MAIN, args);
      // A quarter of the kills land while the server starts (building the cluster, its CA).
      if (rand.next() < 0.25) {
        duringStart++;
        await sleep(rand.int(0, 1500));
        started.child.kill('SIGKILL');
        await started.exited;
        continue;
      }
      const server = await started.ready;
      if (trial > 0 || all.length) databases = await checkRecovered(server);
      const load = new Load(server, databases);
      const running = Promise.all([load.createDatabases(), load.createDatabases(), load.changeDatabases(), load.moveNode(2), load.moveNode(3)]);
      await sleep(rand.int(20, 400));
      await server.kill('SIGKILL');
      load.stopped = true;
      await running;
      load.agent.destroy();
      all.push(...load.writes);

      const { events, integrity } = readLog(dataDir);
      expect(integrity).toEqual(['ok']);
      // A write sent more than once (a delete refused while its database was busy, sent again
      // later) cannot be told from its retries in the log: across every attempt of it so far,
      // the log holds at least one event per acknowledged attempt and at most one per attempt
      // that may have been applied — never one for a refusal.
      const attempts = (w: Write) => all.filter((o) => o.label === w.label);
      const sharesLabel = (w: Write) => w.parts.length > 0 && attempts(w).length > 1;
      for (const w of load.writes.filter(sharesLabel)) {
        const tries = attempts(w);
        const logged = events.filter(w.parts[0]!).length;
        const acknowledged = tries.filter((o) => o.outcome === 'acknowledged').length;
        const possible = acknowledged + tries.filter((o) => o.outcome === 'unknown').length;
        expect(logged, `trial ${trial}, seed ${SEED}: ${w.label} sent ${tries.length} times`).toBeGreaterThanOrEqual(acknowledged);
        expect(logged, `trial ${trial}, seed ${SEED}: ${w.label} sent ${tries.length} times`).toBeLessThanOrEqual(possible);
      }
      for (const w of load.writes) {
        const present = w.parts.filter((p) => events.some(p)).length;
        const where = `trial ${trial}, seed ${SEED}: ${w.label} (${w.outcome})`;
        if (w.outcome === 'acknowledged') expect(present, `lost: ${where}`).toBe(w.parts.length);
        else if (w.outcome === 'refused' && !sharesLabel(w)) expect(present, `a refusal recorded something: ${where}`).toBe(0);
        else expect([0, w.parts.length], `half applied: ${where}`).toContain(present);
      }
    }
    // The last kill is recovered from too.
    const last = await startProcess(MAIN, args).ready;
    try {
      await checkRecovered(last);
      checkOwnerOnly();
    } finally {
      await last.kill('SIGTERM');
    }

    const checked = all.filter((w) => w.parts.length);
    const acknowledged = checked.filter((w) => w.outcome === 'acknowledged').length;
    const inFlight = checked.filter((w) => w.outcome === 'unknown').length;
    // The figures of the run (the test has already failed if any write was lost).
    console.log(
      `[reliability] crash: ${TRIALS} SIGKILLs (${duringStart} during start-up), ${all.length} requests, ${acknowledged} acknowledged writes checked, 0 lost, 0 half-applied, ${inFlight} in flight at a kill; seed ${SEED}`,
    );
    expect(acknowledged).toBeGreaterThan(100);
  });
});
