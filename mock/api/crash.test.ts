import { afterEach, describe, expect, it } from 'vitest';
import { MockCluster } from '../runtime/mockCluster.ts';
import { createRouter } from './handlers.ts';

const clusters: MockCluster[] = [];
afterEach(() => clusters.splice(0).forEach((c) => c.close()));

function router(crash?: (afterMs: number) => void) {
  const cluster = new MockCluster();
  clusters.push(cluster);
  return createRouter(cluster, crash ? { crash } : {});
}

async function call(route: ReturnType<typeof createRouter>, method: string, path: string, body?: unknown) {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  const reply = await route({ method, header: (n) => (n === 'content-type' && text ? 'application/json' : null), text: async () => text }, new URL(`https://127.0.0.1:9443${path}`));
  return { status: reply.status, body: reply.body ? JSON.parse(String(reply.body)) : undefined };
}

describe('POST /control/v1/crash', () => {
  it('is offered only where the server can be crashed and restarted (a supervisor, a data directory)', async () => {
    const plain = router();
    expect((await call(plain, 'GET', '/control/v1/capabilities')).body.capabilities).not.toContain('crash');
    expect(await call(plain, 'POST', '/control/v1/crash', { after_ms: 0 })).toMatchObject({ status: 404, body: { error_code: 'not_found' } });
    expect((await call(router(() => {}), 'GET', '/control/v1/capabilities')).body.capabilities).toContain('crash');
  });

  it('answers 202 and crashes after_ms later (0 without a body); a bad body changes nothing', async () => {
    const asked: number[] = [];
    const route = router((ms) => asked.push(ms));
    expect(await call(route, 'POST', '/control/v1/crash', { after_ms: 25 })).toEqual({ status: 202, body: { after_ms: 25 } });
    expect(await call(route, 'POST', '/control/v1/crash')).toEqual({ status: 202, body: { after_ms: 0 } });
    for (const bad of [{ after_ms: -1 }, { after_ms: 1.5 }, { after_ms: '5' }, { after_ms: 60_001 }]) {
      expect(await call(route, 'POST', '/control/v1/crash', bad)).toMatchObject({ status: 400, body: { error_code: 'invalid_parameter' } });
    }
    expect(await call(route, 'POST', '/control/v1/crash', { when: 5 })).toMatchObject({ status: 400, body: { error_code: 'unknown_field' } });
    expect(await call(route, 'POST', '/control/v1/crash', '[1]')).toMatchObject({ status: 400 });
    expect(asked).toEqual([25, 0]);
  });
});
