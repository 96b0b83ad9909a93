import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transition, type AnyStateMachine, type AnyStateNode } from 'xstate';
import { sequenceArb } from '../core/testing/arbitraries.ts';
import { initialState } from '../domain/state.ts';
import { certificateMachine } from './certificate.machine.ts';
import { clusterMachine, clusterSnapshot } from './cluster.machine.ts';
import { databaseMachine } from './database.machine.ts';
import { decide } from './decide.ts';
import { nodeMachine } from './node.machine.ts';
import { pureTransition } from './outcome.ts';

/** What a transition decided, as data: the snapshot's value and context, the actions' types and params. */
const verdict = ([after, actions]: [unknown, unknown[]]) => {
  const s = after as { value: unknown; context: unknown; status: string };
  return { value: s.value, context: s.context, status: s.status, actions: (actions as { type: string; params: unknown }[]).map((a) => ({ type: a.type, params: a.params })) };
};

const stateNodes = (n: AnyStateNode): AnyStateNode[] => [n, ...Object.values(n.states).flatMap(stateNodes)];

describe('the pure transition decide runs the machines with', () => {
  it('decides as XState’s own transition() for any command in any state', () => {
    fc.assert(
      fc.property(sequenceArb, (commands) => {
        let state = initialState();
        for (const command of commands) {
          const before = clusterSnapshot(state);
          expect(verdict(pureTransition(clusterMachine, before, command as never))).toEqual(verdict(transition(clusterMachine, before, command as never) as [unknown, unknown[]]));
          const d = decide(state, command);
          if (d.ok) state = d.state;
        }
      }),
      { numRuns: 60 },
    );
  });

  it('serves machines that spawn and invoke nothing, so one inert actor per machine holds no children', () => {
    for (const machine of [clusterMachine, nodeMachine, databaseMachine, certificateMachine] as AnyStateMachine[]) {
      expect(stateNodes(machine.root).flatMap((n) => n.invoke)).toEqual([]);
    }
  });
});
