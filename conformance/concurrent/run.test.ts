import { describe, expect, it } from 'vitest';
import { MUTANTS } from '../mutants/catalogue.ts';
import { curlScript } from '../reproducer.ts';
import { runSuite } from '../suite.ts';
import { inProcessTarget } from '../target/inProcess.ts';

/** Only the concurrent area: no sequential area, no check. */
const concurrentOnly = { seed: 42, areas: [], failFast: true } as const;

describe('--clients: concurrent batches checked for linearizability', () => {
  it('passes the built-in mock, every history checked and decided', async () => {
    const target = inProcessTarget();
    try {
      const r = await runSuite(target, { ...concurrentOnly, clients: 4, runs: 8 });
      expect(r.outcome).toBe('passed');
      const area = r.areas.find((a) => a.name === 'concurrent')!;
      expect(area.runs).toBe(8);
      // At least one batch per sequence, each a history of its own.
      expect(area.histories!.checked).toBeGreaterThanOrEqual(8);
      expect(area.histories!.unknown).toBe(0);
    } finally {
      await target.close();
    }
  });

  it('runs no concurrent area without --clients (or with one client)', async () => {
    const target = inProcessTarget();
    try {
      for (const clients of [undefined, 1]) {
        const r = await runSuite(target, { ...concurrentOnly, ...(clients ? { clients } : {}), areas: ['databases'], runs: 1 });
        expect(r.areas.map((a) => a.name)).toEqual(['databases']);
      }
    } finally {
      await target.close();
    }
  });

  // Those a run without crashes catches (the durability mutant needs crashes: ./crash.test.ts).
  const concurrencyMutants = MUTANTS.filter((m) => m.needs?.includes('clients') && !m.needs.includes('crash'));

  it('has the concurrency mutants, marked as needing clients', () => {
    expect(concurrencyMutants.map((m) => m.name).sort()).toEqual(['change-applied-in-halves', 'lost-update']);
  });

  // Whether the sequential areas see one too is not asked: a change applied in halves also leaves
  // two log entries for one request, which the log comparison can meet without any concurrency.
  it.each(concurrencyMutants.map((m) => [m.name, m] as const))('catches %s with 4 clients', async (_name, mutant) => {
    const target = inProcessTarget({ mutant });
    try {
      const r = await runSuite(target, { ...concurrentOnly, clients: 4 });
      expect(r.outcome).toBe('failed');
      const failure = r.failure!;
      expect(failure.error).toContain('not linearizable');
      expect(failure.reqs).toContain(mutant.breaks);
      // The reproducer sends each batch's requests together and waits for them.
      const script = curlScript(failure.requests, r.seed);
      const batch = script.split('\n').filter((l) => l.endsWith(' &'));
      expect(batch.length).toBeGreaterThanOrEqual(2);
      expect(script).toMatch(/ &\nwait\n/);
    } finally {
      await target.close();
    }
    // Two runs, the concurrent one shrinking a failure whose timing varies: minutes on a loaded machine.
  }, 600_000);
});
