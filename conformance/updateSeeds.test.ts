import { describe, expect, it } from 'vitest';
import { runOnModel } from './testing/modelRun.ts';
import { updateSeeds } from './updateSeeds.ts';

/** What each update of the seeds sent and what the model made of it. */
function outcomes() {
  const seen: { body: Record<string, unknown>; ok: boolean; error?: string; restarts: number; renamedTo?: string; others: string[] }[] = [];
  for (const seed of updateSeeds()) {
    runOnModel(seed, ({ before, spec }) => {
      if (spec.commands[0]!.type !== 'UpdateDatabase') return;
      const { decision } = before.predict(spec.commands);
      const uid = (spec.commands[0]!.data as { uid: string }).uid;
      const others = Object.values(before.state.databases).filter((d) => d.uid !== uid).map((d) => d.name);
      seen.push({
        body: spec.request.body as Record<string, unknown>,
        ok: decision.ok,
        ...(decision.ok ? { renamedTo: decision.state.databases[uid]!.name } : { error: decision.rejection.error_code }),
        restarts: decision.ok ? decision.events.filter((e) => e.type === 'DatabaseProxyRestarted').length : 0,
        others,
      });
    });
  }
  return seen;
}

describe('the update seeds', () => {
  const seen = outcomes();

  it('rename to a fresh name and to another database\'s (accepted), and refuse a malformed one alone and beside a valid encryption change', () => {
    expect(seen).toContainEqual(expect.objectContaining({ body: { name: 'renamed' }, ok: true, renamedTo: 'renamed', restarts: 0 }));
    expect(seen.some((s) => s.ok && s.others.includes(s.body.name as string) && s.renamedTo === s.body.name)).toBe(true);
    expect(seen).toContainEqual(expect.objectContaining({ body: { name: '-bad' }, ok: false, error: 'invalid_db_name' }));
    expect(seen).toContainEqual(expect.objectContaining({ body: { name: 'bad_name', data_internode_encryption: true }, ok: false, error: 'invalid_db_name' }));
  });

  it('send a new memory size (no proxy restart), every kind that is not a positive integer, and one beside a valid encryption change', () => {
    expect(seen).toContainEqual(expect.objectContaining({ body: { memory_size: 209_715_200 }, ok: true, restarts: 0 }));
    for (const bad of [0, -1, '200mb', 1.5]) expect(seen.some((s) => s.body.memory_size === bad && !s.ok && s.error === 'invalid_parameter'), String(bad)).toBe(true);
    expect(seen).toContainEqual(expect.objectContaining({ body: { memory_size: 0, data_internode_encryption: true }, ok: false }));
  });

  it('send its own name and memory back (nothing changes), settings alone (no restart) and beside an encryption change (one restart)', () => {
    const own = seen.find((s) => s.body.memory_size !== undefined && s.body.name !== undefined && Object.keys(s.body).length === 2)!;
    expect(own).toMatchObject({ ok: true, restarts: 0, body: { memory_size: 104_857_600 } });
    expect(seen).toContainEqual(expect.objectContaining({ body: { eviction_policy: 'allkeys-lru' }, ok: true, restarts: 0 }));
    expect(seen).toContainEqual(expect.objectContaining({ body: { eviction_policy: 'sometimes', data_internode_encryption: true }, ok: false }));
    expect(seen.filter((s) => s.ok && s.restarts === 1).length).toBeGreaterThanOrEqual(2);
  });

  it('keep each sequence to ten steps at most', () => {
    expect(Math.max(...updateSeeds().map((s) => s.length))).toBeLessThanOrEqual(10);
  });
});
