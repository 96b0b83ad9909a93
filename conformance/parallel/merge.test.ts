import { describe, expect, it } from 'vitest';
import { allTransitions } from '../../machines/introspect.ts';
import { Coverage, MACHINES } from '../coverage.ts';
import { CANONICAL, canonicalOrder } from './merge.ts';

describe('merging the runs of parts of the areas', () => {
  it('carries the transitions a coverage took across threads as plain data, whole', () => {
    const some = new Coverage();
    const [cluster, node] = [allTransitions(MACHINES[0]!), allTransitions(MACHINES[1]!)];
    some.add([cluster[0]!, cluster[5]!, node[2]!]);
    const other = new Coverage();
    other.add([cluster[5]!, node[7]!]);
    const merged = new Coverage();
    merged.addTaken(JSON.parse(JSON.stringify(some.takenIds())));
    merged.addTaken(JSON.parse(JSON.stringify(other.takenIds())));
    const union = new Coverage();
    union.add([cluster[0]!, cluster[5]!, node[2]!, node[7]!]);
    expect(merged.report()).toEqual(union.report());
    expect(merged.size).toBe(4);
  });

  it('orders areas as a one-process run reports them: the checks, then the areas', () => {
    expect(canonicalOrder([...CANONICAL].reverse())).toEqual([...CANONICAL]);
    expect(canonicalOrder(['reads', 'mixed'])).toEqual(CANONICAL.filter((n) => n === 'reads' || n === 'mixed'));
  });
});
