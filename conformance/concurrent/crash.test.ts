import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUTANTS } from '../mutants/catalogue.ts';
import { runSuite } from '../suite.ts';
import { startSupervisedMock, type SupervisedMock } from '../testing/supervised.ts';

/**
 * Crashes over HTTPS, against `npm run mock -- --data-dir DIR` as its own processes (a
 * supervisor restarting the server on its data). Each crash costs a restart (seconds): few
 * sequences. Seed 3 draws a crash in most of them.
 */
const crashing = { seed: 3, areas: [], clients: 4, runs: 3, failFast: true } as const;

describe('--clients against a target that offers crash', () => {
  let mock: SupervisedMock;
  beforeAll(async () => {
    mock = await startSupervisedMock();
  }, 120_000);
  afterAll(() => mock?.stop());

  it('crashes the mock inside batches and finds every acknowledged change after each restart', async () => {
    const target = mock.target();
    try {
      const r = await runSuite(target, crashing);
      expect(r.capabilities).toContain('crash');
      expect(r.failure?.error).toBeUndefined();
      expect(r.outcome).toBe('passed');
      const area = r.areas.find((a) => a.name === 'concurrent')!;
      expect(area.reqs).toContain('API-LOG-001');
      expect(area.histories!.crashes).toBeGreaterThanOrEqual(1);
      // Every crash the suite counts is one the supervisor restarted the mock from.
      expect(mock.restarts()).toBe(area.histories!.crashes);
    } finally {
      await target.close();
    }
  }, 600_000);
});

describe('the durability mutant (a change acknowledged before its events are written)', () => {
  const mutant = MUTANTS.find((m) => m.name === 'acknowledged-before-written')!;
  let mock: SupervisedMock;
  beforeAll(async () => {
    mock = await startSupervisedMock({ mutant: mutant.name });
  }, 120_000);
  afterAll(() => mock?.stop());

  it('needs crashes and clients, so no in-process or sequential run is expected to see it', () => {
    expect(mutant.needs).toEqual(['clients', 'crash']);
  });

  it('passes a sequential run without crashes (while it lives, it answers as specified)', async () => {
    const target = mock.target();
    try {
      const r = await runSuite(target, { seed: 3, areas: ['databases'], runs: 3 });
      expect(r.failure?.error).toBeUndefined();
      expect(r.outcome).toBe('passed');
      expect(mock.restarts()).toBe(0);
    } finally {
      await target.close();
    }
  }, 600_000);

  it('is caught by a run that crashes it: an acknowledged change is gone after the restart', async () => {
    const target = mock.target();
    try {
      const r = await runSuite(target, crashing);
      expect(r.outcome).toBe('failed');
      expect(r.failure!.reqs).toContain(mutant.breaks);
      expect(r.failure!.counterexample.some((s) => s.includes('crashed'))).toBe(true);
      expect(mock.restarts()).toBeGreaterThanOrEqual(1);
    } finally {
      await target.close();
    }
  }, 900_000);
});
