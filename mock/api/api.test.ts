import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { responseValidator } from '../../spec/openapi.ts';
import { createHandlers } from './mswHandlers.ts';
import { createMockCluster } from '../index.ts';
import type { MockCluster } from '../runtime/mockCluster.ts';

const BASE = 'https://cluster.test:9443';
const CREDENTIALS = { username: 'admin@example.com', password: 'secret' };
const AUTH = `Basic ${Buffer.from(`${CREDENTIALS.username}:${CREDENTIALS.password}`).toString('base64')}`;

const server = setupServer();
let cluster: MockCluster;

// Every answer the mock gives in these tests is checked against spec/openapi.yaml.
const conforms = responseValidator();
const violations: string[] = [];
const checked: Promise<void>[] = [];
server.events.on('response:mocked', ({ request, response }) => {
  checked.push(
    response
      .clone()
      .text()
      .then((body) => void violations.push(...conforms(request.method, new URL(request.url).pathname, response.status, body))),
  );
});

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  const mock = createMockCluster({ credentials: CREDENTIALS, settleMs: 60_000 });
  cluster = mock.cluster;
  server.resetHandlers(...mock.handlers);
});
afterEach(async () => {
  cluster.close();
  await Promise.all(checked.splice(0));
  expect(violations.splice(0), 'answers that do not match spec/openapi.yaml').toEqual([]);
});
afterAll(() => server.close());

