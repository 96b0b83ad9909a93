import { setup } from 'xstate';
import type { DatabaseUpdated } from '../domain/events.ts';
import { applyToDatabase } from '../domain/evolve/database.ts';
import { reject } from '../domain/rejections.ts';
import type { DatabaseState } from '../domain/state.ts';
import { recorder, sharedActions } from './record.ts';
import { isValidDatabaseName } from '../domain/rules/names.ts';
import { show } from '../domain/rules/show.ts';
import { settingsProblem } from '../domain/rules/databaseSettings.ts';

/** Fields of `PUT /v1/bdbs/{uid}` the model knows, as sent (unchecked). */
export interface DatabaseChangeRequest {
  readonly name?: unknown;
  readonly memorySize?: unknown;
  readonly dataInternodeEncryption?: unknown;
  readonly port?: unknown;
  /** Fields without a rule of the model (`domain/rules/databaseSettings.ts`). */
  readonly settings?: unknown;
}

export type DatabaseMachineEvent =
  | { type: 'UpdateDatabase'; changes: DatabaseChangeRequest }
  | { type: 'DeleteDatabase' }
  /** The cluster finished the pending create, change or delete. */
  | { type: 'CompleteDatabaseAction' };

type Changes = DatabaseUpdated['data']['changes'];
type UpdateEvent = Extract<DatabaseMachineEvent, { type: 'UpdateDatabase' }>;

/** The first problem with a change request, or null. */
function changeProblem(c: DatabaseChangeRequest): string | null {
  if (c.name !== undefined && !isValidDatabaseName(c.name)) return `'${show(c.name)}' is not a valid database name`;
  if (c.memorySize !== undefined && !(Number.isSafeInteger(c.memorySize) && (c.memorySize as number) > 0)) {
    return 'memory_size must be a positive integer';
  }
  if (c.dataInternodeEncryption !== undefined && typeof c.dataInternodeEncryption !== 'boolean') {
    return 'data_internode_encryption must be true or false';
  }
  if (c.port !== undefined && !Number.isInteger(c.port)) return 'port must be an integer';
  return settingsProblem(c.settings);
}

/** The fields that would really change; a value equal to the current one is no change. */
function effectiveChanges(db: DatabaseState, c: DatabaseChangeRequest): Changes {
  const out: { -readonly [K in keyof Changes]: Changes[K] } = {};
  if (c.name !== undefined && c.name !== db.name) out.name = c.name as string;
  if (c.memorySize !== undefined && c.memorySize !== db.memorySize) out.memorySize = c.memorySize as number;
  if (c.dataInternodeEncryption !== undefined && c.dataInternodeEncryption !== db.dataInternodeEncryption) {
    out.dataInternodeEncryption = c.dataInternodeEncryption as boolean;
  }
  const settings = Object.entries((c.settings ?? {}) as Record<string, unknown>).filter(([k, v]) => JSON.stringify(db.settings?.[k]) !== JSON.stringify(v));
  if (settings.length) out.settings = Object.fromEntries(settings);
  return out;
}

/** An auto-assigned port is reported as 0, so sending back 0 is not a change. */
const portChanged = (db: DatabaseState, port: unknown) =>
  port !== undefined && port !== db.port && !(db.portAutoAssigned && port === 0);

const record = recorder<DatabaseState, DatabaseMachineEvent>(applyToDatabase);

const busy = {
  actions: { type: 'reject', params: ({ context }: { context: DatabaseState }) => reject.busy(context.uid, context.status) },
  meta: { reqs: ['DB-LIFE-002'] },
} as const;

export const databaseMachine = setup({
  types: {
    context: {} as DatabaseState,
    input: {} as DatabaseState,
    events: {} as DatabaseMachineEvent,
  },
  actions: sharedActions,
  guards: {
    changeInvalid: ({ event }) => event.type === 'UpdateDatabase' && changeProblem(event.changes) !== null,
    portChanged: ({ context, event }) => event.type === 'UpdateDatabase' && portChanged(context, event.changes.port),
    nothingChanges: ({ context, event }) =>
      event.type === 'UpdateDatabase' && Object.keys(effectiveChanges(context, event.changes)).length === 0,
    encryptionChanges: ({ context, event }) =>
      event.type === 'UpdateDatabase' && effectiveChanges(context, event.changes).dataInternodeEncryption !== undefined,
  },
}).createMachine({
  id: 'database',
  description: 'A database (bdb): its lifecycle, and its data internode encryption.',
  context: ({ input }) => input,
  initial: 'pending',
  states: {
    pending: {
      description: 'Being created.',
      on: {
        CompleteDatabaseAction: {
          target: 'active',
          actions: record(({ context }) => [{ type: 'DatabaseCreated', data: { uid: context.uid } }]),
          meta: { reqs: ['DB-LIFE-001'] },
        },
        UpdateDatabase: busy,
        DeleteDatabase: busy,
      },
    },
    active: {
      on: {
        UpdateDatabase: [
          {
            guard: 'changeInvalid',
            actions: { type: 'reject', params: ({ event }) => reject.invalidParameter(changeProblem((event as UpdateEvent).changes) ?? '') },
            meta: { reqs: ['API-ERR-001'] },
          },
          {
            guard: 'portChanged',
            actions: { type: 'reject', params: ({ context }) => reject.portChangeNotAllowed(context.uid) },
            meta: { reqs: ['PORT-DB-004'] },
          },
          { guard: 'nothingChanges', actions: 'acknowledge', meta: { reqs: ['ENC-DATA-007'] } },
          {
            guard: 'encryptionChanges',
            target: 'active-change-pending',
            actions: record(({ context, event }) => [
              { type: 'DatabaseUpdated', data: { uid: context.uid, changes: effectiveChanges(context, (event as UpdateEvent).changes) } },
              { type: 'DatabaseProxyRestarted', data: { uid: context.uid, reason: 'data_internode_encryption_changed' } },
            ]),
            meta: { reqs: ['ENC-DATA-002', 'ENC-DATA-003'] },
          },
          {
            target: 'active-change-pending',
            actions: record(({ context, event }) => [
              { type: 'DatabaseUpdated', data: { uid: context.uid, changes: effectiveChanges(context, (event as UpdateEvent).changes) } },
            ]),
            meta: { reqs: ['DB-LIFE-001'] },
          },
        ],
        DeleteDatabase: {
          target: 'delete-pending',
          actions: record(({ context }) => [{ type: 'DatabaseDeletionStarted', data: { uid: context.uid } }]),
          meta: { reqs: ['DB-LIFE-001'] },
        },
      },
    },
    'active-change-pending': {
      description: 'A change is being applied; further changes wait.',
      on: {
        CompleteDatabaseAction: {
          target: 'active',
          actions: record(({ context }) => [{ type: 'DatabaseChangeCompleted', data: { uid: context.uid } }]),
          meta: { reqs: ['DB-LIFE-001'] },
        },
        UpdateDatabase: busy,
        DeleteDatabase: busy,
      },
    },
    'delete-pending': {
      on: {
        CompleteDatabaseAction: {
          target: 'deleted',
          actions: record(({ context }) => [{ type: 'DatabaseDeleted', data: { uid: context.uid } }]),
          meta: { reqs: ['DB-LIFE-001'] },
        },
        UpdateDatabase: busy,
        DeleteDatabase: busy,
      },
    },
    deleted: { type: 'final' },
  },
});
