import fc from 'fast-check';
import { AREAS } from '../arbitraries.ts';

/**
 * The machine events each of the suite's commands can cause: its own request, and the work the
 * cluster does after it (a database's create completing, a node's removal, the clock's effect on
 * certificates). Keyed by the command's class; a test holds every area's commands to this table.
 */
export const CAUSES: Readonly<Record<string, readonly string[]>> = {
  AdvanceClock: ['AdvanceClock', 'ClockAdvanced'],
  ClockToEdge: ['AdvanceClock', 'ClockAdvanced'],
  BindHostAddresses: ['SetHostAddresses'],
  ConfigureApiPort: ['ConfigureCluster'],
  // Malformed control requests: compared by their answers and the state after, never counted as
  // transitions taken (most have no command in the model; AddHost's other refusals no request reaches).
  ControlRefusal: [],
  ConfigureCluster: ['ConfigureCluster'],
  CreateDatabase: ['CreateDatabase', 'CompleteDatabaseAction'],
  DeleteDatabase: ['DeleteDatabase', 'CompleteDatabaseAction'],
  DryRun: ['CreateDatabase', 'ConfigureCluster'],
  GetOne: [],
  HoldPort: ['HoldPort', 'ReleasePort'],
  InterruptRemoval: ['RemoveNode', 'PowerOffNode', 'CompleteNodeRemoval'],
  // As the areas draw it (the databases area): a change and another to the same database.
  WhileHeld: ['UpdateDatabase', 'DeleteDatabase', 'CompleteDatabaseAction'],
  JoinNode: ['JoinNode'],
  PowerNode: ['PowerOffNode', 'PowerOnNode', 'ClockAdvanced'],
  QueryLogs: [],
  RemoveNode: ['RemoveNode', 'CompleteNodeRemoval'],
  RotateCertificates: ['RotateCertificates'],
  RotatePlane: ['RotateCertificates'],
  SetCertificateAlert: ['SetAlertSettings', 'AlertThresholdChanged'],
  SetEncryptionPolicy: ['SetClusterPolicy'],
  SetExternalAddresses: ['SetNodeExternalAddresses'],
  SetNodeAddress: ['SetNodeAddress'],
  UpdateDatabase: ['UpdateDatabase', 'CompleteDatabaseAction'],
};

/** The checks' own requests that the machines decide. */
const CHECK_CAUSES: Readonly<Record<string, readonly string[]>> = {
  'node-certificates': ['RotateCertificates'],
  'plane-rotation': ['RotateCertificates'],
  'http-support': ['ConfigureCluster'],
};

/** The class of each command an area sends (every value of a command arbitrary has one class). */
export const commandClasses = (area: (typeof AREAS)[number]): string[] => area.commands.map((a) => (fc.sample(a, { numRuns: 1, seed: 1 })[0] as object).constructor.name);

/**
 * The events the selected areas and checks can cause; undefined when one of their commands is
 * not in `CAUSES` (then every transition counts as reachable: a gap is shown, never hidden).
 */
export function selectionEvents(names: readonly string[]): Set<string> | undefined {
  const events = new Set<string>(['*']);
  for (const name of names) {
    for (const e of CHECK_CAUSES[name] ?? []) events.add(e);
    const area = AREAS.find((a) => a.name === name);
    for (const c of area ? commandClasses(area) : []) {
      const causes = CAUSES[c];
      if (!causes) return undefined;
      for (const e of causes) events.add(e);
    }
  }
  return events;
}

/** The event a transition's description (`machines/introspect.ts`) names. */
export const eventOf = (description: string): string => /--([^\s[-]+)/.exec(description)?.[1] ?? '';
