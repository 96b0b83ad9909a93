// The ground floor: what a cluster is, what may be asked of it and what happened to it.
// Pure; imports nothing of the project.

// Commands and events
export type { Command, CommandOf, CommandType } from './commands.ts';
export type { DomainEvent, EventOf, EventType, RecordedEvent } from './events.ts';
export { EVENT_VERSIONS } from './events.ts';
export { UnknownEventVersion, upcast } from './upcast.ts';

// State and its fold
export type {
  AddressFamily,
  AlertSetting,
  CertificateState,
  CertificateStatus,
  ClusterConfig,
  ClusterState,
  DatabaseState,
  DatabaseStatus,
  HostState,
  NodeState,
  NodeStatus,
  Plane,
  RemovalStatus,
} from './state.ts';
export { certificateKey, DEFAULT_CONFIG, initialState, PLANES } from './state.ts';
export { evolve } from './evolve/index.ts';

// Refusals, as data
export type { Rejection } from './rejections.ts';
export { reject } from './rejections.ts';

// The rules the machines' guards apply
export { canonicalAddress, externalAddressProblem, parseAddress } from './rules/address.ts';
export type { ParsedAddress } from './rules/address.ts';
export { belowThreshold, DAY_MS, DEFAULT_ALERT_DAYS, isExpired, ROTATE_AFTER_DAYS, rotationDue, VALIDITY_DAYS } from './rules/certificates.ts';
export { isValidDatabaseName } from './rules/names.ts';
export { allocateEndpointPort, CLUSTER_PORT_RANGE, ENDPOINT_RANGE, portOwner, SYSTEM_RESERVED } from './rules/ports.ts';
export { INTERNODE_TLS } from './rules/tls.ts';

// Which request carries each command
export type { ClusterCause, CommandSource, Method, RequestForm, Via } from './requests.ts';
export { describeSource, requestFormOf, requestTo, SOURCES } from './requests.ts';
