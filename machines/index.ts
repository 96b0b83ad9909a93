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
export type { Decision } from './decide.ts';
export { decide } from './decide.ts';
