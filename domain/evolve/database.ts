import type { Draft } from 'immer';
import type { DomainEvent } from '../events.ts';
import type { DatabaseState } from '../state.ts';

/** Applies an event to one database in place; shared by the cluster fold and the database machine. */
export function applyToDatabase(db: Draft<DatabaseState>, event: DomainEvent): void {
  switch (event.type) {
    case 'DatabaseCreated':
    case 'DatabaseChangeCompleted':
      db.status = 'active';
      return;
    case 'DatabaseUpdated': {
      const { name, memorySize, dataInternodeEncryption, settings } = event.data.changes;
      if (name !== undefined) db.name = name;
      if (settings !== undefined) db.settings = { ...db.settings, ...settings };
      if (memorySize !== undefined) db.memorySize = memorySize;
      if (dataInternodeEncryption !== undefined) db.dataInternodeEncryption = dataInternodeEncryption;
      db.status = 'active-change-pending';
      return;
    }
    case 'DatabaseDeletionStarted':
      db.status = 'delete-pending';
      return;
    default:
      return;
  }
}
