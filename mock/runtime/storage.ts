import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openClusterDatabase, type ClusterDatabase } from '../../core/store/sqliteEventStore.ts';
import type { ClusterStorage } from './mockCluster.ts';

/**
 * The cluster's log in `<dataDir>/cluster.db` (SQLite): opened as it is at start, emptied by
 * a reset. `close` must be called when the cluster stops, so the file is closed cleanly.
 */
export function sqliteStorage(dataDir: string): { storage: (fresh: boolean) => ClusterStorage; close(): void } {
  const path = join(dataDir, 'cluster.db');
  let db: ClusterDatabase | undefined;
  return {
    storage(fresh) {
      db?.close();
      if (fresh) for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
      db = openClusterDatabase(path);
      return { store: db.events, snapshots: db.snapshots };
    },
    close() {
      db?.close();
      db = undefined;
    },
  };
}
