import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { RecordedEvent } from '../../domain/events.ts';
import { fold } from '../../core/replay.ts';
import type { ClusterState } from '../../domain/state.ts';
import { SqliteEventStore } from '../../core/store/sqliteEventStore.ts';

export interface LogOnDisk {
  readonly events: readonly RecordedEvent[];
  /** The fold of every event: what the log says the cluster is. */
  readonly state: ClusterState;
  /** `PRAGMA integrity_check`: ['ok'] for a sound file. */
  readonly integrity: readonly string[];
}

/**
 * Reads a cluster's log as another process would, read-only, through the store's own reader:
 * after a crash this is what survived, whatever the server would make of it.
 */
export function readLog(dataDir: string): LogOnDisk {
  const db = new Database(join(dataDir, 'cluster.db'), { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    const events = [...new SqliteEventStore(db).read()];
    return { events, state: fold(events), integrity };
  } finally {
    db.close();
  }
}
