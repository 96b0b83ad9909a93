import { describe, expect, it } from 'vitest';
import type { Command } from '../domain/commands.ts';
import { accepted, clusterCommands, given, rejected, types } from './testing/fixtures.ts';

const running = given(clusterCommands(3));
const create = (data: Partial<Extract<Command, { type: 'CreateDatabase' }>['data']> = {}): Command => ({
  type: 'CreateDatabase',
  data: { name: 'db1', memorySize: 1024, ...data },
});
const complete = (uid = '1'): Command => ({ type: 'CompleteDatabaseAction', data: { uid } });
const update = (changes: object, uid = '1'): Command => ({ type: 'UpdateDatabase', data: { uid, changes } });
const withDb = given([create(), complete()], running);
const policyOn = given([{ type: 'SetClusterPolicy', data: { dataInternodeEncryption: true } }], running);

describe('database lifecycle', () => {
  it('[DB-LIFE-001] a database is pending, then active; a change is pending until done; a deletion ends in 404', () => {
    const created = accepted(running, create());
    expect(created.state.databases['1']!.status).toBe('pending');
    expect(types(accepted(created.state, complete()).events)).toEqual(['DatabaseCreated']);
    const changing = accepted(withDb, update({ name: 'renamed' }));
    expect(changing.state.databases['1']).toMatchObject({ status: 'active-change-pending', name: 'renamed' });
    expect(accepted(changing.state, complete()).state.databases['1']!.status).toBe('active');
    const deleting = accepted(withDb, { type: 'DeleteDatabase', data: { uid: '1' } });
    expect(deleting.state.databases['1']!.status).toBe('delete-pending');
    const deleted = accepted(deleting.state, complete());
    expect(deleted.state.databases['1']).toBeUndefined();
    expect(rejected(deleted.state, update({ name: 'x' }))).toMatchObject({ status: 404, error_code: 'bdb_not_found' });
  });

  it('[DB-LIFE-002] a database that is not active refuses updates and deletes with 409 busy', () => {
    const pending = given([create()], running);
    const changing = given([update({ name: 'renamed' })], withDb);
    for (const state of [pending, changing]) {
      expect(rejected(state, update({ name: 'other' }))).toMatchObject({ status: 409, error_code: 'busy' });
      expect(rejected(state, { type: 'DeleteDatabase', data: { uid: '1' } })).toMatchObject({ status: 409, error_code: 'busy' });
    }
  });

  it('[API-ERR-001] a database needs a valid name and a positive memory size', () => {
    expect(rejected(running, create({ name: undefined }))).toMatchObject({ status: 400, error_code: 'missing_db_name' });
    expect(rejected(running, create({ name: 'my db' })).error_code).toBe('invalid_db_name');
    expect(rejected(running, create({ name: 'db-' })).error_code).toBe('invalid_db_name');
    expect(rejected(running, create({ memorySize: -5 })).error_code).toBe('invalid_parameter');
    expect(rejected(withDb, create({ uid: 1, name: 'db2' }))).toMatchObject({ status: 409, error_code: 'uid_exists' });
    expect(rejected(withDb, update({ memorySize: 'big' })).error_code).toBe('invalid_parameter');
  });

  it('[API-ERR-001] a field is refused on update exactly as at creation', () => {
    // The value sent at creation and the same value sent on update: one rule, one refusal.
    const cases: [field: string, value: unknown][] = [
      ['name', '-bad'],
      ['name', ''],
      ['name', 42],
      ['memorySize', 0],
      ['memorySize', 'big'],
      ['dataInternodeEncryption', 'yes'],
      ['port', 70_000],
      ['port', 'abc'],
    ];
    for (const [field, value] of cases) {
      const atCreation = rejected(running, create({ [field]: value }));
      expect(rejected(withDb, update({ [field]: value })), `${field} = ${JSON.stringify(value)}`).toEqual(atCreation);
    }
    expect(rejected(withDb, update({ name: '-bad' }))).toMatchObject({ status: 400, error_code: 'invalid_db_name' });
    expect(rejected(withDb, update({ port: 'abc' }))).toMatchObject({ status: 400, error_code: 'invalid_port' });
  });
});

describe('data internode encryption', () => {
  it('[ENC-DATA-001] a new database has data internode encryption disabled by default', () => {
    expect(accepted(running, create()).state.databases['1']!.dataInternodeEncryption).toBe(false);
  });

  it('[ENC-DATA-002] [ENC-DATA-003] enabling it on a database restarts that database\'s proxy', () => {
    const { events, state } = accepted(withDb, update({ dataInternodeEncryption: true }));
    expect(events).toEqual([
      { type: 'DatabaseUpdated', data: { uid: '1', changes: { dataInternodeEncryption: true } } },
      { type: 'DatabaseProxyRestarted', data: { uid: '1', reason: 'data_internode_encryption_changed' } },
    ]);
    expect(state.databases['1']).toMatchObject({ dataInternodeEncryption: true });
  });

  it('[ENC-DATA-003] every change of the setting restarts the proxy, and no other change does', () => {
    const restarts = (changes: object, state: typeof withDb) => types(accepted(state, update(changes)).events).filter((t) => t === 'DatabaseProxyRestarted').length;
    let state = withDb;
    for (const value of [true, false, true]) {
      expect(restarts({ dataInternodeEncryption: value }, state)).toBe(1);
      state = given([update({ dataInternodeEncryption: value }), complete()], state);
    }
    for (const changes of [{ name: 'renamed' }, { memorySize: 2048 }, { settings: { eviction_policy: 'allkeys-lru' } }, { name: 'renamed', memorySize: 2048 }]) {
      expect(restarts(changes, state), JSON.stringify(changes)).toBe(0);
    }
    expect(restarts({ name: 'renamed', dataInternodeEncryption: false }, state)).toBe(1);
  });

  it('[ENC-DATA-004] the cluster policy is the default for new databases', () => {
    expect(accepted(policyOn, create()).state.databases['1']!.dataInternodeEncryption).toBe(true);
    expect(policyOn.policy.dataInternodeEncryption).toBe(true);
  });

  it('[ENC-DATA-005] changing the policy leaves existing databases as they are', () => {
    const { events, state } = accepted(withDb, { type: 'SetClusterPolicy', data: { dataInternodeEncryption: true } });
    expect(types(events)).toEqual(['ClusterPolicyChanged']);
    expect(state.databases['1']).toEqual(withDb.databases['1']);
  });

  it('[ENC-DATA-006] an explicit value at creation beats the policy default', () => {
    expect(accepted(policyOn, create({ dataInternodeEncryption: false })).state.databases['1']!.dataInternodeEncryption).toBe(false);
    expect(accepted(running, create({ dataInternodeEncryption: true })).state.databases['1']!.dataInternodeEncryption).toBe(true);
  });

  it('[ENC-DATA-007] setting it to the value it has changes nothing and restarts nothing', () => {
    expect(accepted(withDb, update({ dataInternodeEncryption: false })).events).toEqual([]);
    expect(accepted(withDb, update({})).events).toEqual([]);
  });

  it('[ENC-DATA-002] a value that is not a boolean is refused', () => {
    expect(rejected(withDb, update({ dataInternodeEncryption: 'enabled' })).error_code).toBe('invalid_parameter');
    expect(rejected(running, create({ dataInternodeEncryption: 1 })).error_code).toBe('invalid_parameter');
    expect(rejected(running, { type: 'SetClusterPolicy', data: { dataInternodeEncryption: 'yes' } }).error_code).toBe('invalid_parameter');
  });
});
