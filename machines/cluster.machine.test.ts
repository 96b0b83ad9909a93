import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import type { Command } from '../domain/commands.ts';
import { DEFAULT_CONFIG } from '../domain/state.ts';
import { accepted, clusterCommands, given, rejected, types } from './testing/fixtures.ts';
import { SYSTEM_RESERVED } from '../domain/rules/ports.ts';

const running = given(clusterCommands(3));
const create = (data: object = {}): Command => ({ type: 'CreateDatabase', data: { name: 'db', memorySize: 100, ...data } });
const configure = (data: object): Command => ({ type: 'ConfigureCluster', data });
const hold = (port: number): Command => ({ type: 'HoldPort', data: { port } });

describe('database endpoint ports', () => {
  it('[PORT-DB-001] ports are assigned from 10000-19999 when none is given', () => {
    const state = given([create(), create(), create()], running);
    expect(Object.values(state.databases).map((d) => [d.port, d.portAutoAssigned])).toEqual([
      [10000, true],
      [10001, true],
      [10002, true],
    ]);
  });

  it('[PORT-DB-002] an assigned port skips ports in use, by databases or by other processes', () => {
    const state = given([hold(10000), create({ port: 10001 }), create()], running);
    expect(state.databases['2']!.port).toBe(10002);
  });

  it('[PORT-DB-001] when every port of the range is in use, creation is refused', () => {
    // Built directly: ten thousand HoldPort commands would only make the test slow.
    const state = produce(running, (d) => {
      for (let p = 10_000; p <= 19_999; p++) d.foreignPorts.push(p);
    });
    expect(rejected(state, create())).toMatchObject({ status: 406, error_code: 'port_unavailable' });
    expect(accepted(state, create({ port: 21 })).state.databases['1']!.port).toBe(21);
  });

  it('[PORT-DB-003] an explicit port, even outside the range, is checked only for being in use or reserved', () => {
    expect(accepted(running, create({ port: 6379 })).state.databases['1']).toMatchObject({ port: 6379, portAutoAssigned: false });
    const taken = given([create({ port: 6379 })], running);
    expect(rejected(taken, create({ port: 6379 }))).toEqual({ status: 406, error_code: 'port_unavailable', description: 'Port 6379 is used by database 1' });
    expect(rejected(given([hold(6380)], running), create({ port: 6380 })).description).toBe('Port 6380 is in use by another process');
    expect(rejected(running, create({ port: 70000 }))).toMatchObject({ status: 400, error_code: 'invalid_port' });
  });

  it('[PORT-DB-004] a database\'s port never changes after creation', () => {
    const state = given([create(), { type: 'CompleteDatabaseAction', data: { uid: '1' } }], running);
    expect(rejected(state, { type: 'UpdateDatabase', data: { uid: '1', changes: { port: 12000 } } })).toMatchObject({
      status: 406,
      error_code: 'port_change_not_allowed',
    });
    // The API reports an assigned port as 0: sending that back is not a change.
    expect(accepted(state, { type: 'UpdateDatabase', data: { uid: '1', changes: { port: 0 } } }).events).toEqual([]);
  });

  it('[PORT-DB-005] [PORT-TBL-001] [ENC-TLS-004] ports the cluster uses are never given to a database', () => {
    const cluster = [...SYSTEM_RESERVED.flatMap((r) => [r.from, r.to]), 3342, DEFAULT_CONFIG.cmPort, DEFAULT_CONFIG.cnmHttpPort, DEFAULT_CONFIG.cnmHttpsPort];
    for (const port of cluster) expect(rejected(running, create({ port })).error_code, `port ${port}`).toBe('port_unavailable');
    expect(rejected(running, create({ port: 3342 })).description).toBe('Port 3342 is reserved by the cluster (internode encryption (TLS))');
  });
});

