import { setup } from 'xstate';
import type { DatabaseUpdated } from '../domain/events.ts';
import { applyToDatabase } from '../domain/evolve/database.ts';
import { reject, type Rejection } from '../domain/rejections.ts';
import type { DatabaseState } from '../domain/state.ts';
import { recorder, sharedActions } from './record.ts';
import { AUTO_PORT, databaseName, databasePort, databaseSettings, dataInternodeEncryption, memorySize, optional } from '../domain/rules/fields.ts';
import { checker, guardsOf, refusal, refusals } from './checks.ts';

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

const check = checker<DatabaseState, DatabaseMachineEvent>();

/**
 * The first field of a change that a new database would be refused for: each is checked by the
 * very rule that checks it at creation (machines/cluster/databases.ts). The port is only checked
 * when it changes, which is refused anyway: it is fixed once created.
 */
function changeProblem(db: DatabaseState, c: DatabaseChangeRequest): Rejection | null {
  return (
    optional(databaseName)(c.name) ??
    optional(memorySize)(c.memorySize) ??
    optional(dataInternodeEncryption)(c.dataInternodeEncryption) ??
    databaseSettings(c.settings) ??
    // 0 asks the cluster to choose (PORT-DB-007): a valid value, refused below as a change.
    (portChanged(db, c.port) && c.port !== AUTO_PORT ? databasePort(c.port) : null)
  );
}

const updateChecks = [
  check('UpdateDatabase', 'changeInvalid', ['API-ERR-001'], (c, e) => changeProblem(c, e.changes)),
  check('UpdateDatabase', 'portChanged', ['PORT-DB-004'], (c, e) => (portChanged(c, e.changes.port) ? reject.portChangeNotAllowed(c.uid) : null)),
];

/** Any change while a create, change or delete is pending. */
const busy = refusal<DatabaseState, DatabaseMachineEvent>(['DB-LIFE-002'], (c) => reject.busy(c.uid, c.status));

export const databaseMachine = setup({
  types: {
    context: {} as DatabaseState,
    input: {} as DatabaseState,
    events: {} as DatabaseMachineEvent,
  },
  actions: sharedActions,
  guards: {
    ...guardsOf(updateChecks),
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
          ...refusals(updateChecks),
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
