import { clusterConfigCommands } from './clusterConfig.ts';
import type { Command } from './command.ts';
import { nodeAddressCommands } from './nodeAddress.ts';
import { nodeRemoveCommand } from './nodeRemove.ts';
import { statusCommands } from './status.ts';
import { tuneCommands } from './tune.ts';

/** Every command, in the order the usage lists them. */
export const COMMANDS: readonly Command[] = [...nodeAddressCommands, nodeRemoveCommand, ...tuneCommands, ...clusterConfigCommands, ...statusCommands];

export type { Api, Command, Context } from './command.ts';
export { UPDATED } from './nodeAddress.ts';
export { FINISHED } from './tune.ts';
export { CONFIGURED } from './clusterConfig.ts';
export { nodesTable, databasesTable, endpointsTable, memory } from './statusTables.ts';
