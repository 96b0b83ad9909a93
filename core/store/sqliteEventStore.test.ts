import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ClusterAggregate } from '../aggregate.ts';
import type { Command } from '../../domain/commands.ts';
import type { DomainEvent } from '../../domain/events.ts';
import { clusterCommands, DAY, T0 } from '../../machines/testing/fixtures.ts';
import { eventStoreContract, type StoresUnderTest } from './eventStore.contract.ts';
import { openClusterDatabase, SCHEMA_VERSION, type ClusterDatabase } from './sqliteEventStore.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STORE_MODULE = new URL('./sqliteEventStore.ts', import.meta.url).href;

// A fresh directory per test, removed after it; the contract closes its stores first (inner
// afterEach hooks run before outer ones).
let dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'sqlite-store-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

let databases: ClusterDatabase[] = [];
const openDb = (path: string) => {
  const db = openClusterDatabase(path);
  databases.push(db);
  return db;
};
afterEach(() => {
  for (const db of databases) db.close();
  databases = [];
});

const underTest = (path: string): StoresUnderTest => {
  const db = openClusterDatabase(path);
  return {
    events: db.events,
    snapshots: db.snapshots,
    close: db.close,
    reopen: () => {
      db.close();
      return underTest(path);
    },
  };
};

eventStoreContract('the SQLite stores', () => underTest(join(tempDir(), 'cluster.db')));

const held = (port: number): DomainEvent => ({ type: 'ForeignPortHeld', data: { port } });
const mode = (path: string) => statSync(path).mode & 0o777;

describe('the SQLite database file', () => {
  it('is created owner-only, with its write-ahead log and shared memory, in a directory made owner-only', () => {
    const dir = join(tempDir(), 'private');
    const path = join(dir, 'cluster.db');
    const db = openDb(path);
    db.events.append([held(1)], 1);
    expect(mode(dir)).toBe(0o700);
    expect(mode(path)).toBe(0o600);
    expect(mode(`${path}-wal`)).toBe(0o600);
    expect(mode(`${path}-shm`)).toBe(0o600);
  });

  it('is set up with the schema version and the WAL journal', () => {
    const path = join(tempDir(), 'cluster.db');
    openDb(path).close();
    const raw = new Database(path, { readonly: true });
    try {
      expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all()).toEqual(['events', 'snapshots']);
    } finally {
      raw.close();
    }
  });

  it('is refused, naming both versions, when a newer schema wrote it', () => {
    const path = join(tempDir(), 'cluster.db');
    openDb(path).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openDb(path)).toThrow(`schema version ${SCHEMA_VERSION + 1}, newer than the ${SCHEMA_VERSION} this program knows`);
  });

  it('is refused when it is not a database', () => {
    const path = join(tempDir(), 'cluster.db');
    writeFileSync(path, 'not a database, but long enough to have a header of sorts.'.repeat(20));
    expect(() => openDb(path)).toThrow(/not a database/);
  });
});

describe('the SQLite event store', () => {
  it('reads ranges that span several pages, in order and without gaps', () => {
    const db = openDb(join(tempDir(), 'cluster.db'));
    for (let b = 0; b < 5; b++) db.events.append(Array.from({ length: 500 }, (_, i) => held(b * 500 + i)), b);
    const range = [...db.events.read(1000, 2100)];
    expect(range.map((e) => e.position)).toEqual(Array.from({ length: 1100 }, (_, i) => 1001 + i));
    expect(range.map((e) => (e.data as { port: number }).port)).toEqual(Array.from({ length: 1100 }, (_, i) => 1000 + i));
    expect([...db.events.read()]).toHaveLength(2500);
  });

  it('leaves the file free for appends when a read is abandoned half way', () => {
    const db = openDb(join(tempDir(), 'cluster.db'));
    db.events.append(Array.from({ length: 3000 }, (_, i) => held(i)), 1);
    const abandoned = db.events.read()[Symbol.iterator]();
    abandoned.next();
    expect(db.events.append([held(1)], 2).ok).toBe(true);
    expect(db.events.position).toBe(3001);
  });

  it('checks the expected position against appends made through another connection to the file', () => {
    const path = join(tempDir(), 'cluster.db');
    const a = openDb(path);
    const b = openDb(path);
    expect(a.events.append([held(1)], 1, 0).ok).toBe(true);
    expect(b.events.position).toBe(1);
    expect(b.events.append([held(2)], 2, 0)).toEqual({ ok: false, expected: 0, actual: 1 });
    expect(b.events.append([held(2)], 2, 1).ok).toBe(true);
    expect([...a.events.read()].map((e) => e.data)).toEqual([{ port: 1 }, { port: 2 }]);
  });
});

