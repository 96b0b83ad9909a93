import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { inProgressSeeds } from '../inProgressSeeds.ts';
import { Mismatch } from '../mismatch.ts';
import type { Model } from '../model.ts';
import type { Mutant } from '../mutants/mutant.ts';
import { resetStart } from '../start/reset.ts';
import { inProcessTarget } from '../target/inProcess.ts';
import { MOCK_CAPABILITIES } from '../testing/started.ts';
import { CreateDatabase } from './createDatabase.ts';
import { UpdateDatabase } from './updateDatabase.ts';
import { WhileHeld } from './whileHeld.ts';

const TOPOLOGY = { nodes: 3, spareHosts: 1 };

/** Applies a change to a database at once, as if it were never pending: the hold does not show it. */
const changeNeverPending: Mutant = {
  name: 'change-never-pending',
  breaks: 'DB-LIFE-001',
  description: 'a database change is applied at once, never active-change-pending',
  handlers: (cluster, through) => [
    http.put('*/v1/bdbs/:uid', async ({ request }) => {
      const answer = await through(request);
      cluster.settle();
      return answer;
    }),
  ],
};

/** Answers a change to a database whose previous change is under way as taken, and changes nothing. */
const busyTaken: Mutant = {
  name: 'busy-change-taken',
  breaks: 'DB-LIFE-002',
  description: 'a change sent while the previous one is in progress is answered 200 and ignored',
  handlers: (cluster, through) => [
    http.put('*/v1/bdbs/:uid', async ({ request, params }) => {
      const db = cluster.state.databases[String(params.uid)];
      if (db && db.status !== 'active') return HttpResponse.json({ uid: Number(db.uid), status: db.status });
      return through(request);
    }),
  ],
};

async function runSeed(mutant?: Mutant, seen?: (m: Model, label: string) => void): Promise<Model> {
  const target = inProcessTarget(mutant ? { mutant } : {});
  try {
    const model = await resetStart(target, MOCK_CAPABILITIES, TOPOLOGY).prepare();
    for (const command of inProgressSeeds()[0]!) {
      expect(command.check(model)).toBe(true);
      await command.run(model, target);
      seen?.(model, command.toString());
    }
    return model;
  } finally {
    await target.close();
  }
}

describe('WhileHeld', () => {
  it('[DB-LIFE-002] [NODE-LIFE-003] sends commands into every in-progress state, refused as the model says, and releases', async () => {
    const model = await runSeed(undefined, (m) => expect(m.workHeld).toBe(false));
    // The refusals the model predicted, and the target answered alike (runStep compares them).
    const refused = model.trace.filter((t) => t.via === 'api' && /^409/.test(String(t.expected))).map((t) => `${t.method} ${t.expected}`);
    expect(refused.map((r) => r.replace(' 409 busy', ''))).toEqual([
      ...['PUT', 'DELETE'], // being created
      ...['DELETE', 'PUT'], // being changed
      'PUT', // being changed, its encryption too
      ...['PUT', 'DELETE'], // being deleted
      'POST 409 action_in_progress',
      'PUT 409 action_in_progress',
      'PUT 409 action_in_progress',
    ]);
    // Settled: the database deleted, the node removed.
    expect(Object.keys(model.state.databases)).toEqual([]);
    expect(model.state.removals['2']).toBe('completed');
    const holds = model.trace.filter((t) => t.path === '/work').map((t) => (t.body as { hold: boolean }).hold);
    expect(holds).toEqual(Array(5).fill([true, false]).flat());
  });

  it('catches a target whose database change is never seen pending', async () => {
    await expect(runSeed(changeNeverPending)).rejects.toBeInstanceOf(Mismatch);
  });

  it('catches a target that takes a change sent while the previous one is under way', async () => {
    await expect(runSeed(busyTaken)).rejects.toThrow(/should be refused/);
  });

  it('is not sent to a target that cannot hold its work, and names both steps', async () => {
    const target = inProcessTarget();
    try {
      const have = new Set([...MOCK_CAPABILITIES].filter((c) => c !== 'hold-work'));
      const model = await resetStart(target, have, TOPOLOGY).prepare();
      const command = new WhileHeld(new CreateDatabase({ name: 'db' }), new UpdateDatabase(0, { name: 'renamed' }));
      expect(command.check(model)).toBe(false);
      expect(command.needs).toContain('hold-work');
      expect(command.toString()).toMatch(/CreateDatabase.*UpdateDatabase\(db/);
    } finally {
      await target.close();
    }
  });
});
