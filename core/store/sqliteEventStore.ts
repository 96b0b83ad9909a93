import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { EVENT_VERSIONS, type DomainEvent, type RecordedEvent } from '../../domain/events.ts';
import type { ClusterState } from '../../domain/state.ts';
import type { AppendResult, EventStore, Snapshot, SnapshotStore } from './eventStore.ts';

/**
 * The layout this code writes, kept in `PRAGMA user_version`. A change of layout bumps it and
 * adds a step to `migrate`; a file from a newer program is refused, never guessed at.
 */
export const SCHEMA_VERSION = 1;

/**
 * STRICT tables, so that a column declared INTEGER holds integers: SQLite would otherwise keep
 * whatever it is given, and a position or a time stored as text would sort and compare wrongly.
 */
const SCHEMA_V1 = `
  CREATE TABLE events (
    position INTEGER PRIMARY KEY,
    type     TEXT    NOT NULL,
    version  INTEGER NOT NULL,
    data     TEXT    NOT NULL,
    time     INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE snapshots (
    position INTEGER PRIMARY KEY,
    state    TEXT    NOT NULL
  ) STRICT;
`;

/**
 * Rows per query when reading. Big enough that a replay costs about what one query would,
 * small enough that a read of a million events never holds more than this many in memory.
 */
const PAGE = 1024;

type Db = Database.Database;

interface EventRow {
  readonly position: number;
  readonly type: string;
  readonly version: number;
  readonly data: string;
  readonly time: number;
}

interface SnapshotRow {
  readonly position: number;
  readonly state: string;
}

/** One cluster's event log and snapshots, in one SQLite file. */
export interface ClusterDatabase {
  readonly path: string;
  readonly events: SqliteEventStore;
  readonly snapshots: SqliteSnapshotStore;
  /** Closes the file; the stores must not be used afterwards. Closing twice does nothing. */
  close(): void;
}

/**
 * Opens (or creates) the database file of a cluster. A new file, and a directory made for it,
 * are owner-only: the log is the cluster's whole history. Throws if the file was written by a
 * newer schema than this program knows, or is not a database.
 */
