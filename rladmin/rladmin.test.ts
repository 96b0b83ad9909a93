import { afterEach, describe, expect, it } from 'vitest';
import { inProcessTarget } from '../conformance/target/inProcess.ts';
import { TargetUnreachable } from '../api/target.ts';
import { rladmin } from './rladmin.ts';

// Every command runs against the built-in mock in this process, through its REST API handlers.
const WAITING = { waitMs: 5_000, pollMs: 5 };
let target: ReturnType<typeof inProcessTarget>;

function fresh(settleMs = 5) {
  target = inProcessTarget({ settleMs });
  return target;
}
const run = (line: string) => rladmin(line.split(' '), target.api, WAITING);
const node = async (uid: number) => (await target.api('GET', `/v1/nodes/${uid}`)).body;
const power = (uid: number, state: 'up' | 'down') => target.control!('POST', `/nodes/${uid}/power`, { state });

afterEach(() => target?.close());

describe('rladmin node … addr set', () => {
  it('[NODE-ADDR-005] is refused in the cluster\'s words while the node is up, and done once it is down', async () => {
    fresh();
    expect(await run('node 2 addr set 10.0.0.22')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error: The internal address of node 2 can be changed only while the node is offline (node_not_offline)\n',
    });
    expect((await node(2)).addr).toBe('10.0.0.2');
    await power(2, 'down');
    expect(await run('node 2 addr set 10.0.0.22')).toEqual({ code: 0, stdout: 'Updated successfully.\n', stderr: '' });
    expect((await node(2)).addr).toBe('10.0.0.22');
  });

  it('reports an unknown node and a malformed address as the cluster words them', async () => {
    fresh();
    const missing = await run('node 9 addr set 10.0.0.9');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^Error: .*\(node_not_found\)\n$/);
    await power(2, 'down');
    const bad = await run('node 2 addr set 10.0.0.300');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^Error: .*10\.0\.0\.300.*\(\w+\)\n$/);
    expect((await node(2)).addr).toBe('10.0.0.2');
  });
});

describe('rladmin node … external_addr', () => {
  it('[NODE-ADDR-006] sets, adds and removes external addresses on an active node', async () => {
    fresh();
    expect(await run('node 2 external_addr set 198.51.100.2 198.51.100.3')).toMatchObject({ code: 0, stdout: 'Updated successfully.\n' });
    expect((await node(2)).external_addr).toEqual(['198.51.100.2', '198.51.100.3']);
    expect(await run('node 2 external_addr add 2001:db8::7')).toMatchObject({ code: 0, stdout: 'Updated successfully.\n' });
    expect((await node(2)).external_addr).toEqual(['198.51.100.2', '198.51.100.3', '2001:db8::7']);
    // The address is compared in its canonical form: 2001:DB8:0::7 names the one added above.
    expect(await run('node 2 external_addr remove 2001:DB8:0::7')).toMatchObject({ code: 0, stdout: 'Updated successfully.\n' });
    expect(await run('node 2 external_addr remove 198.51.100.3')).toMatchObject({ code: 0 });
    expect((await node(2)).external_addr).toEqual(['198.51.100.2']);
  });

  it('[NODE-ADDR-006] works on a down node too', async () => {
    fresh();
    await power(3, 'down');
    expect(await run('node 3 external_addr add 198.51.100.30')).toMatchObject({ code: 0 });
    expect((await node(3)).external_addr).toEqual(['198.51.100.30']);
  });

  it('refuses to remove an address the node does not have, and passes a duplicate on to the cluster', async () => {
    fresh();
    expect(await run('node 1 external_addr remove 198.51.100.9')).toEqual({ code: 1, stdout: '', stderr: 'Error: 198.51.100.9 is not an external address of node 1\n' });
    await run('node 1 external_addr set 198.51.100.1');
    const twice = await run('node 1 external_addr add 198.51.100.1');
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/listed twice.*\(\w+\)/);
    expect((await node(1)).external_addr).toEqual(['198.51.100.1']);
    expect((await run('node 7 external_addr add 198.51.100.1')).stderr).toMatch(/\(node_not_found\)/);
  });
});

describe('rladmin node … remove', () => {
  it('[NODE-LIFE-002] waits until the node is gone, then prints the real tool\'s lines', async () => {
    fresh();
    expect(await run('node 3 remove')).toEqual({ code: 0, stdout: 'Performing remove action on node:3: 100%\nOK\n', stderr: '' });
    expect((await target.api('GET', '/v1/nodes/3')).status).toBe(404);
    expect(await run('node 2 remove wait_for_persistence enabled')).toMatchObject({ code: 0 });
  });

  it('reports a removal that fails while it waits, and one that does not finish in time', async () => {
    fresh(60_000);
    const removing = rladmin(['node', '3', 'remove'], target.api, WAITING);
    await new Promise((r) => setTimeout(r, 30));
    await power(3, 'down'); // a node that goes down during its removal stays a member
    expect(await removing).toEqual({ code: 1, stdout: '', stderr: 'Error: the removal of node 3 did not complete (failed: node went down during removal)\n' });
    const slow = await rladmin(['node', '2', 'remove'], target.api, { waitMs: 40, pollMs: 5 });
    expect(slow).toMatchObject({ code: 1, stderr: 'Error: node 2 is still being removed after 0 s; the removal goes on in the cluster\n' });
  });

  it('reports a refused removal in the cluster\'s words', async () => {
    fresh();
    const r = await run('node 9 remove');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\(node_not_found\)\n$/);
  });
});

