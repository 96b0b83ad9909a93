import type { SuiteCommand } from './commands/command.ts';
import { CreateDatabase } from './commands/createDatabase.ts';
import { DeleteDatabase } from './commands/deleteDatabase.ts';
import { PowerNode } from './commands/powerNode.ts';
import { RemoveNode } from './commands/removeNode.ts';
import { SetExternalAddresses } from './commands/setExternalAddresses.ts';
import { SetNodeAddress } from './commands/setNodeAddress.ts';
import { UpdateDatabase } from './commands/updateDatabase.ts';
import { WhileHeld } from './commands/whileHeld.ts';

/**
 * Every command into every in-progress state (where the target holds its work): a database being
 * created, changed without and with its encryption, and deleted, each sent an update and a delete
 * while in that state; a node being removed, sent its removal again, an address change, new
 * external addresses and a power-on. Every step
 * waits for the cluster's work, so without a hold no sequence sees these states or sends a command
 * into them: a cluster that skipped one, or took the second change, went unseen (issue 17).
 */
export const inProgressSeeds = (): SuiteCommand[][] => [
  [
    new WhileHeld(new CreateDatabase({ name: 'db' }), new UpdateDatabase(0, { name: 'renamed' }), new DeleteDatabase(0)),
    new WhileHeld(new UpdateDatabase(0, { name: 'cache' }), new DeleteDatabase(0), new UpdateDatabase(0, { memory_size: 209_715_200 })),
    new WhileHeld(new UpdateDatabase(0, { data_internode_encryption: true }), new UpdateDatabase(0, { data_internode_encryption: false })),
    new WhileHeld(new DeleteDatabase(0), new UpdateDatabase(0, { name: 'sessions' }), new DeleteDatabase(0)),
    new WhileHeld(new RemoveNode(1), new RemoveNode(1), new SetNodeAddress(1, '10.0.0.99'), new SetExternalAddresses(1, ['203.0.113.9']), new PowerNode(1, true)),
  ],
];
