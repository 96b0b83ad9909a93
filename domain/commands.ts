/**
 * Commands: imperative, `{ type, data }`. They are the cluster machine's events. Field values
 * arrive as sent by a client (`unknown`) and are checked by the machines' guards, so bad input
 * becomes a rejection, never an exception.
 */
import type { Plane } from './state.ts';

type Cmd<T extends string, D> = { readonly type: T; readonly data: D };

export interface AlertSettingInput {
  readonly enabled?: unknown;
  readonly thresholdDays?: unknown;
}

// Operator commands (the REST API)
export type CreateCluster = Cmd<
  'CreateCluster',
  { name: unknown; hostId: string; addr: unknown; externalAddrs?: unknown; useInternalIpv6?: unknown; now: number }
>;
export type JoinNode = Cmd<'JoinNode', { hostId: string; via: unknown; addr: unknown; externalAddrs?: unknown }>;
export type SetNodeAddress = Cmd<'SetNodeAddress', { uid: string; addr: unknown }>;
export type SetNodeExternalAddresses = Cmd<'SetNodeExternalAddresses', { uid: string; externalAddrs: unknown }>;
export type RemoveNode = Cmd<'RemoveNode', { uid: string }>;
export type CreateDatabase = Cmd<
  'CreateDatabase',
  { uid?: unknown; name?: unknown; memorySize?: unknown; port?: unknown; dataInternodeEncryption?: unknown; settings?: unknown }
>;
export type UpdateDatabase = Cmd<
  'UpdateDatabase',
  { uid: string; changes: { name?: unknown; memorySize?: unknown; dataInternodeEncryption?: unknown; port?: unknown; settings?: unknown } }
>;
export type DeleteDatabase = Cmd<'DeleteDatabase', { uid: string }>;
export type SetClusterPolicy = Cmd<'SetClusterPolicy', { dataInternodeEncryption: unknown }>;
export type ConfigureCluster = Cmd<
  'ConfigureCluster',
  { cmPort?: unknown; cnmHttpPort?: unknown; cnmHttpsPort?: unknown; httpSupport?: unknown }
>;
export type SetAlertSettings = Cmd<
  'SetAlertSettings',
  { clusterCertsAboutToExpire?: AlertSettingInput; nodeInternalCertsAboutToExpire?: AlertSettingInput }
>;
export type RotateCertificates = Cmd<'RotateCertificates', { plane?: Plane }>;

// The cluster's own background work finishing (issued by the runtime, not by clients)
export type CompleteNodeRemoval = Cmd<'CompleteNodeRemoval', { uid: string }>;
export type CompleteDatabaseAction = Cmd<'CompleteDatabaseAction', { uid: string }>;

// The environment (test control on a mock; operator actions on a real cluster)
export type AddHost = Cmd<'AddHost', { hostId: string; boundAddrs: unknown }>;
export type SetHostAddresses = Cmd<'SetHostAddresses', { hostId: string; boundAddrs: unknown }>;
export type PowerOffNode = Cmd<'PowerOffNode', { uid: string }>;
export type PowerOnNode = Cmd<'PowerOnNode', { uid: string }>;
export type HoldPort = Cmd<'HoldPort', { port: unknown }>;
export type ReleasePort = Cmd<'ReleasePort', { port: unknown }>;
export type AdvanceClock = Cmd<'AdvanceClock', { now: unknown }>;

export type Command =
  | CreateCluster
  | JoinNode
  | SetNodeAddress
  | SetNodeExternalAddresses
  | RemoveNode
  | CreateDatabase
  | UpdateDatabase
  | DeleteDatabase
  | SetClusterPolicy
  | ConfigureCluster
  | SetAlertSettings
  | RotateCertificates
  | CompleteNodeRemoval
  | CompleteDatabaseAction
  | AddHost
  | SetHostAddresses
  | PowerOffNode
  | PowerOnNode
  | HoldPort
  | ReleasePort
  | AdvanceClock;

export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;
