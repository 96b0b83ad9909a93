/**
 * The request rules spec/semantics.md decides, as the mock answers them: credentials, body size,
 * unknown and read-back fields, which error wins, malformed uids, rotate names and port 0. Every
 * REST answer is also checked against spec/openapi.yaml.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { responseValidator } from '../../spec/openapi.ts';
import { createMockCluster } from '../index.ts';
import type { MockCluster } from '../runtime/mockCluster.ts';
import { createDispatcher } from './handlers.ts';
import { MAX_BODY_BYTES } from './http.ts';

const CREDENTIALS = { username: 'admin@example.com', password: 'secret' };
const AUTH = `Basic ${Buffer.from(`${CREDENTIALS.username}:${CREDENTIALS.password}`).toString('base64')}`;
const conforms = responseValidator();

let cluster: MockCluster | undefined;
afterEach(() => cluster?.close());

/** A fresh cluster with database 1 (auto port) and database 2 (port 12000), both active. */
function start() {
  const mock = createMockCluster({ settleMs: 600_000, credentials: CREDENTIALS });
  cluster = mock.cluster;
  for (const data of [{ name: 'db1', memorySize: 1 }, { name: 'db2', memorySize: 1, port: 12000 }]) {
    const r = mock.cluster.execute({ type: 'CreateDatabase', data });
    if (!r.ok) throw new Error(r.rejection.description);
  }
  mock.cluster.settle();
  const dispatch = createDispatcher(mock.cluster, { credentials: CREDENTIALS });
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = { authorization: AUTH }) => {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const res = await dispatch(new Request(`https://mock.test${path}`, init));
    const text = await res.text();
    expect(conforms(method, path.split('?')[0]!, res.status, text), `${method} ${path}`).toEqual([]);
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  };
  return { call, cluster: mock.cluster };
}

const refused = (status: number, error_code: string) => expect.objectContaining({ status, body: { error_code, description: expect.any(String) } });

