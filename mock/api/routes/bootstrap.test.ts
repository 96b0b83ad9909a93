import { afterEach, describe, expect, it } from 'vitest';
import { createMockCluster } from '../../index.ts';
import type { MockCluster } from '../../runtime/mockCluster.ts';
import type { Form } from '../../runtime/forms.ts';
import { createDispatcher } from '../handlers.ts';

const HOST = '/hosts/host-4/v1/bootstrap';
let cluster: MockCluster | undefined;
afterEach(() => cluster?.close());

/** A fresh cluster (3 nodes on 10.0.0.1-3, spare host-4 with 10.0.0.4 and 2001:db8::4) answering in `forms`. */
function start(forms: readonly Form[] = []) {
  const mock = createMockCluster({ settleMs: 600_000, forms });
  cluster = mock.cluster;
  const dispatch = createDispatcher(mock.cluster, {});
  const call = async (method: string, path: string, body?: unknown) => {
    const init: RequestInit = body === undefined ? { method } : { method, body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } };
    const res = await dispatch(new Request(`https://mock.test${path}`, init));
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const join = (via: string, addr: string, external?: string[]) =>
    call('POST', `${HOST}/join_cluster`, { action: 'join_cluster', cluster: { nodes: [via] }, node: { identity: { addr, ...(external ? { external_addr: external } : {}) } } });
  const outcome = async () => (await call('GET', HOST)).body.bootstrap_status;
  return { call, join, outcome, cluster: mock.cluster };
}

describe('[NODE-ADDR-018] a join refused at once or later', () => {
  it('takes the join and reports the refusal in GET /v1/bootstrap (the documented form)', async () => {
    const { join, outcome, cluster } = start();
    const position = cluster.store.position;
    expect(await join('203.0.113.77', '10.0.0.4')).toEqual({ status: 200, body: undefined });
    expect(await outcome()).toMatchObject({ state: 'error', error_code: 'connect_error', error_details: { message: expect.any(String) } });
    expect(cluster.store.position).toBe(position);
  });

  it('refuses it at once with the status and code under the sync-join form, and starts no bootstrap', async () => {
    const { join, outcome, cluster } = start(['sync-join']);
    const position = cluster.store.position;
    expect(await join('203.0.113.77', '10.0.0.4')).toEqual({ status: 400, body: { error_code: 'connect_error', description: expect.any(String) } });
    expect(await join('10.0.0.1', '10.0.0.4', ['10.0.0.2'])).toMatchObject({ status: 409, body: { error_code: 'address_in_use' } });
    expect((await outcome()).state).toBe('idle');
    expect(cluster.store.position).toBe(position);
    // An accepted join is the same in both forms.
    expect((await join('10.0.0.1', '10.0.0.4')).status).toBe(200);
    expect((await outcome()).state).toBe('completed');
  });

  it.each([[[] as Form[]], [['sync-join'] as Form[]]])('refuses a malformed request and a host already a node at once, in every form (%j)', async (forms) => {
    const { call, join } = start(forms);
    expect((await call('POST', `${HOST}/join_cluster`, 'not json')).status).toBe(400);
    expect((await call('POST', `${HOST}/join_cluster`, { action: 'join_cluster', cluster: { nodes: ['10.0.0.1'] }, colour: 'red' })).body.error_code).toBe('unknown_field');
    expect((await call('POST', `${HOST}/join_cluster`, { action: 'create_cluster', cluster: { nodes: ['10.0.0.1'] } })).body.error_code).toBe('invalid_parameter');
    expect((await join('10.0.0.1', '10.0.0.4')).status).toBe(200);
    expect((await join('10.0.0.1', '10.0.0.4')).status).toBe(409);
  });
});

describe('[NODE-ADDR-019] the order of checks at join: the host alone, the connection, the cluster', () => {
  it.each([
    ['a malformed address before the connection', '203.0.113.77', '010.0.0.4', undefined, 'invalid_address'],
    ['an unbound address before the connection', '203.0.113.77', '10.0.0.9', undefined, 'address_not_bound'],
    ['a malformed external list before the connection', '203.0.113.77', '10.0.0.4', ['203.0.113.300'], 'invalid_parameter'],
    ['the connection before the family', '203.0.113.77', '2001:db8::4', undefined, 'connect_error'],
    ['the connection before a conflict', '203.0.113.77', '10.0.0.4', ['10.0.0.2'], 'connect_error'],
    ['the family once connected', '10.0.0.1', '2001:db8::4', undefined, 'address_family_mismatch'],
    ['the binding before the family', '10.0.0.1', '2001:db8::9', undefined, 'address_not_bound'],
    ['a conflict once connected', '10.0.0.1', '10.0.0.4', ['10.0.0.2'], 'address_in_use'],
  ] as const)('%s', async (_what, via, addr, external, code) => {
    const { join } = start(['sync-join']);
    expect((await join(via, addr, external ? [...external] : undefined)).body?.error_code).toBe(code);
  });
});
