import { describe, expect, it } from 'vitest';
import { Mismatch } from '../mismatch.ts';
import { UNSENT_INPUTS } from '../mutants/unsentInputs.ts';
import { started } from '../testing/started.ts';
import { ConfigureApiPort } from './configureApiPort.ts';
import { CreateDatabase } from './createDatabase.ts';
import { HoldPort } from './holdPort.ts';

const unchecked = UNSENT_INPUTS.find((m) => m.name === 'api-port-not-checked-against-endpoints')!;

describe('moving the API ports (PORT-CM-003)', () => {
  it('refuses ports held for another use, takes the current value as no change, and moves to a free port or swaps', async () => {
    const { target, model } = await started();
    try {
      await new CreateDatabase({ name: 'db', port: 12000 }).run(model, target);
      await new HoldPort(12001, true).run(model, target);
      const log = model.logLength;
      for (const choice of ['current', 'cm_port', 'other', 'database', 'reserved', 'foreign'] as const) await new ConfigureApiPort('cnm_https_port', choice).run(model, target);
      await new ConfigureApiPort('cnm_http_port', { literal: 80 }).run(model, target);
      await new ConfigureApiPort('cnm_http_port', { literal: '8085' }).run(model, target);
      expect(model.trace.slice(-8).map((t) => `${JSON.stringify(t.body)} ${t.actual}`)).toEqual([
        '{"cnm_https_port":9443} 200',
        '{"cnm_https_port":8443} 400 bad_nginx_conf',
        '{"cnm_https_port":8080} 400 bad_nginx_conf',
        '{"cnm_https_port":12000} 400 bad_nginx_conf',
        '{"cnm_https_port":3342} 400 bad_nginx_conf',
        '{"cnm_https_port":12001} 400 bad_nginx_conf',
        '{"cnm_http_port":80} 400 invalid_port',
        '{"cnm_http_port":"8085"} 400 invalid_port',
      ]);
      // The current value changes nothing: nothing is logged.
      expect(model.logLength).toBe(log);
      await new ConfigureApiPort('cnm_http_port', 'free').run(model, target);
      await new ConfigureApiPort('cnm_https_port', 'swap').run(model, target);
      expect(target.cluster.state.config).toMatchObject({ cnmHttpPort: 9443, cnmHttpsPort: 8500 });
      expect(model.state.config).toMatchObject({ cnmHttpPort: 9443, cnmHttpsPort: 8500 });
    } finally {
      await target.close();
    }
  });

  it('moves a port only where the suite reaches the target through no socket', async () => {
    const { target, model } = await started();
    await target.close();
    const free = new ConfigureApiPort('cnm_https_port', 'free');
    const swap = new ConfigureApiPort('cnm_http_port', 'swap');
    expect([free.check(model), swap.check(model)]).toEqual([true, true]);
    // Over HTTPS even a port the suite does not name may be the API behind a proxy.
    model.suitePorts = new Set([443]);
    expect([free.check(model), swap.check(model), new ConfigureApiPort('cnm_http_port', 'free').check(model)]).toEqual([false, false, false]);
    model.suitePorts = undefined;
    expect([free.check(model), swap.check(model), new ConfigureApiPort('cnm_https_port', 'current').check(model)]).toEqual([false, false, true]);
  });

  it("catches a target that lets the API onto a database's endpoint port", async () => {
    const { target, model } = await started({ mutant: unchecked });
    try {
      await new CreateDatabase({ name: 'db' }).run(model, target);
      const failure = await new ConfigureApiPort('cnm_http_port', 'database').run(model, target).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(Mismatch);
      expect((failure as Mismatch).reqs).toContain('PORT-CM-003');
    } finally {
      await target.close();
    }
  });
});
