import { describe, expect, it } from 'vitest';
import type { Command } from '../../domain/commands.ts';
import { clusterCommands, given } from '../../machines/testing/fixtures.ts';
import { checkLinearizable, type Operation } from '../linearizability/index.ts';
import { clusterModel, type ConcurrentInput, type ConcurrentOutput, type DatabaseView } from './clusterModel.ts';

const MiB100 = 104_857_600;
const MiB200 = 209_715_200;
const running = given([...clusterCommands(), { type: 'CreateDatabase', data: { name: 'db', memorySize: MiB100 } }, { type: 'CompleteDatabaseAction', data: { uid: '1' } }]);

const update = (changes: object): ConcurrentInput => ({ label: JSON.stringify(changes), db: '1', commands: [{ type: 'UpdateDatabase', data: { uid: '1', changes } } as Command] });
const read: ConcurrentInput = { label: 'GET /v1/bdbs/1', db: '1', commands: [], read: true };
const view = (status: string, encrypted: boolean, memory: number): ConcurrentOutput => ({ status: 200, shown: { status, data_internode_encryption: encrypted, memory_size: memory } as DatabaseView });
const ok: ConcurrentOutput = { status: 200 };
const busy: ConcurrentOutput = { status: 409, error_code: 'busy' };

let id = 0;
const op = (input: ConcurrentInput, output: ConcurrentOutput, call: number, ret: number): Operation<ConcurrentInput, ConcurrentOutput> => ({ id: id++, client: id, input, output, call, ret });
const check = (ops: Operation<ConcurrentInput, ConcurrentOutput>[]) => checkLinearizable(clusterModel(running, 'model'), ops).outcome;

describe('the machines as the checker sequential model', () => {
  const encrypt = update({ dataInternodeEncryption: true });
  const grow = update({ memorySize: MiB200 });

  it('takes two overlapping changes as one accepted and the other refused busy, in either order', () => {
    expect(check([op(encrypt, ok, 0, 10), op(grow, busy, 1, 9), op(read, view('active', true, MiB100), 20, 21)])).toBe('linearizable');
    expect(check([op(encrypt, busy, 0, 10), op(grow, ok, 1, 9), op(read, view('active', false, MiB200), 20, 21)])).toBe('linearizable');
  });

  it('takes both accepted when the cluster may have finished the first in between, and then both changes stay', () => {
    expect(check([op(encrypt, ok, 0, 10), op(grow, ok, 1, 9), op(read, view('active', true, MiB200), 20, 21)])).toBe('linearizable');
    // A lost update: both accepted, one change gone.
    expect(check([op(encrypt, ok, 0, 10), op(grow, ok, 1, 9), op(read, view('active', false, MiB200), 20, 21)])).toBe('not-linearizable');
  });

  it('refuses a read of a change half applied, and accepts one before or after it, pending or finished', () => {
    const both = update({ dataInternodeEncryption: true, memorySize: MiB200 });
    expect(check([op(both, ok, 0, 10), op(read, view('active', false, MiB100), 1, 2)])).toBe('linearizable');
    expect(check([op(both, ok, 0, 10), op(read, view('active-change-pending', true, MiB200), 1, 2)])).toBe('linearizable');
    expect(check([op(both, ok, 0, 10), op(read, view('active', true, MiB200), 1, 2)])).toBe('linearizable');
    expect(check([op(both, ok, 0, 10), op(read, view('active-change-pending', true, MiB100), 1, 2)])).toBe('not-linearizable');
  });

  it('refuses a busy answer where nothing was pending', () => {
    expect(check([op(grow, busy, 0, 1)])).toBe('not-linearizable');
  });
});
