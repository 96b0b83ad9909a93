import { describe, expect, it } from 'vitest';
import type { Model } from '../model.ts';
import { missingUid } from './command.ts';

const model = (databases: string[], mapped: [string, string][]) =>
  ({ state: { nodes: { '1': {} }, databases: Object.fromEntries(databases.map((uid) => [uid, {}])) }, databases: new Map(mapped), nodes: new Map() }) as unknown as Model;

describe('a "missing" pick', () => {
  it('names no uid the model or the target has, however high an adopted cluster numbers', () => {
    // An adopted cluster's database 999, and a database of the run the target numbered 1500.
    const m = model(['999', '3'], [['3', '1500']]);
    const uid = missingUid(m, 'databases');
    expect(['999', '3', '1500']).not.toContain(uid);
    expect(Number(uid)).toBeGreaterThan(1500);
    expect(missingUid(m, 'nodes')).not.toBe('1');
  });
});
