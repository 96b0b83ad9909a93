export { rladmin, DEFAULT_WAITING } from './rladmin.ts';
export { runCli, USAGE } from './cli.ts';
export { connect, DEFAULT_TARGET, BadConnection, type ConnectionOptions } from './connection.ts';
export { COMMANDS, UPDATED, FINISHED, CONFIGURED, nodesTable, databasesTable, endpointsTable, type Api, type Command, type Context } from './commands/index.ts';
export { compile, match, type Match, type Pattern, type Values } from './grammar.ts';
export { table } from './table.ts';
export type { Outcome } from './outcome.ts';
export type { Waiting } from './wait.ts';
