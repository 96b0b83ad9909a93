/**
 * Every request body names a field it does not take exactly as the request spells it: its
 * own name at the top, its path inside an object. The table must hold every route that takes
 * a body, so a new one cannot skip the rule.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMockCluster } from '../index.ts';
import type { MockCluster } from '../runtime/mockCluster.ts';
import { HARNESS_ROUTES, ROUTES } from './handlers.ts';

const BASE = 'https://cluster.test:9443';
const server = setupServer();
let cluster: MockCluster;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  const mock = createMockCluster({ settleMs: 600_000 });
  cluster = mock.cluster;
  const created = cluster.execute({ type: 'CreateDatabase', data: { name: 'db1', memorySize: 1 } });
  if (!created.ok) throw new Error(created.rejection.description);
  cluster.settle();
  server.resetHandlers(...mock.handlers);
});
afterEach(() => cluster.close());
afterAll(() => server.close());

/** For each route that takes a body: where to send it, and a body it would otherwise take. */
const BODIES: Record<string, { readonly path: string; readonly body: Record<string, unknown> }> = {
  'PUT /v1/nodes/:uid': { path: '/v1/nodes/2', body: { external_addr: ['203.0.113.2'] } },
  'POST /v1/nodes/:uid/actions/remove': { path: '/v1/nodes/2/actions/remove', body: { wait_for_persistence: true } },
  'POST /v1/bdbs': { path: '/v1/bdbs', body: { name: 'db2', memory_size: 1 } },
  'PUT /v1/bdbs/:uid': { path: '/v1/bdbs/1', body: { memory_size: 2 } },
  'PUT /v1/cluster': { path: '/v1/cluster', body: { http_support: false } },
  'PUT /v1/cluster/policy': { path: '/v1/cluster/policy', body: { data_internode_encryption: true } },
  'POST /v1/cluster/certificates/rotate': { path: '/v1/cluster/certificates/rotate', body: {} },
  'POST /hosts/:host/v1/bootstrap/join_cluster': {
    path: '/hosts/host-4/v1/bootstrap/join_cluster',
    body: { action: 'join_cluster', cluster: { nodes: ['10.0.0.1'] } },
  },
  'POST /control/v1/reset': { path: '/control/v1/reset', body: { nodes: 2 } },
  'POST /control/v1/hosts': { path: '/control/v1/hosts', body: { addresses: ['10.0.0.9'] } },
  'PUT /control/v1/hosts/:host/addresses': { path: '/control/v1/hosts/host-4/addresses', body: { addresses: ['10.0.0.4'] } },
  'POST /control/v1/nodes/:uid/power': { path: '/control/v1/nodes/2/power', body: { state: 'down' } },
  'POST /control/v1/clock': { path: '/control/v1/clock', body: { advance_days: 1 } },
  'POST /control/v1/work': { path: '/control/v1/work', body: { hold: true } },
  'POST /control/v1/ports/:port': { path: '/control/v1/ports/12345', body: {} },
};

async function send(method: string, path: string, body: unknown) {
  const res = await fetch(`${BASE}${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as unknown };
}

const unknown = (field: string) => ({ status: 400, body: { error_code: 'unknown_field', description: `'${field}' is not a field this request accepts` } });

describe('[API-ERR-001] a field a request does not take', () => {
  it('has a body for every route that takes one', () => {
    // The crash route is served only under a supervisor (this mock has none): ./crash.test.ts checks its fields.
    const routes = [...ROUTES, ...HARNESS_ROUTES].filter((r) => (r.method === 'PUT' || r.method === 'POST') && r.path !== '/control/v1/crash').map((r) => `${r.method} ${r.path}`);
    expect(Object.keys(BODIES).sort()).toEqual(routes.sort());
  });

  it.each(Object.entries(BODIES))('%s names it as sent, and changes nothing', async (route, { path, body }) => {
    const method = route.split(' ')[0]!;
    const before = cluster.store.position;
    for (const field of ['bogus_field', 'memorySize', 'toString']) {
      expect(await send(method, path, { ...body, [field]: 1 }), field).toEqual(unknown(field));
    }
    expect(cluster.store.position).toBe(before);
  });

  it.each([
    ['an alert setting', 'PUT', '/v1/cluster', { alert_settings: { node_internal_certs_about_to_expire: { enabled: true, severity: 1 } } }, 'alert_settings.node_internal_certs_about_to_expire.severity'],
    ['an alert setting, by its internal name', 'PUT', '/v1/cluster', { alert_settings: { cluster_certs_about_to_expire: { thresholdDays: 5 } } }, 'alert_settings.cluster_certs_about_to_expire.thresholdDays'],
    ['the join request cluster', 'POST', '/hosts/host-4/v1/bootstrap/join_cluster', { action: 'join_cluster', cluster: { nodes: ['10.0.0.1'], via: 1 } }, 'cluster.via'],
    ['the joining node identity', 'POST', '/hosts/host-4/v1/bootstrap/join_cluster', { action: 'join_cluster', cluster: { nodes: ['10.0.0.1'] }, node: { identity: { addr: '10.0.0.4', externalAddrs: [] } } }, 'node.identity.externalAddrs'],
  ])('inside %s, names it by its path', async (_what, method, path, body, field) => {
    const before = cluster.store.position;
    expect(await send(method, path, body)).toEqual(unknown(field));
    expect(cluster.store.position).toBe(before);
  });
});

describe('[API-ERR-001] a bad value names the field as the API spells it', () => {
  it.each([
    [{ alert_settings: { node_internal_certs_about_to_expire: { enabled: 'yes' } } }, 'alert_settings.node_internal_certs_about_to_expire.enabled must be true or false'],
    [{ alert_settings: { node_internal_certs_about_to_expire: { threshold: '90' } } }, 'alert_settings.node_internal_certs_about_to_expire.threshold must be a whole number of days from 1 to 89'],
    [{ alert_settings: { cluster_certs_about_to_expire: 'on' } }, 'alert_settings.cluster_certs_about_to_expire must be an object'],
    [{ http_support: 'yes' }, 'http_support must be true or false'],
  ])('PUT /v1/cluster %j', async (body, description) => {
    expect(await send('PUT', '/v1/cluster', body)).toEqual({ status: 400, body: { error_code: 'invalid_parameter', description } });
  });
});