export function openClusterDatabase(path: string): ClusterDatabase {
  createPrivately(path);
  // The native module is loaded by the first database opened, not by whoever imports this file:
  // a mock kept in memory (no --data-dir) never needs it.
  const db = new (createRequire(import.meta.url)('better-sqlite3') as typeof Database)(path);
  try {
    configure(db, path);
    migrate(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return {
    path,
    events: new SqliteEventStore(db),
    snapshots: new SqliteSnapshotStore(db),
    close: () => {
      if (db.open) db.close();
    },
  };
}

/**
 * Makes the file before SQLite does, because SQLite creates it 0644 (less the umask) and then
 * gives its -wal and -shm files the mode of the database file: so 0600 here is 0600 for all
 * three. A file that already exists keeps the mode its owner gave it.
 */
function createPrivately(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw e;
  }
  closeSync(fd);
  // openSync's mode is masked by the umask; the mode is meant exactly, whatever the umask.
  chmodSync(path, 0o600);
}

function configure(db: Db, path: string): void {
  // Before anything writes to the file: even switching the journal mode is a write.
  const found = db.pragma('user_version', { simple: true }) as number;
  if (found > SCHEMA_VERSION) {
    throw new Error(
      `${path} has schema version ${found}, newer than the ${SCHEMA_VERSION} this program knows: open it with a newer version of the program`,
    );
  }
  // WAL: a commit is one sequential write to the -wal file, and readers (another process
  // serving reads, say) neither block the writer nor see half a transaction.
  const mode = db.pragma('journal_mode = WAL', { simple: true }) as string;
  if (mode !== 'wal') throw new Error(`${path}: SQLite could not use WAL journal mode here (got ${mode})`);
  // FULL, not WAL's usual NORMAL: under NORMAL the -wal file is fsynced only at checkpoints, so
  // an append that had already returned can be lost to a power cut or an OS crash. FULL fsyncs
  // the WAL at every commit, which is what "durable before it returns" promises. (A crash of
  // the process alone loses no commit in either mode: the OS holds the written pages.) The
  // price is one fsync per append, not per event. Per connection, so set at every open.
  db.pragma('synchronous = FULL');
}

/** Brings the file to `SCHEMA_VERSION`; IMMEDIATE so that two processes opening a new file do not both create it. */
function migrate(db: Db): void {
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version === SCHEMA_VERSION) return;
    if (version === 0) db.exec(SCHEMA_V1);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

/**
 * The event log as a table whose key is the position. Construct it through
 * `openClusterDatabase`, which sets up the schema and the durability settings it relies on.
 */
export class SqliteEventStore implements EventStore {
  readonly #last: Database.Statement<[], number>;
  readonly #insert: Database.Statement<[number, string, number, string, number]>;
  readonly #page: Database.Statement<[number, number, number], EventRow>;
  readonly #append: (events: readonly DomainEvent[], time: number, expectedPosition?: number) => AppendResult;

  constructor(db: Db) {
    // MAX over the INTEGER PRIMARY KEY is one step down the table's b-tree, not a scan.
    this.#last = db.prepare<[], number>('SELECT COALESCE(MAX(position), 0) FROM events').pluck();
    this.#insert = db.prepare('INSERT INTO events (position, type, version, data, time) VALUES (?, ?, ?, ?, ?)');
    this.#page = db.prepare(
      'SELECT position, type, version, data, time FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?',
    );
    const append = db.transaction((events: readonly DomainEvent[], time: number, expectedPosition?: number): AppendResult => {
      const actual = this.#last.get() as number;
      if (expectedPosition !== undefined && expectedPosition !== actual) return { ok: false, expected: expectedPosition, actual };
      const recorded = events.map((e, i) => {
        const r = { position: actual + i + 1, type: e.type, version: EVENT_VERSIONS[e.type], data: e.data, time };
        this.#insert.run(r.position, r.type, r.version, JSON.stringify(r.data), r.time);
        return r;
      }) as RecordedEvent[];
      return { ok: true, recorded };
    });
    // IMMEDIATE takes the write lock before the position is read, so the check and the inserts
    // are one step for every other connection too. A DEFERRED transaction would read under a
    // shared lock and could then fail to upgrade (SQLITE_BUSY) instead of waiting its turn.
    this.#append = (events, time, expectedPosition) => append.immediate(events, time, expectedPosition);
  }

  get position(): number {
    // Read every time rather than cached: another connection to the file may have appended.
    return this.#last.get() as number;
  }

  /**
   * All or nothing: an exception (disk full, the file locked by another process for longer than
   * the 5 s busy timeout) rolls the whole append back.
   */
  append(events: readonly DomainEvent[], time: number, expectedPosition?: number): AppendResult {
    return this.#append(events, time, expectedPosition);
  }

  /**
   * Streams in pages of `PAGE` rows, each page one short query, rather than holding one
   * `.iterate()` cursor open across yields: better-sqlite3 refuses every write on a connection
   * while a cursor is open ("This database connection is busy executing a query"), so a read
   * consumed slowly, or left unfinished, would block appends. Pages see the same events a
   * cursor would: the range ends at or before the log's end when `read` is called, and events
   * already in the log never change.
   */
  *read(from = 0, to = this.position): Iterable<RecordedEvent> {
    let after = Math.max(0, from);
    while (after < to) {
      const rows = this.#page.all(after, to, PAGE);
      for (const row of rows) yield toRecorded(row);
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.position;
    }
  }
}

function toRecorded(row: EventRow): RecordedEvent {
  return { position: row.position, type: row.type, version: row.version, data: JSON.parse(row.data), time: row.time } as RecordedEvent;
}

/** Snapshots as JSON text, keyed by the position they are the state after. */
export class SqliteSnapshotStore implements SnapshotStore {
  readonly #save: Database.Statement<[number, string]>;
  readonly #atOrBefore: Database.Statement<[number], SnapshotRow>;
  readonly #newest: Database.Statement<[], SnapshotRow>;

  constructor(db: Db) {
    // REPLACE: a snapshot saved again at a position is the newer word on that state.
    this.#save = db.prepare('INSERT OR REPLACE INTO snapshots (position, state) VALUES (?, ?)');
    this.#atOrBefore = db.prepare('SELECT position, state FROM snapshots WHERE position <= ? ORDER BY position DESC LIMIT 1');
    this.#newest = db.prepare('SELECT position, state FROM snapshots ORDER BY position DESC LIMIT 1');
  }

  save(snapshot: Snapshot): void {
    this.#save.run(snapshot.position, JSON.stringify(snapshot.state));
  }

  latest(position?: number): Snapshot | undefined {
    const row = position === undefined ? this.#newest.get() : this.#atOrBefore.get(position);
    return row && { position: row.position, state: JSON.parse(row.state) as ClusterState };
  }
}
