import { describe, expect, it } from 'vitest';
import { Mismatch } from '../mismatch.ts';
import { UNSENT_INPUTS } from '../mutants/unsentInputs.ts';
import { started } from '../testing/started.ts';
import { CreateDatabase } from './createDatabase.ts';
import { QueryLogs } from './queryLogs.ts';

const limitIgnored = UNSENT_INPUTS.find((m) => m.name === 'log-limit-ignored')!;

describe('log queries (API-LOG-001)', () => {
  it('agree on the mock with the full log filtered, ordered, offset then limited; malformed values are refused', async () => {
    const { target, model } = await started();
    try {
      await new CreateDatabase({ name: 'db' }).run(model, target);
      const queries = [
        new QueryLogs({ stime: { entry: 3, shift: 0 }, etime: { entry: 9, shift: 0 }, order: 'desc', limit: 2, offset: 1 }),
        new QueryLogs({ stime: { entry: 3, shift: 1 }, order: 'asc' }),
        new QueryLogs({ etime: 'before-all' }),
        new QueryLogs({ offset: 1000 }),
        new QueryLogs({ param: 'limit', value: '-1' }),
        new QueryLogs({ param: 'order', value: 'up' }),
        new QueryLogs({ param: 'stime', value: 'yesterday' }),
      ];
      for (const q of queries) await q.run(model, target);
      expect(model.trace.slice(-3).map((t) => t.actual)).toEqual(['400 invalid_parameter', '400 invalid_parameter', '400 invalid_parameter']);
      // The page is compared for real: the mock's answer to a limited query is that many entries.
      const page = await target.api('GET', '/v1/logs?order=desc&limit=2');
      expect(page.body).toHaveLength(2);
    } finally {
      await target.close();
    }
  });

  it('catches a target that ignores the limit', async () => {
    const { target, model } = await started({ mutant: limitIgnored });
    try {
      const failure = await new QueryLogs({ limit: 2 }).run(model, target).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(Mismatch);
      expect((failure as Mismatch).step).toMatch(/^GET \/v1\/logs\?limit=2 after QueryLogs/);
      expect((failure as Mismatch).reqs).toContain('API-LOG-001');
    } finally {
      await target.close();
    }
  });
});
