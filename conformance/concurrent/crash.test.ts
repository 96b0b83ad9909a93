import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Target } from '../../api/target.ts';
import { MUTANTS } from '../mutants/catalogue.ts';
import { runSuite } from '../suite.ts';
import { startSupervisedMock, type SupervisedMock } from '../testing/supervised.ts';

/**
 * Crashes over HTTPS, against `npm run mock -- --data-dir DIR` as its own processes (a
 * supervisor restarting the server on its data). Each crash costs a restart (seconds): few
 * sequences. Seed 3 draws a crash in most of them.
 */
const crashing = { seed: 3, areas: [], clients: 4, runs: 3, failFast: true } as const;

/** The same target with `crash` left out of its capabilities: a run that never crashes it. */
const withoutCrash = (t: Target): Target => ({
  ...t,
  async control(method, path, body) {
    const a = await t.control!(method, path, body);
    return path === '/capabilities' ? { ...a, body: { ...a.body, capabilities: a.body.capabilities.filter((c: string) => c !== 'crash') } } : a;
  },
});

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
      expect(area.crashes).toBeGreaterThanOrEqual(1);
      // Every crash the suite counts is one the supervisor restarted the mock from.
      expect(mock.restarts()).toBe(area.crashes);
    } finally {
      await target.close();
    }
  }, 600_000);

  it('crashes it between two steps of a sequential area, and finds the whole state after the restart', async () => {
    const target = mock.target();
    const before = mock.restarts();
    try {
      const r = await runSuite(target, { seed: 3, areas: ['databases'], runs: 2 });
      expect(r.failure?.error).toBeUndefined();
      const area = r.areas.find((a) => a.name === 'databases')!;
      expect(area.crashes).toBeGreaterThanOrEqual(1);
      expect(mock.restarts() - before).toBe(area.crashes);
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
    const target = withoutCrash(mock.target());
    try {
      const r = await runSuite(target, { seed: 3, areas: ['databases'], runs: 3 });
      expect(r.capabilities).not.toContain('crash');
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
