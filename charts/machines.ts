import type { AnyStateMachine } from 'xstate';
import { certificateMachine, clusterMachine, databaseMachine, nodeMachine } from '../machines/index.ts';

/** The machines that are charted, by the file name their chart gets. */
export const CHARTED: Readonly<Record<string, AnyStateMachine>> = {
  cluster: clusterMachine,
  node: nodeMachine,
  database: databaseMachine,
  certificate: certificateMachine,
};
