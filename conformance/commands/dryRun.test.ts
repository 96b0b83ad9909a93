import { describe, expect, it } from 'vitest';
import { Mismatch } from '../mismatch.ts';
import { UNSENT_INPUTS } from '../mutants/unsentInputs.ts';
import { started } from '../testing/started.ts';
import { ConfigureCluster } from './configureCluster.ts';
import { CreateDatabase } from './createDatabase.ts';
import { DryRun } from './dryRun.ts';

const applied = UNSENT_INPUTS.find((m) => m.name === 'dry-run-applied')!;

describe('dry runs', () => {
  it('are decided as without dry_run and change nothing: no database, no setting, no log entry', async () => {
    const { target, model } = await started();
    try {
      await new CreateDatabase({ name: 'db', port: 12000 }).run(model, target);
      const state = model.state;
      const log = model.logLength;
      const runs = [
        new DryRun(new CreateDatabase({ name: 'db2' })),
        new DryRun(new CreateDatabase({ name: 'db2', port: 12000 })),
        new DryRun(new CreateDatabase({ name: '-bad' })),
        new DryRun(new ConfigureCluster('cm_port', 8500)),
        new DryRun(new ConfigureCluster('cm_port', 80)),
        new DryRun(new ConfigureCluster('http_support', false)),
      ];
      for (const r of runs) await r.run(model, target);
      expect(model.trace.slice(-6).map((t) => `${t.method} ${t.path} ${t.actual}`)).toEqual([
        'POST /v1/bdbs?dry_run=1 200',
        'POST /v1/bdbs?dry_run=1 406 port_unavailable',
        'POST /v1/bdbs?dry_run=1 400 invalid_db_name',
        'PUT /v1/cluster?dry_run=1 200',
        'PUT /v1/cluster?dry_run=1 400 invalid_port',
        'PUT /v1/cluster?dry_run=1 200',
      ]);
      expect(model.state).toBe(state);
      expect(model.logLength).toBe(log);
      expect(target.cluster.state.config.cmPort).toBe(state.config.cmPort);
      expect(Object.keys(target.cluster.state.databases)).toHaveLength(1);
    } finally {
      await target.close();
    }
  });

  it('catch a target that applies a dry run for real', async () => {
    const { target, model } = await started({ mutant: applied });
    try {
      const failure = await new DryRun(new CreateDatabase({ name: 'db' })).run(model, target).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(Mismatch);
      expect((failure as Mismatch).reqs).toContain('API-DRY-001');
    } finally {
      await target.close();
    }
  });
});
