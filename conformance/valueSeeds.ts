import type { StepCommand } from './commands/command.ts';
import { CreateDatabase } from './commands/createDatabase.ts';
import { DeleteDatabase } from './commands/deleteDatabase.ts';
import { RotatePlane } from './commands/rotatePlane.ts';
import { settingValues } from './settingValues.ts';

/**
 * Every kind of name a rotate request may carry, as `inputArbitraries.ts` draws them: each plane's,
 * none (no body), another certificate's, and one that is not a string (400, not 403).
 */
export const ROTATION_NAMES: readonly unknown[] = ['ccs_internode_encryption', 'data_internode_encryption', undefined, 'proxy', 7];

/** The longest value seed: a refused creation changes nothing, so many fit in one sequence. */
const LENGTH = 10;

/**
 * Sequences that send every documented database setting (conformance/settingValues.ts) at least
 * once with each kind of value: all of them allowed at once, twice (each field's first and second
 * allowed value: stored and read back), and each field alone with its first value not allowed
 * (refused, nothing changed). The graph seeds reach every machine transition but not every value a
 * rule weighs, and random sequences at a small budget send a setting in a third of their
 * creations, one to three fields of thirty: most fields, and a rule that refuses a valid string or
 * accepts a wrong type, went unseen (issue 17).
 */
export function settingSeeds(): StepCommand[][] {
  const table = settingValues();
  const fields = Object.keys(table);
  const allowed = (k: number) => Object.fromEntries(fields.flatMap((f) => (table[f]!.valid.length > k ? [[f, table[f]!.valid[k]]] : [])));
  const refused = fields.flatMap((f) => table[f]!.invalid.slice(0, 1).map((v) => new CreateDatabase({ name: 'db', settings: { [f]: v } })));
  const seeds: StepCommand[][] = [[new CreateDatabase({ name: 'db', settings: allowed(0) }), new DeleteDatabase(0), new CreateDatabase({ name: 'cache', settings: allowed(1) })]];
  for (let i = 0; i < refused.length; i += LENGTH) seeds.push(refused.slice(i, i + LENGTH));
  return seeds;
}

/** One sequence rotating by every kind of name: the random runs draw one of five names now and then. */
export const rotationSeeds = (): StepCommand[][] => [ROTATION_NAMES.map((name) => new RotatePlane(name))];
