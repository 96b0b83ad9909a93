import { describe, expect, it } from 'vitest';
import type { Target } from '../api/target.ts';
import { AREAS, areaRequirements } from './arbitraries.ts';
import { runSuite } from './suite.ts';
import { inProcessTarget } from './target/inProcess.ts';

/** A target that remembers every request it is sent, as `METHOD path body`. */
function recording(target: Target): { target: Target; sent: string[] } {
  const sent: string[] = [];
  const note = (via: string) => (method: string, path: string, body?: unknown) => sent.push(`${via} ${method} ${path} ${body === undefined ? '' : JSON.stringify(body)}`.trim());
  return {
    sent,
    target: {
      ...target,
      api: (method, path, body) => (note('api')(method, path, body), target.api(method, path, body)),
      control: (method, path, body) => (note('control')(method, path, body), target.control!(method, path, body)),
      host: (base, method, path, body) => (note('host')(method, path, body), target.host!(base, method, path, body)),
    },
  };
}

describe('the inputs the suite once never sent', () => {
  it('are checked by the areas that send them', () => {
    const reqs = (name: string) => areaRequirements(AREAS.find((a) => a.name === name)!);
    expect(reqs('addressing-ipv6')).toEqual(expect.arrayContaining(['NODE-ADDR-013', 'NODE-ADDR-014']));
    expect(reqs('reads')).toEqual(expect.arrayContaining(['API-LOG-001', 'DB-LIFE-001', 'NODE-LIFE-002']));
    expect(reqs('databases')).toEqual(expect.arrayContaining(['API-ERR-002', 'API-LOG-001']));
    expect(reqs('api-ports')).toEqual(expect.arrayContaining(['PORT-CM-003', 'API-DRY-001']));
    expect(reqs('certificates')).toContain('CERT-ROT-003');
  });

  // The certificates area opens with the certificate machine's transition pairs (transitionPairs.ts): longer than the default timeout on a busy machine.
  it('are sent by a short run on the mock, which passes', async () => {
    const inProcess = inProcessTarget();
    const { target, sent } = recording(inProcess);
    try {
      const r = await runSuite(target, { areas: ['addressing-ipv6', 'databases', 'api-ports', 'reads', 'certificates'], seed: 7, runs: 6, maxCommands: 15 });
      expect(r.failure?.error).toBeUndefined();
      expect(r.areas.map((a) => [a.name, a.outcome])).toEqual([
        ['databases', 'passed'],
        ['certificates', 'passed'],
        ['api-ports', 'passed'],
        ['addressing-ipv6', 'passed'],
        ['reads', 'passed'],
      ]);
      // A probe that held counts what it compares: dry runs and log queries are exercised, not just sent.
      const steps = (id: string) => r.requirements?.find((q) => q.id === id)?.steps ?? 0;
      expect(steps('API-DRY-001')).toBeGreaterThan(0);
      expect(steps('API-LOG-002')).toBeGreaterThan(0);
      const any = (pattern: RegExp) => expect(sent.some((s) => pattern.test(s)), String(pattern)).toBe(true);
      any(/^control POST \/reset .*"use_internal_ipv6":true/);
      any(/^host POST \/v1\/bootstrap\/join_cluster .*"addr":"2001:db8::\d+"/);
      any(/^api GET \/v1\/logs\?.*limit=/);
      any(/^api GET \/v1\/logs\?.*stime=/);
      any(/^api GET \/v1\/bdbs\/\d+$/);
      any(/^api GET \/v1\/nodes\/\d+$/);
      any(/^api GET \/v1\/nodes\/alerts\/\d+$/);
      any(/^api POST \/v1\/bdbs\?dry_run=1 /);
      any(/^api PUT \/v1\/cluster\?dry_run=1 /);
      any(/^api PUT \/v1\/cluster \{"cnm_https_port":/);
      any(/^api PUT \/v1\/cluster \{"cnm_http_port":/);
      any(/^api POST \/v1\/cluster\/certificates\/rotate \{"name":"(ccs|data)_internode_encryption"\}/);
    } finally {
      await inProcess.close();
    }
  }, 180_000);

  it('start from an IPv6 cluster only where the suite may reset: adopted, that area is not run, with the reason', async () => {
    const { control: _none, ...bare } = inProcessTarget();
    try {
      const r = await runSuite(bare, { areas: ['addressing-ipv6', 'reads'], seed: 3, runs: 2, maxCommands: 6 });
      expect(r.areas.map((a) => [a.name, a.outcome])).toEqual([
        ['addressing-ipv6', 'not-run'],
        ['reads', 'passed'],
      ]);
      expect(r.areas[0]!.notRun).toBe('needs reset (its sequences start from a cluster created with {"useInternalIpv6":true})');
    } finally {
      await bare.close();
    }
  });
});
