import { describe, expect, it } from 'vitest';
import { clusterCommands, given } from '../machines/testing/fixtures.ts';
import { decideAll } from './decide.ts';
import { pendingCompletions } from './pending.ts';

describe('pending work', () => {
  const start = given([...clusterCommands(3), { type: 'CreateDatabase', data: { name: 'a', memorySize: 1 } }]);

  it('is every database not active and every node being removed, as the commands that finish them', () => {
    const d = decideAll(start, [{ type: 'RemoveNode', data: { uid: '3' } }]);
    if (!d.ok) throw new Error(d.rejection.description);
    expect(pendingCompletions(d.state)).toEqual([
      { type: 'CompleteDatabaseAction', data: { uid: '1' } },
      { type: 'CompleteNodeRemoval', data: { uid: '3' } },
    ]);
  });

  it('after a change, is only the work of the entities its events name', () => {
    const d = decideAll(start, [{ type: 'RemoveNode', data: { uid: '3' } }]);
    if (!d.ok) throw new Error(d.rejection.description);
    const events = d.events.map((e, i) => ({ ...e, position: i + 1, at: 0 })) as never;
    expect(pendingCompletions(d.state, events)).toEqual([{ type: 'CompleteNodeRemoval', data: { uid: '3' } }]);
    expect(pendingCompletions(d.state, [])).toEqual([]);
  });
});