describe('rladmin tune', () => {
  const create = async (name: string) => (await target.api('POST', '/v1/bdbs', { name, memory_size: 104857600 })).body.uid as number;
  const encrypted = async (uid: number) => (await target.api('GET', `/v1/bdbs/${uid}`)).body.data_internode_encryption;

  it('[ENC-DATA-002] turns a database\'s encryption on and off by name, db:<id> or bare id, once the change is done', async () => {
    fresh();
    const uid = await create('cache');
    target.cluster.settle();
    expect(await run('tune db cache data_internode_encryption enabled')).toEqual({ code: 0, stdout: 'Finished successfully\n', stderr: '' });
    const db = (await target.api('GET', `/v1/bdbs/${uid}`)).body;
    expect(db).toMatchObject({ data_internode_encryption: true, status: 'active' });
    expect(await run(`tune db db:${uid} data_internode_encryption disabled`)).toMatchObject({ code: 0 });
    expect(await encrypted(uid)).toBe(false);
    expect(await run(`tune db ${uid} data_internode_encryption enabled`)).toMatchObject({ code: 0 });
    expect(await encrypted(uid)).toBe(true);
  });

  it('says which database it cannot find, and gives up waiting on a change that does not finish', async () => {
    fresh(60_000);
    expect(await run('tune db nosuch data_internode_encryption enabled')).toEqual({ code: 1, stdout: '', stderr: "Error: there is no database named 'nosuch'\n" });
    expect((await run('tune db db:42 data_internode_encryption enabled')).stderr).toMatch(/\(bdb_not_found\)\n$/);
    const uid = await create('slow');
    target.cluster.settle();
    const r = await rladmin(['tune', 'db', 'slow', 'data_internode_encryption', 'enabled'], target.api, { waitMs: 30, pollMs: 5 });
    expect(r).toMatchObject({ code: 1, stderr: `Error: database ${uid} is still applying the change after 0 s\n` });
  });

  it('[ENC-DATA-004] sets the cluster policy that new databases take', async () => {
    fresh();
    expect(await run('tune cluster data_internode_encryption enabled')).toEqual({ code: 0, stdout: 'Finished successfully\n', stderr: '' });
    expect((await target.api('GET', '/v1/cluster/policy')).body).toEqual({ data_internode_encryption: true });
    expect(await encrypted(await create('born-encrypted'))).toBe(true);
  });
});

describe('rladmin cluster config', () => {
  it('[PORT-CM-001] moves cm_port and the API ports, and reports a refusal in the cluster\'s words', async () => {
    fresh();
    expect(await run('cluster config cm_port 8543')).toEqual({ code: 0, stdout: 'Cluster configured successfully\n', stderr: '' });
    expect(await run('cluster config cnm_http_port 8181')).toMatchObject({ code: 0 });
    expect(await run('cluster config cnm_https_port 9543')).toMatchObject({ code: 0 });
    expect((await target.api('GET', '/v1/cluster')).body).toMatchObject({ cm_port: 8543, cnm_http_port: 8181, cnm_https_port: 9543 });
    const low = await run('cluster config cm_port 80');
    expect(low.code).toBe(1);
    expect(low.stderr).toMatch(/^Error: .*80.*\(\w+\)\n$/);
    const taken = await run('cluster config cm_port 9543');
    expect(taken).toMatchObject({ code: 1, stderr: expect.stringMatching(/\(bad_nginx_conf\)\n$/) });
    expect((await target.api('GET', '/v1/cluster')).body.cm_port).toBe(8543);
  });

  it('turns http_support off and on', async () => {
    fresh();
    expect(await run('cluster config http_support disabled')).toEqual({ code: 0, stdout: 'Cluster configured successfully\n', stderr: '' });
    expect((await target.api('GET', '/v1/cluster')).body.http_support).toBe(false);
    expect(await run('cluster config http_support enabled')).toMatchObject({ code: 0 });
    expect((await target.api('GET', '/v1/cluster')).body.http_support).toBe(true);
  });
});

