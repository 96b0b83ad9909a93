import { describe, expect, it } from 'vitest';
import type { Target } from '../../api/target.ts';
import { MOCK_CAPABILITIES } from '../testing/started.ts';
import { inProcessTarget } from '../target/inProcess.ts';
import { areaStart } from './areaStart.ts';
import { resetStart } from './reset.ts';
import type { Start } from './start.ts';

const TOPOLOGY = { nodes: 3, spareHosts: 1 };

describe("an area's own starting topology", () => {
  it('resets to the run topology with the area changes: an IPv6 cluster, every internal address IPv6', async () => {
    const target = inProcessTarget();
    try {
      const run = resetStart(target, MOCK_CAPABILITIES, TOPOLOGY);
      expect(await areaStart(target, run, MOCK_CAPABILITIES, undefined)).toBe(run);
      const start = (await areaStart(target, run, MOCK_CAPABILITIES, { useInternalIpv6: true })) as Start;
      expect(start.preamble[0]!.body).toEqual({ nodes: 3, spare_hosts: 1, use_internal_ipv6: true });
      const model = await start.prepare();
      expect(model.state.family).toBe('ipv6');
      expect(Object.values(model.state.nodes).map((n) => n.addr)).toEqual(['2001:db8::1', '2001:db8::2', '2001:db8::3']);
      const nodes = (await target.api('GET', '/v1/nodes')).body as { addr: string }[];
      expect(nodes.map((n) => n.addr).sort()).toEqual(['2001:db8::1', '2001:db8::2', '2001:db8::3']);
    } finally {
      await target.close();
    }
  });

  it('is not run on a cluster the suite adopts, nor where the target refuses the reset, with the reason', async () => {
    const adopted: Start = { mode: 'adopt', preamble: [], prepare: () => Promise.reject(new Error('not used')) };
    const anyTarget = { description: 't', api: async () => ({ status: 200, body: {} }), close: async () => {} } satisfies Target;
    expect(await areaStart(anyTarget, adopted, new Set(), { useInternalIpv6: true })).toEqual({ notRun: 'needs reset (its sequences start from a cluster created with {"useInternalIpv6":true})' });
    const refusing: Target = { ...anyTarget, control: async () => ({ status: 400, body: { error_code: 'invalid_parameter', description: 'no IPv6 in this lab' } }) };
    const r = await areaStart(refusing, resetStart(refusing, new Set(['reset']), TOPOLOGY), new Set(['reset']), { useInternalIpv6: true });
    expect(r).toMatchObject({ notRun: expect.stringContaining('refused a reset to {"nodes":3,"spare_hosts":1,"use_internal_ipv6":true}: 400') });
    const failing: Target = { ...anyTarget, control: async () => Promise.reject(new Error('hook reset exited with code 1')) };
    const f = await areaStart(failing, resetStart(failing, new Set(['reset']), TOPOLOGY), new Set(['reset']), { useInternalIpv6: true });
    expect(f).toMatchObject({ notRun: expect.stringContaining('hook reset exited with code 1') });
  });
});
