import { describe, expect, it } from 'vitest';
import { fold } from '../../core/replay.ts';
import { DATABASE_SETTINGS } from '../../domain/rules/databaseSettings.ts';
import { loadOpenApi, responseValidator } from '../../spec/openapi.ts';
import { createMockCluster } from '../index.ts';
import { createDispatcher } from './handlers.ts';

/** A fresh in-process cluster and a way to call its API (answers checked against the document). */
function fresh() {
  const { cluster } = createMockCluster({ settleMs: 60_000 });
  const dispatch = createDispatcher(cluster);
  const conforms = responseValidator();
  const api = async (method: string, path: string, body?: unknown) => {
    const init: RequestInit = body === undefined ? { method } : { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
    const r = await dispatch(new Request(`https://cluster.test:9443${path}`, init));
    const text = await r.text();
    expect(conforms(method, path, r.status, text)).toEqual([]);
    return { status: r.status, body: text ? JSON.parse(text) : undefined };
  };
  return { cluster, api };
}

describe('database fields real clients send that the model has no rule for', () => {
  it('are stored at creation and answered back, and replay from the log', async () => {
    const { cluster, api } = fresh();
    const sent = { type: 'redis', replication: true, sharding: true, shards_count: 2, proxy_policy: 'all-master-shards', tls_mode: 'enabled', eviction_policy: 'allkeys-lru', oss_cluster: true, module_list: [{ module_name: 'search', module_args: '' }] };
    const created = await api('POST', '/v1/bdbs', { name: 'db', memory_size: 1_073_741_824, ...sent });
    expect(created).toMatchObject({ status: 200, body: sent });
    cluster.settle();
    const read = (await api('GET', '/v1/bdbs/1')).body;
    expect(read).toMatchObject(sent);
    // Two masters, each with a replica: the shards the nodes report follow.
    expect(read.shard_list).toEqual([1, 2, 3, 4]);
    expect((await api('GET', '/v1/nodes/1')).body).toMatchObject({ shard_count: 4, shard_list: [1, 2, 3, 4] });
    expect(fold(cluster.store.read()).databases['1']!.settings).toEqual(sent);
    cluster.close();
  });

  it('are changed by an update; what is sent back unchanged changes nothing', async () => {
    const { cluster, api } = fresh();
    await api('POST', '/v1/bdbs', { name: 'db', memory_size: 104_857_600 });
    cluster.settle();
    const before = (await api('GET', '/v1/bdbs/1')).body;
    const position = cluster.store.position;
    expect(await api('PUT', '/v1/bdbs/1', before)).toMatchObject({ status: 200 });
    expect(cluster.store.position).toBe(position);
    expect(await api('PUT', '/v1/bdbs/1', { eviction_policy: 'noeviction', tls_mode: 'enabled' })).toMatchObject({ status: 200, body: { eviction_policy: 'noeviction', tls_mode: 'enabled', status: 'active-change-pending' } });
    cluster.settle();
    expect((await api('GET', '/v1/bdbs/1')).body).toMatchObject({ eviction_policy: 'noeviction', tls_mode: 'enabled', status: 'active' });
    expect(fold(cluster.store.read()).databases['1']!.settings).toEqual({ eviction_policy: 'noeviction', tls_mode: 'enabled' });
    cluster.close();
  });

  it('are refused, nothing recorded, when a value is not one the reference documents', async () => {
    const { cluster, api } = fresh();
    const position = cluster.store.position;
    for (const bad of [{ eviction_policy: 'most-recent' }, { shards_count: 0 }, { replication: 'yes' }, { module_list: [{}] }]) {
      const r = await api('POST', '/v1/bdbs', { name: 'db', memory_size: 104_857_600, ...bad });
      expect(r, JSON.stringify(bad)).toMatchObject({ status: 400, body: { error_code: 'invalid_parameter' } });
    }
    expect(cluster.store.position).toBe(position);
    cluster.close();
  });
});

describe('the document and the rules agree', () => {
  it('spec/openapi.yaml lists every setting the mock stores, and no other', () => {
    expect(Object.keys(loadOpenApi().components.schemas.BdbSettings.properties).sort()).toEqual(Object.keys(DATABASE_SETTINGS).sort());
  });
});