describe('a cluster on the SQLite store', () => {
  const more: Command[] = [
    { type: 'CreateDatabase', data: { name: 'cache', memorySize: 100 } },
    { type: 'CreateDatabase', data: { name: 'sessions', memorySize: 200, port: 12000, dataInternodeEncryption: true } },
    { type: 'CompleteDatabaseAction', data: { uid: '1' } },
    { type: 'CompleteDatabaseAction', data: { uid: '2' } },
    { type: 'UpdateDatabase', data: { uid: '1', changes: { name: 'cache-1', dataInternodeEncryption: true } } },
    { type: 'CompleteDatabaseAction', data: { uid: '1' } },
    { type: 'SetClusterPolicy', data: { dataInternodeEncryption: true } },
    { type: 'SetAlertSettings', data: { nodeInternalCertsAboutToExpire: { enabled: true, thresholdDays: 60 } } },
    { type: 'HoldPort', data: { port: 30000 } },
    { type: 'PowerOffNode', data: { uid: '3' } },
    { type: 'SetHostAddresses', data: { hostId: 'h3', boundAddrs: ['10.0.0.9'] } },
    { type: 'SetNodeAddress', data: { uid: '3', addr: '10.0.0.9' } },
    { type: 'PowerOnNode', data: { uid: '3' } },
    { type: 'AdvanceClock', data: { now: T0 + 40 * DAY } },
    { type: 'RotateCertificates', data: { plane: 'data' } },
    { type: 'DeleteDatabase', data: { uid: '2' } },
    { type: 'CompleteDatabaseAction', data: { uid: '2' } },
    { type: 'AdvanceClock', data: { now: T0 + 100 * DAY } },
  ];

  it('is the same cluster when reopened from its file, with or without snapshots', () => {
    const path = join(tempDir(), 'cluster.db');
    const db = openDb(path);
    const cluster = new ClusterAggregate(db.events, { snapshots: db.snapshots, snapshotEvery: 10 });
    for (const command of [...clusterCommands(3), ...more]) {
      const r = cluster.execute(command);
      expect(r.ok, `${command.type} ${JSON.stringify(r.ok ? '' : r.rejection)}`).toBe(true);
    }
    const live = cluster.state;
    const position = db.events.position;
    expect(db.snapshots.latest()!.position).toBeGreaterThan(0);
    db.close();

    const again = openDb(path);
    expect(again.events.position).toBe(position);
    expect(new ClusterAggregate(again.events, { snapshots: again.snapshots }).state).toEqual(live);
    expect(new ClusterAggregate(again.events).state).toEqual(live);
    const resumed = new ClusterAggregate(again.events, { snapshots: again.snapshots });
    expect(resumed.execute({ type: 'CreateDatabase', data: { name: 'after-reopen', memorySize: 100 } }).ok).toBe(true);
    expect(again.events.position).toBe(position + 1);
  });
});

describe('the SQLite event store across a crash', () => {
  const SIZE = 40;
  const ROUNDS = 3;

  /**
   * A writer in its own process appends batches of SIZE events, batch b being SIZE times
   * ForeignPortHeld(b) at time b, and prints b once the append has returned. It never stops by
   * itself before it is killed.
   */
  const writer = (dir: string) => {
    const script = join(dir, 'writer.ts');
    writeFileSync(
      script,
      `import { openClusterDatabase } from ${JSON.stringify(STORE_MODULE)};
const [path, size] = [process.argv[2]!, Number(process.argv[3])];
const { events } = openClusterDatabase(path);
for (let b = events.position / size + 1; b < 1_000_000; b++) {
  const batch = Array.from({ length: size }, () => ({ type: 'ForeignPortHeld', data: { port: b } }) as const);
  const r = events.append(batch, b, (b - 1) * size);
  if (!r.ok) throw new Error('conflict: ' + JSON.stringify(r));
  process.stdout.write(b + '\\n');
}
`,
    );
    return script;
  };

  /** Runs the writer until it has acknowledged `acks` batches, then SIGKILLs it; resolves to the last acknowledged batch. */
  const runAndKill = (script: string, path: string, acks: number) =>
    new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', script, path, String(SIZE)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      let seen = 0;
      let last = 0;
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the writer acknowledged ${seen} of ${acks} batches in time; stderr: ${err}`));
      }, 20_000);
      child.stderr.on('data', (d: Buffer) => (err += d));
      child.stdout.on('data', (d: Buffer) => {
        out += d;
        const lines = out.split('\n');
        out = lines.pop()!;
        for (const line of lines) {
          last = Number(line);
          seen++;
        }
        if (seen >= acks && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (signal === 'SIGKILL' && seen >= acks) resolve(last);
        else reject(new Error(`the writer exited (${code ?? signal}) after ${seen} batches; stderr: ${err}`));
      });
    });

  it('keeps every acknowledged batch and never half of one when the writer is killed mid-stream', async () => {
    const dir = tempDir();
    const path = join(dir, 'cluster.db');
    const script = writer(dir);
    let acknowledged = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      acknowledged = await runAndKill(script, path, 15 * round);
      const db = openDb(path);
      const all = [...db.events.read()];
      db.close();
      expect(all.length % SIZE, 'a batch was written in part').toBe(0);
      expect(all.length / SIZE).toBeGreaterThanOrEqual(acknowledged);
      const batchOf = (i: number) => Math.floor(i / SIZE) + 1;
      expect(all).toEqual(all.map((_, i) => ({ position: i + 1, type: 'ForeignPortHeld', version: 1, data: { port: batchOf(i) }, time: batchOf(i) })));
    }
  }, 90_000);
});