describe('cluster ports and http_support', () => {
  it('[PORT-TBL-002] the REST API is on 9443 (HTTPS) and 8080 (HTTP), the UI on 8443, by default', () => {
    expect(running.config).toEqual({ cmPort: 8443, cnmHttpPort: 8080, cnmHttpsPort: 9443, httpSupport: true });
  });

  it('[PORT-CM-001] cm_port moves to a port not in use', () => {
    const { events, state } = accepted(running, configure({ cmPort: 8500 }));
    expect(events).toEqual([{ type: 'ClusterConfigured', data: { changes: { cmPort: 8500 } } }]);
    expect(state.config.cmPort).toBe(8500);
    // The old port is free again.
    expect(accepted(state, create({ port: 8443 })).state.databases['1']!.port).toBe(8443);
  });

  it('[PORT-CM-001] cm_port is refused a port in use by another process, a database or the cluster', () => {
    expect(rejected(given([hold(8500)], running), configure({ cmPort: 8500 }))).toEqual({
      status: 400,
      error_code: 'bad_nginx_conf',
      description: 'Cannot set cm_port to 8500: the port is in use by another process',
    });
    expect(rejected(given([create({ port: 8500 })], running), configure({ cmPort: 8500 })).error_code).toBe('bad_nginx_conf');
    expect(rejected(running, configure({ cmPort: 9443 })).error_code).toBe('bad_nginx_conf');
    expect(rejected(running, configure({ cmPort: 3342 })).error_code).toBe('bad_nginx_conf');
  });

  it('[PORT-CM-002] cluster ports must be 1024-65535', () => {
    for (const port of [80, 1023, 65536, 8443.5, '8443']) {
      expect(rejected(running, configure({ cmPort: port })), String(port)).toMatchObject({ status: 400, error_code: 'invalid_port' });
    }
    expect(accepted(running, configure({ cmPort: 1024 })).state.config.cmPort).toBe(1024);
  });

  it('[PORT-CM-003] cnm_http_port and cnm_https_port follow the same rules, and two ports may swap', () => {
    expect(rejected(running, configure({ cnmHttpPort: 8443 })).error_code).toBe('bad_nginx_conf');
    expect(rejected(running, configure({ cnmHttpsPort: 80 })).error_code).toBe('invalid_port');
    const swapped = accepted(running, configure({ cnmHttpPort: 9443, cnmHttpsPort: 8080 })).state.config;
    expect([swapped.cnmHttpPort, swapped.cnmHttpsPort]).toEqual([9443, 8080]);
    expect(rejected(running, configure({ cnmHttpPort: 9000, cnmHttpsPort: 9000 })).error_code).toBe('bad_nginx_conf');
  });

  it('[PORT-HTTP-001] http_support is enabled by default', () => {
    expect(running.config.httpSupport).toBe(true);
  });

  it('[PORT-HTTP-002] [PORT-HTTP-003] http_support can be disabled and enabled again', () => {
    const off = accepted(running, configure({ httpSupport: false }));
    expect(off.state.config.httpSupport).toBe(false);
    expect(accepted(off.state, configure({ httpSupport: false })).events).toEqual([]);
    expect(accepted(off.state, configure({ httpSupport: true })).state.config.httpSupport).toBe(true);
    expect(rejected(running, configure({ httpSupport: 'disabled' })).error_code).toBe('invalid_parameter');
  });
});

describe('requests to a cluster that does not exist, and unknown requests', () => {
  it('[API-ERR-001] before creation, cluster requests get 503 in the error shape', () => {
    const hostsOnly = given(clusterCommands(1).slice(0, 2));
    expect(rejected(hostsOnly, create())).toEqual({ status: 503, error_code: 'cluster_not_initialized', description: 'The node is not part of a cluster' });
  });

  it('[API-ERR-001] a malformed command is refused, not thrown', () => {
    expect(rejected(running, { type: 'Explode', data: {} } as never).error_code).toBe('invalid_parameter');
    expect(rejected(running, { type: 'CreateDatabase' } as never).error_code).toBe('invalid_parameter');
    expect(rejected(running, null as never).error_code).toBe('invalid_parameter');
  });

  it('[API-LOG-001] each accepted change is events; creating the cluster twice is refused', () => {
    expect(types(accepted(running, configure({ cmPort: 8500 })).events)).toEqual(['ClusterConfigured']);
    expect(rejected(running, clusterCommands(1)[2]!)).toMatchObject({ status: 409, error_code: 'cluster_already_exists' });
  });
});
