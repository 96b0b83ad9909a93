import type { CreateDatabase } from '../../domain/commands.ts';
import type { DomainEvent } from '../../domain/events.ts';
import { reject } from '../../domain/rejections.ts';
import type { ClusterState } from '../../domain/state.ts';
import { databaseName, databasePort, databaseSettings, dataInternodeEncryption, memorySize, optional, requestedPort } from '../../domain/rules/fields.ts';
import { allocateEndpointPort, portOwner } from '../../domain/rules/ports.ts';
import { check } from './check.ts';

/** A uid given at creation: a positive integer, as a number or a string of digits. */
const parseUid = (uid: unknown): string | null => {
  if (Number.isSafeInteger(uid) && (uid as number) > 0) return String(uid);
  if (typeof uid === 'string' && /^[1-9][0-9]{0,8}$/.test(uid)) return uid;
  return null;
};

export const createDatabaseChecks = [
  // The field rules are the ones an update uses too (machines/database.machine.ts).
  check('CreateDatabase', 'dbNameInvalid', ['API-ERR-001'], (_s, d) => databaseName(d.name)),
  check('CreateDatabase', 'dbMemoryInvalid', ['API-ERR-001'], (_s, d) => memorySize(d.memorySize)),
  check('CreateDatabase', 'dbEncryptionInvalid', ['ENC-DATA-001'], (_s, d) => optional(dataInternodeEncryption)(d.dataInternodeEncryption)),
  check('CreateDatabase', 'dbSettingsInvalid', ['API-ERR-001'], (_s, d) => databaseSettings(d.settings)),
  check('CreateDatabase', 'dbUidInvalid', ['API-ERR-001'], (_s, d) =>
    d.uid === undefined || parseUid(d.uid) ? null : reject.invalidParameter('uid must be a positive integer'),
  ),
  check('CreateDatabase', 'dbUidExists', ['API-ERR-001'], (s, d) => {
    const uid = parseUid(d.uid);
    return uid && s.databases[uid] ? reject.uidExists(uid) : null;
  }),
  check('CreateDatabase', 'dbPortInvalid', ['PORT-DB-003'], (_s, d) => optional(databasePort)(requestedPort(d.port))),
  check('CreateDatabase', 'dbPortUnavailable', ['PORT-DB-002', 'PORT-DB-003', 'PORT-DB-005', 'PORT-TBL-001'], (s, d) => {
    const port = requestedPort(d.port);
    if (port === undefined) return null;
    const owner = portOwner(s, port as number);
    return owner ? reject.portUnavailable(port as number, owner) : null;
  }),
  check('CreateDatabase', 'dbRangeFull', ['PORT-DB-001', 'PORT-DB-007'], (s, d) =>
    requestedPort(d.port) === undefined && allocateEndpointPort(s) === null ? reject.noFreePort() : null,
  ),
];

export function databaseCreated(state: ClusterState, d: CreateDatabase['data']): DomainEvent[] {
  const port = requestedPort(d.port);
  const explicit = port !== undefined;
  return [
    {
      type: 'DatabaseCreationStarted',
      data: {
        uid: parseUid(d.uid) ?? String(state.nextDatabaseUid),
        name: d.name as string,
        memorySize: d.memorySize as number,
        port: explicit ? (port as number) : allocateEndpointPort(state)!,
        portAutoAssigned: !explicit,
        // The policy is only a default: it decides for a new database that does not say.
        dataInternodeEncryption: (d.dataInternodeEncryption as boolean | undefined) ?? state.policy.dataInternodeEncryption,
        ...(d.settings !== undefined && Object.keys(d.settings as object).length ? { settings: { ...(d.settings as Record<string, unknown>) } } : {}),
      },
    },
  ];
}
