import type { Target } from '../../api/target.ts';
import { SYSTEM_RESERVED } from '../../domain/rules/ports.ts';
import { CreateDatabase } from '../commands/createDatabase.ts';
import { resetStart } from '../start/reset.ts';
import type { Check } from './check.ts';

/** Both edges of every range of the documents' port table, once each. */
export const RESERVED_EDGES: readonly number[] = [...new Set(SYSTEM_RESERVED.flatMap((r) => [r.from, r.to]))];

/**
 * The whole table of ports the cluster uses itself (PORT-TBL-001, the documents' network port
 * configuration), not a draw of it: from a reset, a database asked for at each edge of each
 * range, each refused with what the model predicts and nothing changed (the step reads the state
 * and the log after each). The sequences draw a reserved port now and then; a range a target
 * forgot, or a bound one off by one, is found here on every run.
 */
export const reservedPorts: Check = {
  name: 'reserved-ports',
  title: 'Every range of the port table refused to a database, at both edges',
  needs: ['reset'],
  reqs: ['PORT-TBL-001', 'PORT-DB-005'],
  async run(target: Target): Promise<void> {
    const model = await resetStart(target, new Set(['reset']), { nodes: 1, spareHosts: 0 }).prepare();
    model.profile = 'documented';
    for (const port of RESERVED_EDGES) await new CreateDatabase({ name: 'db', port }).run(model, target);
  },
};