describe('[API-REQ-005] missing or wrong credentials', () => {
  it('are 401 in the error shape with a Basic challenge, before the path is looked at', async () => {
    const { call } = start();
    for (const [path, headers] of [['/v1/nodes', {}], ['/v1/no-such-thing', {}], ['/v1/bdbs/abc', { authorization: 'Basic d3Jvbmc6d3Jvbmc=' }]] as const) {
      const r = await call('GET', path, undefined, headers);
      expect(r).toEqual(refused(401, 'unauthorized'));
      expect(r.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    }
  });
});

describe('[API-REQ-002] the body size limit', () => {
  /** A JSON object of exactly `bytes` bytes, with one unknown field. */
  const bodyOf = (bytes: number) => `{"x":"${'a'.repeat(bytes - 8)}"}`;

  it('reads a body of 64 KiB and refuses one byte more with 413, unread', async () => {
    const { call, cluster } = start();
    const position = cluster.store.position;
    expect(bodyOf(MAX_BODY_BYTES)).toHaveLength(65_536);
    expect(await call('PUT', '/v1/cluster/policy', bodyOf(MAX_BODY_BYTES))).toEqual(refused(400, 'unknown_field'));
    expect(await call('PUT', '/v1/cluster/policy', bodyOf(MAX_BODY_BYTES + 1))).toEqual(refused(413, 'request_too_large'));
    expect(cluster.store.position).toBe(position);
  });
});

describe('[API-REQ-001] unknown fields and fields read back', () => {
  it('refuses a field the request does not take, named as sent', async () => {
    const { call } = start();
    const r = await call('POST', '/v1/bdbs', { name: 'db3', memory_size: 1, colour: 'red' });
    expect(r).toEqual(refused(400, 'unknown_field'));
    expect(r.body.description).toContain('colour');
    expect(await call('PUT', '/v1/cluster', { alert_settings: { node_internal_certs_about_to_expire: { enabled: true, threshold: '45', extra: 1 } } })).toEqual(refused(400, 'unknown_field'));
  });

  it('ignores a field of GET sent back unchanged, and refuses it changed', async () => {
    const { call } = start();
    for (const path of ['/v1/bdbs/1', '/v1/nodes/2', '/v1/cluster']) {
      const read = (await call('GET', path)).body;
      expect((await call('PUT', path, read)).status, path).toBe(200);
    }
    expect(await call('PUT', '/v1/bdbs/1', { status: 'pending' })).toEqual(refused(400, 'read_only_field'));
    expect(await call('PUT', '/v1/nodes/2', { shard_count: 7 })).toEqual(refused(400, 'read_only_field'));
  });
});

describe('[API-REQ-003] which error wins', () => {
  it('follows the written order: path, body, fields, state, values field by field, conflicts', async () => {
    const { call, cluster } = start();
    const position = cluster.store.position;
    // The path's uid before the body.
    expect(await call('PUT', '/v1/bdbs/99', 'not json')).toEqual(refused(404, 'bdb_not_found'));
    // The body as a whole before its fields.
    expect(await call('POST', '/v1/bdbs', '{"name": ')).toEqual(refused(400, 'invalid_json'));
    // An unknown field before any value.
    expect(await call('POST', '/v1/bdbs', { name: '-x', colour: 'red' })).toEqual(refused(400, 'unknown_field'));
    // Values in the order of the fields, each before the cluster's conflicts.
    expect(await call('POST', '/v1/bdbs', { name: '-x', memory_size: -1, port: 9443 })).toEqual(refused(400, 'invalid_db_name'));
    expect(await call('POST', '/v1/bdbs', { name: 'ok', memory_size: -1, port: 9443 })).toEqual(refused(400, 'invalid_parameter'));
    expect(await call('POST', '/v1/bdbs', { name: 'ok', memory_size: 1, uid: 1, port: 70000 })).toEqual(refused(409, 'uid_exists'));
    expect(await call('POST', '/v1/bdbs', { name: 'ok', memory_size: 1, port: 70000 })).toEqual(refused(400, 'invalid_port'));
    expect(await call('POST', '/v1/bdbs', { name: 'ok', memory_size: 1, port: 9443 })).toEqual(refused(406, 'port_unavailable'));
    // On update: a field's rule before the port's change.
    expect(await call('PUT', '/v1/bdbs/2', { name: '-x', port: 12001 })).toEqual(refused(400, 'invalid_db_name'));
    expect(cluster.store.position).toBe(position);
    // The database's state before the values.
    expect((await call('PUT', '/v1/bdbs/1', { data_internode_encryption: true })).status).toBe(200);
    expect(await call('PUT', '/v1/bdbs/1', { name: '-x' })).toEqual(refused(409, 'busy'));
  });
});

describe('[API-REQ-004] malformed path uids', () => {
  it.each(['abc', '-1', '0', '1.5', '01', '1e3', '%201'])('%s names no entity: 404 with its code', async (uid) => {
    const { call } = start();
    expect(await call('GET', `/v1/bdbs/${uid}`)).toEqual(refused(404, 'bdb_not_found'));
    expect(await call('GET', `/v1/nodes/${uid}`)).toEqual(refused(404, 'node_not_found'));
    expect(await call('PUT', `/v1/nodes/${uid}`, { external_addr: [] })).toEqual(refused(404, 'node_not_found'));
  });
});

describe('[CERT-ROT-005] rotating by name', () => {
  it('rotates the two internal certificates by name, refuses any other string with 403 and a non-string with 400', async () => {
    const { call, cluster } = start();
    const position = cluster.store.position;
    for (const name of ['proxy', 'api', 'cm', 'no_such_cert', '']) expect(await call('POST', '/v1/cluster/certificates/rotate', { name })).toEqual(refused(403, 'unsupported_rotation'));
    for (const name of [1, null, ['ccs_internode_encryption']]) expect(await call('POST', '/v1/cluster/certificates/rotate', { name })).toEqual(refused(400, 'invalid_parameter'));
    expect(cluster.store.position).toBe(position);
    const serial = cluster.state.nextSerial;
    expect((await call('POST', '/v1/cluster/certificates/rotate', { name: 'data_internode_encryption' })).status).toBe(200);
    // One certificate per node: the data plane's only.
    expect(cluster.state.nextSerial - serial).toBe(Object.keys(cluster.state.nodes).length);
  });
});

describe('[PORT-DB-007] port 0', () => {
  it('at creation is no port: the cluster assigns one and reports 0', async () => {
    const { call } = start();
    const r = await call('POST', '/v1/bdbs', { name: 'db3', memory_size: 1, port: 0 });
    expect(r.status).toBe(200);
    expect(r.body.port).toBe(0);
    expect(r.body.endpoints[0].port).toBeGreaterThanOrEqual(10_000);
    expect(r.body.endpoints[0].port).toBeLessThanOrEqual(19_999);
  });

  it('on update is no change for an assigned port, and a change of port for an explicit one', async () => {
    const { call } = start();
    expect((await call('PUT', '/v1/bdbs/1', { port: 0 })).status).toBe(200);
    expect(await call('PUT', '/v1/bdbs/2', { port: 0 })).toEqual(refused(406, 'port_change_not_allowed'));
    expect((await call('PUT', '/v1/bdbs/2', { port: 12000 })).status).toBe(200);
  });
});
