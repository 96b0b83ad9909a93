import { describe, expect, it } from 'vitest';
import { topologyCommands } from '../core/topology.ts';
import { certificateMachine } from '../machines/certificate.machine.ts';
import { allStateNodes, type AnyTransition } from '../machines/introspect.ts';
import { Model } from './model.ts';
import { runSuite } from './suite.ts';
import { inProcessTarget } from './target/inProcess.ts';
import { raisedOnce } from './testing/logMutants.ts';
import { MOCK_CAPABILITIES } from './testing/started.ts';
import { describePair, machinePairs, pairSeeds, pairsTaken } from './transitionPairs.ts';

function reset(): Model {
  const model = new Model(MOCK_CAPABILITIES);
  const { decision } = model.predict(topologyCommands({ nodes: 3, spareHosts: 1 }, Date.UTC(2026, 0, 1)));
  if (!decision.ok) throw new Error(decision.rejection.description);
  model.accept(decision);
  return model;
}

/** The transitions each command of a sequence takes on the model, as the suite would step it. */
function replay(start: Model, commands: readonly { check(m: Model): boolean; step(m: Model): { commands: readonly unknown[] } }[]): AnyTransition[][] {
  const m = start.fork(start.state);
  return commands.map((c) => {
    if (!c.check(m)) return [];
    const { decision, taken } = m.predict(c.step(m).commands as never);
    if (decision.ok) m.accept(decision);
    return [...taken, ...m.settle()];
  });
}

const pairs = machinePairs(certificateMachine);
const states = allStateNodes(certificateMachine).filter((s) => s !== certificateMachine.root);

describe("the certificate machine's transition pairs", () => {
  it('pair every transition into a state with every transition out of it, for every state', () => {
    for (const s of states) {
      const into = pairs.filter((p) => p.into.target?.includes(s));
      expect(into.length, s.id).toBeGreaterThan(0);
      expect(new Set(into.map((p) => p.out)), s.id).toEqual(new Set([...s.transitions.values()].flat()));
    }
  });

  it('are taken by the seeds, replayed on the model: every state entered and left each way, all but the pairs no cluster can take', () => {
    const start = reset();
    const seeds = pairSeeds(start);
    const taken = new Set<number>();
    for (const seed of seeds) for (const i of pairsTaken(replay(start, seed.commands), pairs)) taken.add(i);
    // A certificate just issued has 90 days left: no allowed threshold (1 to 89 days) is above that.
    const fresh = ['certificate.valid --RotateCertificates--> certificate.valid', 'certificate.expiring --RotateCertificates--> certificate.valid', 'certificate.expired --RotateCertificates--> certificate.valid'];
    const missing = pairs.filter((_, i) => !taken.has(i)).map(describePair);
    expect(missing.sort()).toEqual(fresh.map((f) => `${f} then certificate.valid --AlertThresholdChanged [belowThreshold]--> certificate.expiring`).sort());
    for (const s of states) {
      expect(pairs.some((p, i) => taken.has(i) && p.into.target?.includes(s)), `${s.id} entered`).toBe(true);
      expect(pairs.some((p, i) => taken.has(i) && p.out.source === s), `${s.id} left`).toBe(true);
    }
    // Short: every seed is a shortest path and one step more (the default run's time).
    expect(Math.max(...seeds.map((s) => s.commands.length))).toBeLessThanOrEqual(8);
  });

  it('open the certificates area, and catch a target whose stored alert stays raised after a clear', async () => {
    // After a clear, a raised-again alert is not logged: as a target that kept the alert raised.
    const target = inProcessTarget({ mutant: raisedOnce });
    try {
      // No random sequence: only the seeds run.
      const r = await runSuite(target, { areas: ['certificates'], seed: 1, runs: 0 });
      expect(r.outcome).toBe('failed');
      expect(r.failure!.error).toContain('node_internal_certs_about_to_expire');
      // A seed ends on the pair that shows it: the alert cleared, then raised again.
      expect(r.failure!.counterexample.some((s) => s.includes('SetCertificateAlert'))).toBe(true);
    } finally {
      await target.close();
    }
  }, 120_000);
});
