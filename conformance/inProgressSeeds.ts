import type { SuiteCommand } from './commands/command.ts';
import { CreateDatabase } from './commands/createDatabase.ts';
import { DeleteDatabase } from './commands/deleteDatabase.ts';
import { RemoveNode } from './commands/removeNode.ts';
import { UpdateDatabase } from './commands/updateDatabase.ts';
import { WhileHeld } from './commands/whileHeld.ts';

/**
 * Every in-progress state a command can meet, once each (where the target holds its work): a
 * database being created, changed without and with its encryption, and deleted, each sent an
 * update or a delete while in that state; a node being removed, sent its removal again. Every step
 * waits for the cluster's work, so without a hold no sequence sees these states or sends a command
 * into them: a cluster that skipped one, or took the second change, went unseen (issue 17).
 */
export const inProgressSeeds = (): SuiteCommand[][] => [
  [
    new WhileHeld(new CreateDatabase({ name: 'db' }), new UpdateDatabase(0, { name: 'renamed' })),
    new WhileHeld(new UpdateDatabase(0, { name: 'cache' }), new DeleteDatabase(0)),
    new WhileHeld(new UpdateDatabase(0, { data_internode_encryption: true }), new UpdateDatabase(0, { memory_size: 209_715_200 })),
    new WhileHeld(new UpdateDatabase(0, { data_internode_encryption: false }), new UpdateDatabase(0, { data_internode_encryption: true })),
    new WhileHeld(new DeleteDatabase(0), new UpdateDatabase(0, { name: 'sessions' })),
    new WhileHeld(new RemoveNode(1), new RemoveNode(1)),
  ],
];
