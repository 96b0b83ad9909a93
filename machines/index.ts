// The machines: the executable specification
export { certificateMachine } from './certificate.machine.ts';
export type { CertificateMachineEvent } from './certificate.machine.ts';
export { clusterMachine, clusterSnapshot } from './cluster.machine.ts';
export { databaseMachine } from './database.machine.ts';
export type { DatabaseChangeRequest, DatabaseMachineEvent } from './database.machine.ts';
export { nodeMachine } from './node.machine.ts';
export type { NodeMachineEvent, TakenAddresses } from './node.machine.ts';

// Reading verdicts and structure
export type { Outcome } from './outcome.ts';
export { outcomeOf } from './outcome.ts';
export { allStateNodes, allTransitions, describeTransition, requirementsOf } from './introspect.ts';

// The rules the guards apply
export { canonicalAddress, externalAddressProblem, parseAddress } from './rules/address.ts';
export type { ParsedAddress } from './rules/address.ts';
export { belowThreshold, DAY_MS, DEFAULT_ALERT_DAYS, isExpired, ROTATE_AFTER_DAYS, rotationDue, VALIDITY_DAYS } from './rules/certificates.ts';
export { isValidDatabaseName } from './rules/names.ts';
export { allocateEndpointPort, CLUSTER_PORT_RANGE, ENDPOINT_RANGE, portOwner, SYSTEM_RESERVED } from './rules/ports.ts';
export { INTERNODE_TLS } from './rules/tls.ts';
