import { describe, expect, it } from 'vitest';
import { databasesTable, endpointsTable, memory, nodesTable, type DatabaseView, type NodeView } from './statusTables.ts';

// Fields as a real cluster gave them (GET /v1/nodes/1, GET /v1/bdbs/1 of a one-node cluster),
// and GET /v1/nodes/status as the vendor's reference shows it.
const REAL_NODE: NodeView = { uid: 1, addr: '192.168.16.2', external_addr: [], status: 'active', shard_count: 1, max_redis_servers: 100, cores: 14, total_memory: 8217473024, software_version: '100.0.21-16135' };
const REAL_DB: DatabaseView = {
  uid: 1,
  name: 'default-db',
  type: 'redis',
  status: 'active',
  shards_count: 1,
  shards_placement: 'dense',
  replication: false,
  data_persistence: 'disabled',
  ssl: false,
  tls_mode: 'disabled',
  endpoints: [{ addr: ['192.168.16.2'], dns_name: 'redis-14968.docker-cluster', port: 14968, proxy_policy: 'single', uid: '1:1' }],
};

describe('rladmin status tables', () => {
  it("prints the real tool's node columns from GET /v1/nodes and GET /v1/nodes/status", () => {
    const status = { '1': { hostname: '3d99db1fdf4b', role: 'master', free_ram: 3499368448, total_memory: 6219673600, free_provisional_ram: 0, total_provisional_ram: 0 } };
    expect(nodesTable([REAL_NODE], status)).toEqual([
      'CLUSTER NODES:',
      'NODE:ID ROLE   ADDRESS      EXTERNAL_ADDRESS HOSTNAME     SHARDS CORES FREE_RAM      PROVISIONAL_RAM VERSION        STATUS',
      'node:1  master 192.168.16.2                  3d99db1fdf4b 1/100  14    3.26GB/5.79GB 0B/0B           100.0.21-16135 OK',
    ]);
  });

  it('prints - where the cluster does not serve GET /v1/nodes/status, never a made-up value (the total memory is GET /v1/nodes\'s)', () => {
    const [, , row] = nodesTable([{ ...REAL_NODE, status: 'down' }]);
    expect(row).toBe('node:1  -    192.168.16.2                  -        1/100  14    -/7.65GB -               100.0.21-16135 DOWN');
  });

  it('prints the databases and endpoints tables in the real default columns', () => {
    expect(databasesTable([REAL_DB])).toEqual([
      'DATABASES:',
      'DB:ID NAME       TYPE  STATUS SHARDS PLACEMENT REPLICATION PERSISTENCE ENDPOINT',
      'db:1  default-db redis active 1      dense     disabled    disabled    redis-14968.docker-cluster:14968',
    ]);
    expect(endpointsTable([REAL_DB, { ...REAL_DB, uid: 2, name: 'tls', tls_mode: 'enabled', endpoints: [{ ...REAL_DB.endpoints![0]!, uid: '2:1', addr: ['203.0.113.9'] }] }], [REAL_NODE])).toEqual([
      'ENDPOINTS:',
      'DB:ID NAME       ID           NODE   ROLE   SSL',
      'db:1  default-db endpoint:1:1 node:1 single No',
      'db:2  tls        endpoint:2:1 -      single Yes',
    ]);
  });

  it('prints memory in binary units with at most two decimals', () => {
    expect([memory(0), memory(2181038), memory(16_011_542_528), memory(undefined)]).toEqual(['0B', '2.08MB', '14.91GB', '-']);
  });
});
