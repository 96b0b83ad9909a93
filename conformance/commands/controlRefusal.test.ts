import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { Mismatch } from '../mismatch.ts';
import type { Mutant } from '../mutants/mutant.ts';
import { CONTROL_BINDS_MALFORMED } from '../mutants/controlInput.ts';
import { resetStart } from '../start/reset.ts';
import { inProcessTarget } from '../target/inProcess.ts';
import { MOCK_CAPABILITIES } from '../testing/started.ts';
import { createRouter } from '../../mock/api/handlers.ts';
import { MockCluster } from '../../mock/runtime/mockCluster.ts';
import { caseId, CONTROL_CASES } from './controlCases.ts';
import { ControlRefusal, OWN_CONTROL } from './controlRefusal.ts';

const HAVE = new Set([...MOCK_CAPABILITIES, OWN_CONTROL]);
// `crash` is offered only by a supervised mock with a data directory (mock/api/crash.test.ts checks its refusals).
const IN_PROCESS = CONTROL_CASES.filter((c) => c.operation !== 'crash').map(caseId);

/** Refuses a malformed address list as it should, but binds a good address on the host first. */
const refusesAfterBinding: Mutant = {
  name: 'control-refuses-after-binding',
  breaks: 'API-ERR-003',
  description: 'binds 10.0.0.23 on the host, then refuses the malformed list it was sent',
  handlers: (_cluster, through) => [
    http.put('*/control/v1/hosts/:host/addresses', async ({ request }) => {
      await through(new Request(request.url, { method: 'PUT', headers: request.headers, body: JSON.stringify({ addresses: ['10.0.0.23'] }) }));
      return HttpResponse.json({ error_code: 'invalid_parameter', description: 'bad address' }, { status: 400 });
    }),
  ],
};

/** Refuses a negative day count with the right status and code, but no description. */
const bareRefusal: Mutant = {
  name: 'control-bare-refusal',
  breaks: 'API-ERR-003',
  description: 'refuses a malformed clock move with an error_code and no description',
  handlers: () => [
    http.post('*/control/v1/clock', async ({ request }) => {
      const days = ((await request.clone().json()) as { advance_days?: number }).advance_days;
      return days !== undefined && days < 0 ? HttpResponse.json({ error_code: 'invalid_parameter' }, { status: 400 }) : undefined;
    }),
  ],
};

async function send(cases: readonly string[], mutant?: Mutant, have: ReadonlySet<string> = HAVE) {
  const target = inProcessTarget(mutant ? { mutant } : {});
  try {
    const model = await resetStart(target, have, { nodes: 3, spareHosts: 1 }).prepare();
    const command = new ControlRefusal(cases);
    if (!command.check(model)) return 'not applicable';
    await command.run(model, target);
    return model;
  } finally {
    await target.close();
  }
}

describe('ControlRefusal', () => {
  it('[API-ERR-003] the mock refuses every malformed control request as spec/control.md says, and nothing changes', async () => {
    const model = await send(IN_PROCESS);
    expect(model).not.toBe('not applicable');
    // Each was compared (status and code, the error shape, then the whole state and the log).
    expect(typeof model === 'string' ? 0 : model.trace.filter((t) => t.via === 'control' && t.step.startsWith('ControlRefusal')).length).toBe(IN_PROCESS.length);
  }, 60_000);

  it('names a case once, with a fault of its own', () => {
    expect(new Set(CONTROL_CASES.map(caseId)).size).toBe(CONTROL_CASES.length);
  });

  it('is never drawn where the control protocol is not the target\'s own (hooks) or lacks the operation', async () => {
    expect(new ControlRefusal(['clock: negative days']).check({ capabilities: MOCK_CAPABILITIES, workHeld: false } as never)).toBe(false);
    expect(new ControlRefusal(['clock: negative days']).check({ capabilities: new Set(['reset', OWN_CONTROL]), workHeld: false } as never)).toBe(false);
    expect(new ControlRefusal(['clock: negative days']).check({ capabilities: new Set(['reset', 'clock', OWN_CONTROL]), workHeld: false } as never)).toBe(true);
  });

  it('[API-ERR-003] catches a target that binds a malformed address list', async () => {
    const error = await send(['host-addresses: a malformed address'], CONTROL_BINDS_MALFORMED).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Mismatch);
    expect((error as Mismatch).reqs).toContain('API-ERR-003');
  }, 60_000);

  it('catches a refusal that changed a host all the same, and one without a description', async () => {
    for (const [id, mutant] of [['host-addresses: a malformed address', refusesAfterBinding], ['clock: negative days', bareRefusal]] as const) {
      const error = await send([id], mutant).catch((e: unknown) => e);
      expect(error, id).toBeInstanceOf(Mismatch);
      expect((error as Mismatch).reqs).toContain('API-ERR-003');
    }
  }, 60_000);

  it('[API-ERR-003] the crash cases are refused by a mock that can crash, and none crashes it', async () => {
    const asked: number[] = [];
    const cluster = new MockCluster();
    const route = createRouter(cluster, { crash: (ms) => asked.push(ms) });
    try {
      for (const c of CONTROL_CASES.filter((k) => k.operation === 'crash')) {
        const sent = c.send({} as never);
        const text = JSON.stringify(sent.body);
        const reply = await route({ method: sent.method, header: (n) => (n === 'content-type' ? 'application/json' : null), text: async () => text }, new URL(`https://127.0.0.1:9443/control/v1${sent.path}`));
        expect({ status: reply.status, error_code: JSON.parse(String(reply.body)).error_code }, caseId(c)).toEqual(sent.refusal);
      }
      expect(asked).toEqual([]);
    } finally {
      cluster.close();
    }
  });
});