describe('rladmin status', () => {
  it('prints the nodes, databases and endpoints tables with what the API gives', async () => {
    fresh();
    await run('node 2 external_addr set 198.51.100.2 2001:db8::2');
    await power(3, 'down');
    await target.api('POST', '/v1/bdbs', { name: 'cache', memory_size: 104857600, port: 12000 });
    target.cluster.settle();
    const r = await run('status');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'CLUSTER NODES:',
        'NODE:ID ROLE   ADDRESS  EXTERNAL_ADDRESS         HOSTNAME SHARDS CORES FREE_RAM      PROVISIONAL_RAM VERSION        STATUS',
        'node:1  master 10.0.0.1                          host-1   1/100  14    7.56GB/7.65GB 6.02GB/6.12GB   100.0.21-16135 OK',
        'node:2  slave  10.0.0.2 198.51.100.2,2001:db8::2 host-2   0/100  14    7.65GB/7.65GB 6.12GB/6.12GB   100.0.21-16135 OK',
        'node:3  slave  10.0.0.3                          host-3   0/100  14    0B/7.65GB     0B/0B           100.0.21-16135 DOWN',
        '',
        'DATABASES:',
        'DB:ID NAME  TYPE  STATUS SHARDS PLACEMENT REPLICATION PERSISTENCE ENDPOINT',
        'db:1  cache redis active 1      dense     disabled    disabled    redis-12000.cluster.mock.local:12000',
        '',
        'ENDPOINTS:',
        'DB:ID NAME  ID           NODE   ROLE   SSL',
        'db:1  cache endpoint:1:1 node:1 single No',
        '',
      ].join('\n'),
    );
    expect((await run('status nodes')).stdout).toMatch(/^CLUSTER NODES:\n(?![\s\S]*DATABASES)/);
    expect((await run('status databases')).stdout).toMatch(/^DATABASES:\nDB:ID NAME  TYPE  STATUS SHARDS PLACEMENT REPLICATION PERSISTENCE ENDPOINT\ndb:1 /);
    expect((await run('status endpoints')).stdout).toMatch(/^ENDPOINTS:\n[\s\S]*endpoint:1:1/);
  });
});

describe('rladmin syntax', () => {
  it('answers wrong syntax with the usage of the nearest commands and exit 2, without asking the cluster', async () => {
    let asked = 0;
    const api = async () => {
      asked++;
      return { status: 200, body: [] };
    };
    const cases: [string, RegExp, RegExp][] = [
      ['node 2 addr set', /^Syntax error: missing <ip>\./, /Usage:\n {2}rladmin node <id> addr set <ip>\n$/],
      ['node 2 external_addr', /^Syntax error: missing 'set', 'add' or 'remove'\./, /external_addr set <ip> \.\.\.\n.*external_addr add <ip>\n.*external_addr remove <ip>\n$/],
      ['node two addr set 10.0.0.1', /^Syntax error: 'two' is not a node id/, /rladmin node <id> remove/],
      ['node 2 addr set 10.0.0.1 10.0.0.2', /^Syntax error: unexpected '10\.0\.0\.2'\./, /addr set <ip>\n$/],
      ['tune db cache data_internode_encryption on', /^Syntax error: data_internode_encryption must be enabled or disabled, not 'on'\./, /tune db <db>/],
      ['cluster config cm_port 8443x', /^Syntax error: '8443x' is not a port number\./, /cluster config cm_port <port>\n$/],
      ['cluster config', /^Syntax error: missing 'cm_port', 'cnm_http_port', 'cnm_https_port' or 'http_support'\./, /http_support \{ enabled \| disabled \}\n$/],
      ['frobnicate', /^Unknown command 'frobnicate'\./, /Commands:\n/],
      ['', /^Missing command\./, /Commands:\n/],
    ];
    for (const [line, first, usage] of cases) {
      const r = await rladmin(line ? line.split(' ') : [], api, WAITING);
      expect(r.code, line).toBe(2);
      expect(r.stdout, line).toBe('');
      expect(r.stderr, line).toMatch(first);
      expect(r.stderr, line).toMatch(usage);
    }
    expect(asked).toBe(0);
  });

  it('lists commands with help, or the usage of one command', async () => {
    const api = async () => ({ status: 200, body: undefined });
    expect((await rladmin(['help'], api)).stdout).toMatch(/^Commands:\n {2}rladmin node <id> addr set <ip>\n/);
    expect(await rladmin(['help', 'tune', 'cluster'], api)).toEqual({
      code: 0,
      stdout: 'Usage:\n  rladmin tune cluster data_internode_encryption { enabled | disabled }\n',
      stderr: '',
    });
    expect((await rladmin(['help', 'nope'], api)).code).toBe(2);
  });

  it('reports a target it cannot reach in one line with exit 2', async () => {
    const api = async () => {
      throw new TargetUnreachable('GET https://192.0.2.1/v1/nodes: ECONNREFUSED');
    };
    expect(await rladmin(['status'], api)).toEqual({ code: 2, stdout: '', stderr: 'Cannot reach the cluster: GET https://192.0.2.1/v1/nodes: ECONNREFUSED\n' });
  });
});