async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const init: RequestInit = { method, headers: { authorization: AUTH, ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${BASE}${path}`, init);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/** An error answer in the real API's shape. */
const error = (status: number, error_code: string) => ({ status, body: { error_code, description: expect.any(String) } });

describe('nodes', () => {
  it('[NODE-ADDR-002] lists the nodes with one internal address each', async () => {
    const r = await api('GET', '/v1/nodes');
    expect(r.status).toBe(200);
    expect(r.body.map((n: { uid: number; addr: string }) => [n.uid, n.addr])).toEqual([[1, '10.0.0.1'], [2, '10.0.0.2'], [3, '10.0.0.3']]);
  });

  it('[NODE-ADDR-005] refuses an addr change on an active node with 406 node_not_offline, and changes nothing', async () => {
    expect(await api('PUT', '/v1/nodes/2', { addr: '10.0.0.9' })).toMatchObject(error(406, 'node_not_offline'));
    expect((await api('GET', '/v1/nodes/2')).body.addr).toBe('10.0.0.2');
  });

  it('[NODE-ADDR-005] changes addr while the node is down; a PUT of both fields is all or nothing', async () => {
    cluster.execute({ type: 'PowerOffNode', data: { uid: '2' } });
    expect(await api('PUT', '/v1/nodes/2', { addr: '10.0.0.9', external_addr: ['bad'] })).toMatchObject(error(400, 'invalid_parameter'));
    expect((await api('GET', '/v1/nodes/2')).body.addr).toBe('10.0.0.2');
    expect((await api('PUT', '/v1/nodes/2', { addr: '10.0.0.9', external_addr: ['203.0.113.2'] })).status).toBe(200);
    expect((await api('GET', '/v1/nodes/2')).body).toMatchObject({ addr: '10.0.0.9', external_addr: ['203.0.113.2'], status: 'down' });
  });

  it('[NODE-ADDR-006] takes a node object back as it was read, with only external_addr changed', async () => {
    const node = (await api('GET', '/v1/nodes/3')).body;
    expect((await api('PUT', '/v1/nodes/3', { ...node, external_addr: ['2001:db8::33'] })).status).toBe(200);
    expect((await api('GET', '/v1/nodes/3')).body.external_addr).toEqual(['2001:db8::33']);
    expect(await api('PUT', '/v1/nodes/3', { ...node, status: 'down' })).toMatchObject(error(400, 'read_only_field'));
    expect(await api('PUT', '/v1/nodes/3', { rack_id: 'r1' })).toMatchObject(error(400, 'unsupported_field'));
  });

  it('[NODE-LIFE-002] removal is an action: running, then completed; the node is then gone', async () => {
    const started = await api('POST', '/v1/nodes/3/actions/remove', {});
    expect(started).toMatchObject({ status: 200, body: { name: 'remove_node', node_uid: '3', status: 'running' } });
    expect((await api('GET', '/v1/nodes/3')).body.status).toBe('decommissioning');
    expect(await api('POST', '/v1/nodes/3/actions/remove')).toMatchObject(error(409, 'action_in_progress'));
    cluster.settle();
    expect(await api('GET', '/v1/nodes/3')).toMatchObject(error(404, 'node_not_found'));
    expect((await api('GET', '/v1/nodes/3/actions/remove')).body).toMatchObject({ status: 'completed', progress: 100 });
    expect((await api('GET', '/v1/nodes/actions')).body.actions).toHaveLength(1);
  });

  it('[NODE-LIFE-007] a node that is down may be removed, and its removal completes', async () => {
    cluster.execute({ type: 'PowerOffNode', data: { uid: '3' } });
    expect((await api('POST', '/v1/nodes/3/actions/remove', {})).body).toMatchObject({ name: 'remove_node', status: 'running' });
    cluster.settle();
    expect(await api('GET', '/v1/nodes/3')).toMatchObject(error(404, 'node_not_found'));
    expect((await api('GET', '/v1/nodes/3/actions/remove')).body).toMatchObject({ status: 'completed' });
    // The action is asked for by the name it is started with, not by the action object's name.
    expect(await api('GET', '/v1/nodes/3/actions/remove_node')).toMatchObject(error(404, 'action_not_found'));
  });

  it('[NODE-LIFE-004] [NODE-LIFE-007] the only active node is not removed while the others are down', async () => {
    cluster.execute([{ type: 'PowerOffNode', data: { uid: '2' } }, { type: 'PowerOffNode', data: { uid: '3' } }]);
    expect(await api('POST', '/v1/nodes/1/actions/remove', {})).toMatchObject(error(406, 'insufficient_resources'));
    expect((await api('POST', '/v1/nodes/2/actions/remove', {})).status).toBe(200);
  });

  it('[NODE-LIFE-002] an unknown or malformed node uid is 404', async () => {
    expect(await api('GET', '/v1/nodes/42')).toMatchObject(error(404, 'node_not_found'));
    expect(await api('GET', '/v1/nodes/abc')).toMatchObject(error(404, 'node_not_found'));
    expect(await api('GET', '/v1/nodes/2/actions/remove')).toMatchObject(error(404, 'action_not_found'));
  });
});

describe('databases', () => {
  it('[PORT-DB-006] [PORT-DB-001] an assigned port is reported as 0, the real one in the endpoint', async () => {
    const r = await api('POST', '/v1/bdbs', { name: 'db1', memory_size: 104857600 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ uid: 1, name: 'db1', port: 0, status: 'pending', data_internode_encryption: false });
    expect(r.body.endpoints[0]).toMatchObject({ port: 10000, addr_type: 'external', dns_name: 'redis-10000.cluster.mock.local' });
    const explicit = await api('POST', '/v1/bdbs', { name: 'db2', memory_size: 1, port: 12000 });
    expect(explicit.body).toMatchObject({ port: 12000, endpoints: [{ port: 12000 }] });
  });

  it('[NODE-ADDR-001] the endpoint is reached on the node\'s internal address until it has external ones', async () => {
    const db = (await api('POST', '/v1/bdbs', { name: 'db1', memory_size: 1 })).body;
    expect(db.endpoints[0].addr).toEqual(['10.0.0.1']);
    await api('PUT', '/v1/nodes/1', { external_addr: ['198.51.100.1'] });
    expect((await api('GET', `/v1/bdbs/${db.uid}`)).body.endpoints[0].addr).toEqual(['198.51.100.1']);
  });

  it('[DB-LIFE-003] one endpoint, on the lowest-numbered active node: its external addresses in order, named redis-<port>.<cluster>', async () => {
    await api('PUT', '/v1/nodes/2', { external_addr: ['198.51.100.9', '198.51.100.2'] });
    const db = (await api('POST', '/v1/bdbs', { name: 'db1', memory_size: 1 })).body;
    expect(db.endpoints).toEqual([expect.objectContaining({ uid: '1:1', port: 10000, addr: ['10.0.0.1'], addr_type: 'external', dns_name: 'redis-10000.cluster.mock.local' })]);
    cluster.execute({ type: 'PowerOffNode', data: { uid: '1' } });
    expect((await api('GET', '/v1/bdbs/1')).body.endpoints[0].addr).toEqual(['198.51.100.9', '198.51.100.2']);
  });

  it('[DB-LIFE-001] [DB-LIFE-002] a database is pending until created; while pending it is busy', async () => {
    await api('POST', '/v1/bdbs', { name: 'db1', memory_size: 1 });
    expect(await api('PUT', '/v1/bdbs/1', { name: 'x' })).toMatchObject(error(409, 'busy'));
    cluster.settle();
    expect((await api('GET', '/v1/bdbs/1')).body.status).toBe('active');
    expect((await api('DELETE', '/v1/bdbs/1')).status).toBe(200);
    expect((await api('GET', '/v1/bdbs/1')).body.status).toBe('delete-pending');
    cluster.settle();
    expect(await api('GET', '/v1/bdbs/1')).toMatchObject(error(404, 'bdb_not_found'));
  });

  it('[ENC-DATA-002] [ENC-DATA-003] enabling encryption answers the database as active-change-pending', async () => {
    await api('POST', '/v1/bdbs', { name: 'db1', memory_size: 1 });
    cluster.settle();
    const seen: string[] = [];
    const unsubscribe = cluster.onEvents((events) => seen.push(...events.map((e) => e.type)));
    const r = await api('PUT', '/v1/bdbs/1', { data_internode_encryption: true });
    unsubscribe();
    expect(r).toMatchObject({ status: 200, body: { data_internode_encryption: true, status: 'active-change-pending' } });
    expect(seen).toEqual(['DatabaseUpdated', 'DatabaseProxyRestarted']);
  });

  it('[ENC-DATA-004] [ENC-DATA-005] the policy applies to new databases only', async () => {
    await api('POST', '/v1/bdbs', { name: 'before', memory_size: 1 });
    expect(await api('PUT', '/v1/cluster/policy', { data_internode_encryption: true })).toMatchObject({ status: 200, body: { data_internode_encryption: true } });
    const after = (await api('POST', '/v1/bdbs', { name: 'after', memory_size: 1 })).body;
    expect(after.data_internode_encryption).toBe(true);
    expect((await api('GET', '/v1/bdbs/1')).body.data_internode_encryption).toBe(false);
  });

  it('[ENC-DATA-009] an empty policy update is accepted and changes nothing, not even the log', async () => {
    const position = cluster.store.position;
    expect(await api('PUT', '/v1/cluster/policy', {})).toMatchObject({ status: 200, body: { data_internode_encryption: false } });
    expect(cluster.store.position).toBe(position);
  });

  it('[PORT-DB-003] [PORT-DB-004] a port in use is refused; a port never changes', async () => {
    expect(await api('POST', '/v1/bdbs', { name: 'db1', memory_size: 1, port: 9443 })).toMatchObject(error(406, 'port_unavailable'));
    await api('POST', '/v1/bdbs', { name: 'db1', memory_size: 1 });
    cluster.settle();
    expect(await api('PUT', '/v1/bdbs/1', { port: 12001 })).toMatchObject(error(406, 'port_change_not_allowed'));
  });

  it('[API-ERR-001] a bad name is refused alike at creation and on update', async () => {
    await api('POST', '/v1/bdbs', { name: 'db1', memory_size: 1 });
    cluster.settle();
    const created = await api('POST', '/v1/bdbs', { name: '-bad', memory_size: 1 });
    expect(created).toMatchObject(error(400, 'invalid_db_name'));
    const updated = await api('PUT', '/v1/bdbs/1', { name: '-bad' });
    expect(updated).toMatchObject(error(400, 'invalid_db_name'));
    expect(updated.body).toEqual(created.body);
    expect((await api('GET', '/v1/bdbs/1')).body.name).toBe('db1');
  });

  it('[API-ERR-001] [PORT-DB-003] a port that is not a port is refused alike at creation and on update', async () => {
    await api('POST', '/v1/bdbs', { name: 'db1', memory_size: 1 });
    cluster.settle();
    for (const port of ['abc', 70_000]) {
      const created = await api('POST', '/v1/bdbs', { name: 'db2', memory_size: 1, port });
      expect(created).toMatchObject(error(400, 'invalid_port'));
      expect(await api('PUT', '/v1/bdbs/1', { port })).toEqual({ ...created, headers: expect.anything() });
    }
  });

  it('[API-ERR-002] a dry run decides and records nothing', async () => {
    const r = await api('POST', '/v1/bdbs?dry_run=1', { name: 'db1', memory_size: 1 });
    expect(r).toMatchObject({ status: 200, body: { name: 'db1', status: 'pending' } });
    expect((await api('GET', '/v1/bdbs')).body).toEqual([]);
    expect(await api('POST', '/v1/bdbs?dry_run=1', { name: '-', memory_size: 1 })).toMatchObject(error(400, 'invalid_db_name'));
  });
});

describe('cluster settings', () => {
  it('[PORT-CM-001] [PORT-CM-002] cm_port moves to a free port; a used or out-of-range one is refused', async () => {
    expect((await api('PUT', '/v1/cluster', { cm_port: 8500 })).body.cm_port).toBe(8500);
    expect(await api('PUT', '/v1/cluster', { cm_port: 9443 })).toMatchObject(error(400, 'bad_nginx_conf'));
    expect(await api('PUT', '/v1/cluster', { cm_port: 80 })).toMatchObject(error(400, 'invalid_port'));
  });

  it('[PORT-HTTP-001] [PORT-HTTP-002] http_support is on by default and can be turned off', async () => {
    expect((await api('GET', '/v1/cluster')).body.http_support).toBe(true);
    expect((await api('PUT', '/v1/cluster', { http_support: false })).body.http_support).toBe(false);
  });

  it('[CERT-ALR-002] alert thresholds are set as strings of days, and the alert follows', async () => {
    const r = await api('PUT', '/v1/cluster', { alert_settings: { node_internal_certs_about_to_expire: { enabled: true, threshold: '89' } } });
    expect(r.body.alert_settings.node_internal_certs_about_to_expire).toEqual({ enabled: true, threshold: '89' });
    const alerts = (await api('GET', '/v1/nodes/alerts/1')).body.node_internal_certs_about_to_expire;
    expect(alerts).toMatchObject({ state: false, change_value: { global_threshold: '89', certs_about_to_expire: [] } });
    expect(await api('PUT', '/v1/cluster', { alert_settings: { node_internal_certs_about_to_expire: { threshold: 'soon' } } })).toMatchObject(
      error(400, 'invalid_parameter'),
    );
  });

  it('[CERT-ALR-001] a node whose certificates fall below the threshold raises its alert', async () => {
    cluster.execute({ type: 'PowerOffNode', data: { uid: '2' } });
    cluster.execute({ type: 'AdvanceClock', data: { now: cluster.state.clock + 50 * 86_400_000 } });
    const node2 = (await api('GET', '/v1/nodes/alerts')).body['2'].node_internal_certs_about_to_expire;
    expect(node2).toMatchObject({ state: true, change_value: { state: true } });
    expect(node2.change_value.certs_about_to_expire.map((c: { name: string }) => c.name).sort()).toEqual(['ccs_internode_encryption', 'data_internode_encryption']);
    expect((await api('GET', '/v1/nodes/alerts/1')).body.node_internal_certs_about_to_expire.state).toBe(false);
    // The cluster alert weighs the cluster's own certificates, not the nodes' internal ones.
    expect((await api('GET', '/v1/cluster/alerts')).body.cluster_certs_about_to_expire.state).toBe(false);
  });

  it('[CERT-ALR-005] the cluster alert lists the cluster\'s own certificates under its threshold', async () => {
    await api('PUT', '/v1/cluster', { alert_settings: { cluster_certs_about_to_expire: { enabled: true, threshold: '3650' } } });
    // The mock makes its CA and the services' certificates on the first need of a certificate.
    expect((await api('GET', '/v1/cluster/certificates')).status).toBe(200);
    const alert = (await api('GET', '/v1/cluster/alerts')).body.cluster_certs_about_to_expire;
    expect(alert).toMatchObject({ state: true, severity: 'WARNING' });
    expect(alert.change_value.certs_about_to_expire.map((c: { name: string }) => c.name).sort()).toEqual(['api', 'cm', 'metrics_exporter', 'proxy', 'syncer']);
  });

  it('[CERT-ROT-003] [CERT-ROT-004] rotation: all, or one plane by name; refused while a node is down', async () => {
    expect((await api('POST', '/v1/cluster/certificates/rotate')).status).toBe(200);
    expect((await api('POST', '/v1/cluster/certificates/rotate', { name: 'data_internode_encryption' })).status).toBe(200);
    expect(await api('POST', '/v1/cluster/certificates/rotate', { name: 'api' })).toMatchObject(error(403, 'unsupported_rotation'));
    cluster.execute({ type: 'PowerOffNode', data: { uid: '3' } });
    expect(await api('POST', '/v1/cluster/certificates/rotate')).toMatchObject(error(400, 'not_all_nodes_updated'));
  });
});

describe('the event log', () => {
  it('[API-LOG-001] lists accepted changes with time, type and severity; order, limit and offset page it', async () => {
    await api('POST', '/v1/bdbs', { name: 'db1', memory_size: 1 });
    const all = (await api('GET', '/v1/logs')).body;
    expect(all.map((e: { type: string }) => e.type).slice(0, 2)).toEqual(['cluster_created', 'cluster_node_joined']);
    expect(all.at(-1)).toMatchObject({ type: 'bdb_create_request', severity: 'INFO', bdb_uid: '1', bdb_name: 'db1', time: expect.stringMatching(/Z$/) });
    const desc = (await api('GET', '/v1/logs?order=desc&limit=2&offset=1')).body;
    expect(desc).toEqual([all.at(-2), all.at(-3)]);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect((await api('GET', `/v1/logs?stime=${future}`)).body).toEqual([]);
    expect(await api('GET', '/v1/logs?order=sideways')).toMatchObject(error(400, 'invalid_parameter'));
    expect(await api('GET', '/v1/logs?stime=yesterday')).toMatchObject(error(400, 'invalid_parameter'));
  });
});

describe('what the log records', () => {
  const types = async (from: number) => ((await api('GET', '/v1/logs')).body as { type: string }[]).slice(from).map((e) => e.type);

  it('[API-LOG-001] each accepted change, and the cluster finishing its own work; the environment\'s own changes are not entries', async () => {
    const before = (await api('GET', '/v1/logs')).body.length;
    await api('POST', '/v1/bdbs', { name: 'db1', memory_size: 1 });
    cluster.settle();
    expect(await types(before)).toEqual(['bdb_create_request', 'cluster_bdb_created']);
    const next = before + 2;
    cluster.execute([{ type: 'AddHost', data: { hostId: 'host-9', boundAddrs: ['10.0.0.9'] } }, { type: 'HoldPort', data: { port: 12345 } }]);
    expect(await types(next)).toEqual([]);
    cluster.execute({ type: 'PowerOffNode', data: { uid: '3' } });
    expect(await types(next)).toEqual(['node_failed']);
  });
});

describe('bad requests', () => {
  it('[API-ERR-001] malformed JSON, a wrong content type, a non-object, an unknown field: 400, nothing changes', async () => {
    const position = cluster.store.position;
    expect(await api('POST', '/v1/bdbs', '{"name": "db1",')).toMatchObject(error(400, 'invalid_json'));
    expect(await api('POST', '/v1/bdbs', '[1]')).toMatchObject(error(400, 'invalid_json'));
    expect(await api('POST', '/v1/bdbs', { name: 'db1', memory_size: 1 }, { 'content-type': 'text/plain' })).toMatchObject(error(400, 'invalid_content_type'));
    expect(await api('POST', '/v1/bdbs', { name: 'db1', memory_size: 1, shards: 2 })).toMatchObject(error(400, 'unknown_field'));
    expect(await api('PUT', '/v1/cluster/policy', { data_internode_encryption: 'yes' })).toMatchObject(error(400, 'invalid_parameter'));
    expect(cluster.store.position).toBe(position);
  });

  it('[API-ERR-001] an oversized body is refused with 413 without being kept', async () => {
    expect(await api('POST', '/v1/bdbs', { name: 'x'.repeat(100_000), memory_size: 1 })).toMatchObject(error(413, 'request_too_large'));
  });

  it('[API-ERR-001] a path outside the API is 404 in the error shape; a method a path does not take, 405', async () => {
    expect(await api('GET', '/v1/teapot')).toMatchObject(error(404, 'not_found'));
    expect(await api('PATCH', '/v1/nodes/1', {})).toMatchObject(error(405, 'method_not_allowed'));
  });

  it('requires the cluster credentials on every route', async () => {
    const r = await fetch(`${BASE}/v1/nodes`);
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect(await r.json()).toMatchObject({ error_code: 'unauthorized' });
    const wrong = await fetch(`${BASE}/v1/cluster`, { headers: { authorization: `Basic ${Buffer.from('admin@example.com:guess').toString('base64')}` } });
    expect(wrong.status).toBe(401);
  });

  it('serves without credentials when none are configured', async () => {
    const open = createMockCluster({ settleMs: 60_000 });
    server.resetHandlers(...createHandlers(open.cluster));
    expect((await fetch(`${BASE}/v1/nodes`)).status).toBe(200);
    open.cluster.close();
  });
});
