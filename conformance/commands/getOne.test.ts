import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Mutant } from '../mutants/mutant.ts';
import { Mismatch } from '../mismatch.ts';
import { UNSENT_INPUTS } from '../mutants/unsentInputs.ts';
import { started } from '../testing/started.ts';
import { MISSING } from './command.ts';
import { CreateDatabase } from './createDatabase.ts';
import { DeleteDatabase } from './deleteDatabase.ts';
import { GetOne, LAST_WRITTEN } from './getOne.ts';
import { PowerNode } from './powerNode.ts';
import { UpdateDatabase } from './updateDatabase.ts';

const stale = UNSENT_INPUTS.find((m) => m.name === 'stale-single-database-read')!;

describe('single-object reads', () => {
  it('predict each node, database and node alert as the list shows it, and 404 for a missing one, changing nothing', async () => {
    const { target, model } = await started();
    try {
      await new CreateDatabase({ name: 'db' }).run(model, target);
      const state = model.state;
      const log = model.logLength;
      for (const read of [new GetOne('node', 1), new GetOne('bdb', 0), new GetOne('node-alerts', 2), new GetOne('node', MISSING), new GetOne('bdb', MISSING), new GetOne('node-alerts', MISSING)]) {
        expect(read.check(model)).toBe(true);
        await read.run(model, target);
      }
      expect(model.state).toBe(state);
      expect(model.logLength).toBe(log);
      // What was sent: the target's uids, and a uid no entity has.
      expect(model.trace.slice(-6).map((t) => `${t.path} ${t.actual}`)).toEqual([
        '/v1/nodes/2 200',
        '/v1/bdbs/1 200',
        '/v1/nodes/alerts/3 200',
        '/v1/nodes/1003 404 node_not_found',
        '/v1/bdbs/1001 404 bdb_not_found',
        '/v1/nodes/alerts/1003 404 node_not_found',
      ]);
    } finally {
      await target.close();
    }
  });

  it('does not apply to a database while there is none', async () => {
    const { target, model } = await started();
    await target.close();
    expect(new GetOne('bdb', 0).check(model)).toBe(false);
    expect(new GetOne('bdb', MISSING).check(model)).toBe(true);
  });

  it('catches a database read alone that is stale', async () => {
    const { target, model } = await started({ mutant: stale });
    try {
      await new CreateDatabase({ name: 'db' }).run(model, target);
      await new GetOne('bdb', 0).run(model, target);
      await new UpdateDatabase(0, { data_internode_encryption: true }).run(model, target);
      const failure = await new GetOne('bdb', 0).run(model, target).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(Mismatch);
      expect((failure as Mismatch).reqs).toContain('DB-LIFE-001');
      expect((failure as Mismatch).actual).toMatchObject({ data_internode_encryption: false });
    } finally {
      await target.close();
    }
  });

  it("catches a node alert read alone whose object is not the list's (its setting)", async () => {
    const settingLost: Mutant = {
      name: 'node-alert-read-alone-disabled',
      breaks: 'CERT-ALR-002',
      description: 'answers a node alert read alone as disabled',
      handlers: (_cluster, through) => [
        http.get('*/v1/nodes/alerts/:uid', async ({ request }) => {
          const own = (await (await through(new Request(request.url, { headers: request.headers }))).json()) as any;
          return HttpResponse.json({ node_internal_certs_about_to_expire: { ...own.node_internal_certs_about_to_expire, enabled: false } });
        }),
      ],
    };
    const { target, model } = await started({ mutant: settingLost });
    try {
      const failure = await new GetOne('node-alerts', 0).run(model, target).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(Mismatch);
      expect((failure as Mismatch).reqs).toEqual(['CERT-ALR-002']);
      expect((failure as Mismatch).message).toMatch(/node_internal_certs_about_to_expire.enabled/);
    } finally {
      await target.close();
    }
  });
});

describe('a read after a write', () => {
  it('names the entity the last change was about, and predicts 404 once it is gone', async () => {
    const { target, model } = await started();
    try {
      const read = new GetOne('bdb', LAST_WRITTEN);
      await new CreateDatabase({ name: 'db' }).run(model, target);
      // A creation names no uid in its path: there is nothing written to read yet.
      expect(read.check(model)).toBe(false);
      await new UpdateDatabase(0, { data_internode_encryption: true }).run(model, target);
      await read.run(model, target);
      await new DeleteDatabase(0).run(model, target);
      await read.run(model, target);
      await new PowerNode(2, false).run(model, target);
      await new GetOne('node', LAST_WRITTEN).run(model, target);
      expect(model.trace.filter((t) => t.method === 'GET').map((t) => `${t.path} ${t.actual}`)).toEqual(['/v1/bdbs/1 200', '/v1/bdbs/1 404 bdb_not_found', '/v1/nodes/3 200']);
    } finally {
      await target.close();
    }
  });
});
