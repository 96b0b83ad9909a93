import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMockCluster } from '../index.ts';
import { createDispatcher } from './handlers.ts';
import { isDryRun } from './route.ts';
import type { MockCluster } from '../runtime/mockCluster.ts';

let cluster: MockCluster;
let dispatch: (request: Request) => Promise<Response>;

beforeEach(() => {
  cluster = createMockCluster({ settleMs: 60_000 }).cluster;
  dispatch = createDispatcher(cluster);
});
afterEach(() => cluster.close());

async function api(method: string, path: string, body?: unknown) {
  const init: RequestInit = { method, ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) };
  const res = await dispatch(new Request(`https://cluster.test:9443${path}`, init));
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe('dry runs', () => {
  it('[API-DRY-001] dry_run with any value or none is a dry run, on the REST API only', () => {
    for (const q of ['?dry_run', '?dry_run=', '?dry_run=true', '?dry_run=1', '?dry_run=false']) expect(isDryRun(new URL(`https://c/v1/bdbs${q}`)), q).toBe(true);
    expect(isDryRun(new URL('https://c/v1/bdbs'))).toBe(false);
    expect(isDryRun(new URL('https://c/control/v1/reset?dry_run'))).toBe(false);
  });

  it('[API-DRY-001] a dry-run create answers the database it would make, and records nothing: not its uid, its port or a log entry', async () => {
    const position = cluster.store.position;
    const dry = await api('POST', '/v1/bdbs?dry_run', { name: 'db1', memory_size: 1 });
    expect(dry).toMatchObject({ status: 200, body: { uid: 1, name: 'db1', status: 'pending', port: 0, endpoints: [{ port: 10000 }] } });
    expect(cluster.store.position).toBe(position);
    expect((await api('GET', '/v1/bdbs')).body).toEqual([]);
    const real = await api('POST', '/v1/bdbs', { name: 'db1', memory_size: 1 });
    expect(real.body).toMatchObject({ uid: 1, endpoints: [{ port: 10000 }] });
  });

  it('[API-DRY-001] a dry run is refused as the request would be, and an update or a cluster change dry-run changes nothing', async () => {
    expect(await api('POST', '/v1/bdbs?dry_run=true', { memory_size: 1 })).toMatchObject({ status: 400, body: { error_code: 'missing_db_name' } });
    await api('POST', '/v1/bdbs', { name: 'db1', memory_size: 1 });
    cluster.settle();
    const position = cluster.store.position;
    expect((await api('PUT', '/v1/bdbs/1?dry_run', { name: 'renamed' })).body).toMatchObject({ name: 'renamed' });
    expect((await api('PUT', '/v1/cluster?dry_run', { cm_port: 8500 })).body).toMatchObject({ cm_port: 8500 });
    expect(cluster.store.position).toBe(position);
    expect((await api('GET', '/v1/bdbs/1')).body.name).toBe('db1');
    expect((await api('GET', '/v1/cluster')).body.cm_port).toBe(8443);
  });
});
