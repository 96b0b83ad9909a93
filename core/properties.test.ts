import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClusterAggregate } from './aggregate.ts';
import { transition } from 'xstate';
import { clusterMachine, clusterSnapshot } from '../machines/cluster.machine.ts';
import { decide } from '../machines/decide.ts';
import { pureTransition } from '../machines/outcome.ts';
import { verdict } from '../machines/testing/verdict.ts';
import { evolve } from '../domain/evolve/index.ts';
import { invariantViolations } from './invariants.ts';
import { fold, stateAt } from './replay.ts';
import { initialState, type ClusterState } from '../domain/state.ts';
import { MemoryEventStore, MemorySnapshotStore } from './store/memoryEventStore.ts';
import { sequenceArb } from './testing/arbitraries.ts';

const RUNS = { numRuns: 150 };

describe('the event-sourced core, for any sequence of commands', () => {
  it('[API-ERR-001] never throws, keeps every invariant, and answers each rejection in the API shape', () => {
    fc.assert(
      fc.property(sequenceArb, (commands) => {
        let state = initialState();
        for (const command of commands) {
          const d = decide(state, command);
          if (d.ok) {
            // The machines' own fold of the events is the log's fold of them.
            expect(d.state).toEqual(d.events.reduce(evolve, state));
            state = d.state;
            expect(invariantViolations(state), `after ${JSON.stringify(command)}`).toEqual([]);
          } else {
            expect(d.rejection.status).toBeGreaterThanOrEqual(400);
            expect(d.rejection.status).toBeLessThan(500 + 4); // 4xx, or 503 before the cluster exists
            expect(d.rejection.status).not.toBe(500);
            expect(d.rejection.error_code).toMatch(/^[a-z_]+$/);
            expect(d.rejection.description.length).toBeGreaterThan(0);
          }
        }
      }),
      RUNS,
    );
  });

  it('the machines decide through one inert actor per machine as through XState’s own transition()', () => {
    fc.assert(
      fc.property(sequenceArb, (commands) => {
        let state = initialState();
        for (const command of commands) {
          const before = clusterSnapshot(state);
          expect(verdict(pureTransition(clusterMachine, before, command as never))).toEqual(verdict(transition(clusterMachine, before, command as never)));
          const d = decide(state, command);
          if (d.ok) state = d.state;
        }
      }),
      { numRuns: 60 },
    );
  });

  it('[API-ERR-002] a rejected command appends nothing and leaves the state identical', () => {
    fc.assert(
      fc.property(sequenceArb, (commands) => {
        const store = new MemoryEventStore();
        const cluster = new ClusterAggregate(store);
        for (const command of commands) {
          const before = cluster.state;
          const position = store.position;
          const result = cluster.execute(command);
          if (!result.ok) {
            expect(cluster.state).toBe(before);
            expect(store.position).toBe(position);
          } else if (result.events.length === 0) {
            expect(cluster.state).toBe(before);
          }
        }
      }),
      RUNS,
    );
  });

  it('[API-LOG-001] replaying the log gives the live state, and the state as of every event N', () => {
    fc.assert(
      fc.property(sequenceArb, fc.integer({ min: 1, max: 25 }), (commands, snapshotEvery) => {
        const store = new MemoryEventStore();
        const snapshots = new MemorySnapshotStore();
        const cluster = new ClusterAggregate(store, { snapshots, snapshotEvery });
        const liveAt = new Map<number, ClusterState>([[0, initialState()]]);
        for (const command of commands) {
          if (cluster.execute(command).ok) liveAt.set(store.position, cluster.state);
        }
        expect(stateAt(store, undefined)).toEqual(cluster.state);
        expect(new ClusterAggregate(store, { snapshots }).state).toEqual(cluster.state);
        for (const [position, live] of liveAt) {
          // Snapshot + tail, and the full replay up to N, both give what was live after event N.
          expect(stateAt(store, snapshots, position)).toEqual(live);
          expect(fold(store.read(0, position))).toEqual(live);
        }
      }),
      RUNS,
    );
  });

  it('[API-LOG-001] the batched fold equals applying evolve one event at a time', () => {
    fc.assert(
      fc.property(sequenceArb, (commands) => {
        const store = new MemoryEventStore();
        const cluster = new ClusterAggregate(store);
        for (const command of commands) cluster.execute(command);
        const oneByOne = [...store.read()].reduce((s, e) => evolve(s, { type: e.type, data: e.data } as never), initialState());
        expect(fold(store.read())).toEqual(oneByOne);
      }),
      RUNS,
    );
  });
});
