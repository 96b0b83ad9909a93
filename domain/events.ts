/**
 * Domain events: past tense, `{ type, data }`. Every accepted change is one or more of these;
 * the cluster state is their fold (see `evolve.ts`).
 *
 * Versioning: each type has a schema version in `EVENT_VERSIONS`. A change of shape bumps it,
 * keeps the old shape in `events.v<N>.ts` and adds an upcaster in `upcast.ts`; type names never
 * change.
 */
import type { AddressFamily, AlertSetting, ClusterConfig, Plane } from './state.ts';

type Ev<T extends string, D> = { readonly type: T; readonly data: D };

// Cluster and environment
export type ClusterCreated = Ev<'ClusterCreated', { name: string; family: AddressFamily; caSerial: number }>;
export type ClusterConfigured = Ev<'ClusterConfigured', { changes: Partial<ClusterConfig> }>;
export type ClusterPolicyChanged = Ev<'ClusterPolicyChanged', { dataInternodeEncryption: boolean }>;
export type AlertSettingsChanged = Ev<
  'AlertSettingsChanged',
  { clusterCertsAboutToExpire?: AlertSetting; nodeInternalCertsAboutToExpire?: AlertSetting }
>;
export type ClockAdvanced = Ev<'ClockAdvanced', { now: number }>;
export type HostAdded = Ev<'HostAdded', { hostId: string; boundAddrs: string[] }>;
export type HostAddressesChanged = Ev<'HostAddressesChanged', { hostId: string; boundAddrs: string[] }>;
export type ForeignPortHeld = Ev<'ForeignPortHeld', { port: number }>;
export type ForeignPortReleased = Ev<'ForeignPortReleased', { port: number }>;

// Nodes
export type NodeJoined = Ev<'NodeJoined', { uid: string; hostId: string; addr: string; externalAddrs: string[] }>;
export type NodeAddressChanged = Ev<'NodeAddressChanged', { uid: string; addr: string; previous: string }>;
export type NodeExternalAddressesChanged = Ev<'NodeExternalAddressesChanged', { uid: string; externalAddrs: string[] }>;
export type NodeWentDown = Ev<'NodeWentDown', { uid: string }>;
export type NodeCameOnline = Ev<'NodeCameOnline', { uid: string }>;
export type NodeStartFailed = Ev<'NodeStartFailed', { uid: string; reason: 'internal_address_not_bound' }>;
export type NodeRemovalStarted = Ev<'NodeRemovalStarted', { uid: string }>;
export type NodeRemovalFailed = Ev<'NodeRemovalFailed', { uid: string; reason: string }>;
export type NodeRemoved = Ev<'NodeRemoved', { uid: string }>;

// Databases
export type DatabaseCreationStarted = Ev<
  'DatabaseCreationStarted',
  {
    uid: string;
    name: string;
    memorySize: number;
    port: number;
    portAutoAssigned: boolean;
    dataInternodeEncryption: boolean;
    /** Optional: events written before settings existed have none, and read the same. */
    settings?: Record<string, unknown>;
  }
>;
export type DatabaseCreated = Ev<'DatabaseCreated', { uid: string }>;
export type DatabaseUpdated = Ev<
  'DatabaseUpdated',
  { uid: string; changes: { name?: string; memorySize?: number; dataInternodeEncryption?: boolean; settings?: Record<string, unknown> } }
>;
export type DatabaseProxyRestarted = Ev<'DatabaseProxyRestarted', { uid: string; reason: 'data_internode_encryption_changed' }>;
export type DatabaseChangeCompleted = Ev<'DatabaseChangeCompleted', { uid: string }>;
export type DatabaseDeletionStarted = Ev<'DatabaseDeletionStarted', { uid: string }>;
export type DatabaseDeleted = Ev<'DatabaseDeleted', { uid: string }>;

// Certificates
export type CertificateIssued = Ev<
  'CertificateIssued',
  {
    nodeUid: string;
    plane: Plane;
    serial: number;
    notBefore: number;
    notAfter: number;
    reason: 'join' | 'scheduled' | 'manual';
  }
>;
export type CertificateExpiryAlertRaised = Ev<'CertificateExpiryAlertRaised', { nodeUid: string; plane: Plane; daysLeft: number }>;
export type CertificateExpiryAlertCleared = Ev<'CertificateExpiryAlertCleared', { nodeUid: string; plane: Plane }>;
export type CertificateExpired = Ev<'CertificateExpired', { nodeUid: string; plane: Plane }>;

export type DomainEvent =
  | ClusterCreated
  | ClusterConfigured
  | ClusterPolicyChanged
  | AlertSettingsChanged
  | ClockAdvanced
  | HostAdded
  | HostAddressesChanged
  | ForeignPortHeld
  | ForeignPortReleased
  | NodeJoined
  | NodeAddressChanged
  | NodeExternalAddressesChanged
  | NodeWentDown
  | NodeCameOnline
  | NodeStartFailed
  | NodeRemovalStarted
  | NodeRemovalFailed
  | NodeRemoved
  | DatabaseCreationStarted
  | DatabaseCreated
  | DatabaseUpdated
  | DatabaseProxyRestarted
  | DatabaseChangeCompleted
  | DatabaseDeletionStarted
  | DatabaseDeleted
  | CertificateIssued
  | CertificateExpiryAlertRaised
  | CertificateExpiryAlertCleared
  | CertificateExpired;

export type EventType = DomainEvent['type'];
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;

/** Current schema version of each event type. */
export const EVENT_VERSIONS: Readonly<Record<EventType, number>> = {
  ClusterCreated: 1,
  ClusterConfigured: 1,
  ClusterPolicyChanged: 1,
  AlertSettingsChanged: 1,
  ClockAdvanced: 1,
  HostAdded: 1,
  HostAddressesChanged: 1,
  ForeignPortHeld: 1,
  ForeignPortReleased: 1,
  NodeJoined: 1,
  NodeAddressChanged: 1,
  NodeExternalAddressesChanged: 1,
  NodeWentDown: 1,
  NodeCameOnline: 1,
  NodeStartFailed: 1,
  NodeRemovalStarted: 1,
  NodeRemovalFailed: 1,
  NodeRemoved: 1,
  DatabaseCreationStarted: 1,
  DatabaseCreated: 1,
  DatabaseUpdated: 1,
  DatabaseProxyRestarted: 1,
  DatabaseChangeCompleted: 1,
  DatabaseDeletionStarted: 1,
  DatabaseDeleted: 1,
  CertificateIssued: 1,
  CertificateExpiryAlertRaised: 1,
  CertificateExpiryAlertCleared: 1,
  CertificateExpired: 1,
};

/** An event as stored: its place in the log, its schema version and when it happened. */
export interface RecordedEvent<E extends DomainEvent = DomainEvent> {
  /** 1-based position in the log. */
  readonly position: number;
  readonly type: E['type'];
  readonly version: number;
  readonly data: E['data'];
  /** Cluster clock when the event happened, epoch milliseconds. */
  readonly time: number;
}
