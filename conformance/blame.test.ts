import { describe, expect, it } from 'vitest';
import { topologyCommands } from '../core/topology.ts';
import { decidingRequirements, narrow, orFallback } from './blame.ts';
import { CreateDatabase } from './commands/createDatabase.ts';
import { Model } from './model.ts';

const modelWithDatabase = () => {
  const m = new Model();
  const { decision } = m.predict([...topologyCommands({ nodes: 3, spareHosts: 0 }, Date.UTC(2026, 0, 1))]);
  if (!decision.ok) throw new Error('topology refused');
  m.accept(decision);
  const created = m.predict(new CreateDatabase({ name: 'db', port: 12000 }).step(m).commands);
  if (!created.decision.ok) throw new Error('database refused');
  m.accept(created.decision);
  m.settle();
  return m;
};

describe('which requirements a failure names', () => {
  it('a port collision names the refusal check that decided it, not the command\'s ten', () => {
    const m = modelWithDatabase();
    const command = new CreateDatabase({ name: 'other', port: 12000 });
    const { decision, taken } = m.predict(command.step(m).commands);
    expect(decision.ok).toBe(false);
    const named = decidingRequirements(taken, true);
    expect(named).toEqual(['PORT-DB-002', 'PORT-DB-003', 'PORT-DB-005', 'PORT-TBL-001']);
    expect(command.reqs.length).toBe(11);
  });

  it('an acceptance names the entity transitions, not the delegation to them', () => {
    const m = modelWithDatabase();
    const uid = Object.keys(m.state.databases)[0]!;
    const { decision, taken } = m.predict([{ type: 'UpdateDatabase', data: { uid, changes: { dataInternodeEncryption: true } } }]);
    expect(decision.ok).toBe(true);
    expect(decidingRequirements(taken, false)).toEqual(['ENC-DATA-002', 'ENC-DATA-003']);
  });

  it('narrows a field to what the step exercised, and keeps the fallback only where nothing is known', () => {
    expect(narrow(['ENC-DATA-002', 'ENC-DATA-005', 'ENC-DATA-007'], ['ENC-DATA-004', 'ENC-DATA-005'])).toEqual(['ENC-DATA-005']);
    expect(narrow(['PORT-DB-006'], ['DB-LIFE-001'])).toEqual(['PORT-DB-006']);
    expect(orFallback([], ['A', 'B'])).toEqual(['A', 'B']);
    expect(orFallback(['C'], ['A', 'B'])).toEqual(['C']);
  });
});
