import type { StepCommand } from './commands/command.ts';
import { CreateDatabase } from './commands/createDatabase.ts';
import { UpdateDatabase, ValueOf } from './commands/updateDatabase.ts';

/**
 * Two sequences that send every kind of value an update may carry (as `arbitraries.ts` draws
 * them), on two databases: a rename to a fresh name, to another database's and to its own; a
 * malformed name; a new memory size, the one it has, and each kind that is not a positive integer;
 * settings; each alone, and beside an encryption change, so that one bad field refuses a request
 * whose other field is valid. The graph seeds reach each transition of an update once, with
 * whichever field reaches it first; a rule that ignores a rename, or lets one field's problem hide
 * another's, went unseen (issue 17). A data-plane recheck sees every accepted one keep or drop its
 * clients as the model says.
 */
export const updateSeeds = (): StepCommand[][] => [
  [
    new CreateDatabase({ name: 'db' }),
    new CreateDatabase({ name: 'cache' }),
    new UpdateDatabase(0, { name: 'renamed' }),
    new UpdateDatabase(0, { name: '-bad' }),
    new UpdateDatabase(0, { name: 'bad_name', data_internode_encryption: true }),
    new UpdateDatabase(0, { name: new ValueOf('another') }),
    new UpdateDatabase(1, { name: new ValueOf('own'), memory_size: new ValueOf('own') }),
    new UpdateDatabase(1, { name: 'sessions', data_internode_encryption: true }),
  ],
  [
    new CreateDatabase({ name: 'db' }),
    new UpdateDatabase(0, { memory_size: 209_715_200 }),
    new UpdateDatabase(0, { memory_size: 0, data_internode_encryption: true }),
    new UpdateDatabase(0, { memory_size: -1 }),
    new UpdateDatabase(0, { memory_size: '200mb' }),
    new UpdateDatabase(0, { memory_size: 1.5 }),
    new UpdateDatabase(0, { settings: { eviction_policy: 'allkeys-lru' } }),
    new UpdateDatabase(0, { settings: { eviction_policy: 'sometimes' }, data_internode_encryption: true }),
    new UpdateDatabase(0, { memory_size: 104_857_600, settings: { eviction_policy: 'noeviction' }, data_internode_encryption: true }),
  ],
];
