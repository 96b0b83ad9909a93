import { describe, expect, it } from 'vitest';
import { runSuite } from '../suite.ts';
import { inProcessTarget } from '../target/inProcess.ts';
import { MUTANTS } from './catalogue.ts';

/**
 * Mutants whose failure names exactly the requirement they break. The others name a few: the
 * transition that accepted what the target refused carries them all (a refused external address
 * names the four of accepting it, a refused change of a down node's address the three of that
 * change), or the refusal check carries two (cm_port and the other ports).
 */
const EXACT = new Set([
  'addr-change-on-active-node',
  'policy-rewrites-existing-databases',
  'encrypted-by-default',
  'assigned-port-reported',
  'alert-threshold-ignored',
  'rotation-with-a-node-down',
  'http-support-ignored',
  'last-node-removable',
  'clients-kept-connected',
  'proxy-restarted-on-any-change',
  'year-long-certificates',
  'reserved-list-only-api-ports',
  'uptime-in-milliseconds',
  'nodes-report-internal-ipv6',
  'proxy-certificate-of-a-node',
  'cluster-alerts-empty',
  'cluster-alert-shows-node-alert-setting',
  'cluster-alert-over-internal-certificates',
]);

// The suite's strength: every deliberately broken variant of the mock is caught, with the
// default budget, and shrunk to a short sequence that names the broken requirement.
describe('the broken variants of the mock', () => {
  // The concurrency mutants are seen only with concurrent clients (conformance/concurrent/run.test.ts).
  const sequential = MUTANTS.filter((m) => !m.needs?.includes('clients'));
  it.each(sequential.map((m) => [m.name, m] as const))('catches the mutant %s with the default budget', async (_name, mutant) => {
    const target = inProcessTarget({ mutant });
    try {
      const r = await runSuite(target, { seed: 42, failFast: true });
      expect(r.outcome).toBe('failed');
      // The requirements of the prediction that failed first, not the command's whole set.
      if (EXACT.has(mutant.name)) expect(r.failure!.reqs).toEqual([mutant.breaks]);
      else expect(r.failure!.reqs).toContain(mutant.breaks);
      // Never the command's whole set (ten for a create): at most the accepting transition's six.
      expect(r.failure!.reqs.length).toBeLessThanOrEqual(6);
      // Shrunk: a short sequence, not the whole run.
      expect(r.failure!.counterexample.length).toBeLessThanOrEqual(6);
    } finally {
      await target.close();
    }
    // The default budget lets a run go on for 120 s before shrinking: a test's time must cover it.
  }, 240_000);
});
