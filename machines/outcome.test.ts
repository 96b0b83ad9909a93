import { describe, expect, it } from 'vitest';
import { createActor, enqueueActions, setup, transition, type AnyStateMachine, type AnyStateNode } from 'xstate';
import type { Command } from '../domain/commands.ts';
import { initialState } from '../domain/state.ts';
import { certificateMachine } from './certificate.machine.ts';
import { clusterMachine, clusterSnapshot } from './cluster.machine.ts';
import { databaseMachine } from './database.machine.ts';
import { decide } from './decide.ts';
import { nodeMachine } from './node.machine.ts';
import { pureTransition } from './outcome.ts';
import { enqueueRecord } from './record.ts';
import { exploreCoverage } from './testing/coverage.ts';
import { clusterCommands, DAY, T0 } from './testing/fixtures.ts';
import { verdict } from './testing/verdict.ts';

const stateNodes = (n: AnyStateNode): AnyStateNode[] => [n, ...Object.values(n.states).flatMap(stateNodes)];

describe('the pure transition decide runs the machines with', () => {
  it('decides as XState’s own transition(): accepted, refused, unhandled, nested machines asked', () => {
    // Random sequences are compared too, from core (core/properties.test.ts), where the command generators are.
    const commands: Command[] = [
      { type: 'SetClusterPolicy', data: { dataInternodeEncryption: true } }, // before the cluster exists: refused
      ...clusterCommands(3),
      { type: 'CreateDatabase', data: { name: 'db', memorySize: 100 } },
      { type: 'UpdateDatabase', data: { uid: '1', changes: { name: 'busy' } } }, // refused: still being created
      { type: 'CompleteDatabaseAction', data: { uid: '1' } },
      { type: 'UpdateDatabase', data: { uid: '1', changes: { name: 'renamed' } } },
      { type: 'SetNodeAddress', data: { uid: '2', addr: '10.0.0.1' } }, // refused: in use
      { type: 'PowerOffNode', data: { uid: '3' } },
      { type: 'RotateCertificates', data: {} },
      { type: 'AdvanceClock', data: { now: T0 + 400 * DAY } },
      { type: 'SetClusterPolicy', data: { dataInternodeEncryption: true } },
      { type: 'SetClusterPolicy', data: { dataInternodeEncryption: true } }, // no change: acknowledged
    ];
    let state = initialState();
    const kinds = new Set<boolean>();
    for (const command of commands) {
      const before = clusterSnapshot(state);
      expect(verdict(pureTransition(clusterMachine, before, command as never)), command.type).toEqual(verdict(transition(clusterMachine, before, command as never)));
      const d = decide(state, command);
      kinds.add(d.ok);
      if (d.ok) state = d.state;
    }
    expect([...kinds].sort()).toEqual([false, true]);
  });

  it('serves machines that spawn and invoke nothing, so one inert actor per machine holds no children', () => {
    for (const machine of [clusterMachine, nodeMachine, databaseMachine, certificateMachine] as AnyStateMachine[]) {
      expect(stateNodes(machine.root).flatMap((n) => n.invoke)).toEqual([]);
    }
  });

  it('leaves no client command unhandled in any state of an entity: invalid_state is for the cluster’s own completions alone', () => {
    // Every client command has, in every state an entity can be in, a transition with no guard
    // (its last alternative), so `outcomeOf` answers `unhandled` only to a completion the cluster
    // sends itself after something overtook the work (a node that went down mid-removal), which
    // every caller drops as it drops a completion that changes nothing.
    const clientEvents = { node: ['SetNodeAddress', 'SetNodeExternalAddresses', 'RemoveNode', 'PowerOffNode', 'PowerOnNode'], database: ['UpdateDatabase', 'DeleteDatabase'] };
    for (const [machine, types] of [[nodeMachine, clientEvents.node], [databaseMachine, clientEvents.database]] as const) {
      const live = stateNodes(machine.root).filter((n) => n !== machine.root && n.type !== 'final');
      expect(live.length).toBeGreaterThan(2);
      for (const node of live) for (const type of types) expect(node.on[type]?.some((t) => !t.guard), `${node.id} ${type}`).toBe(true);
    }
  });
});

describe('the cluster machine handles every command in each of its states', () => {
  it('has, in every state, a transition with no guard for each command type, or one for any event', () => {
    // So `outcomeOf` never answers `unhandled` for the cluster machine: with the entities' test
    // above, `unhandled` comes only from an entity's completion the cluster sent itself.
    const types = ['CreateCluster', 'JoinNode', 'SetNodeAddress', 'SetNodeExternalAddresses', 'RemoveNode', 'CreateDatabase', 'UpdateDatabase', 'DeleteDatabase', 'SetClusterPolicy', 'ConfigureCluster', 'SetAlertSettings', 'RotateCertificates', 'CompleteNodeRemoval', 'CompleteDatabaseAction', 'AddHost', 'SetHostAddresses', 'PowerOffNode', 'PowerOnNode', 'HoldPort', 'ReleasePort', 'AdvanceClock'] satisfies Command['type'][];
    const states = stateNodes(clusterMachine.root).filter((n) => n !== clusterMachine.root);
    expect(states.length).toBeGreaterThan(1);
    for (const node of states) {
      for (const type of types) {
        const ts = node.on[type] ?? node.on['*'];
        expect(ts?.some((t) => !t.guard), `${node.id} ${type}`).toBe(true);
      }
    }
  });
});

describe('a transition that emits makes a new snapshot', () => {
  // What the graph tests check over every transition of every machine (emittedUnchanged): a
  // machine that emitted without recording would be caught there, as this one is.
  const event = { type: 'CertificateExpired', data: { nodeUid: '1', plane: 'control', serial: 1 } } as const;
  const counter = (how: 'record' | 'emit only') =>
    setup({ types: { context: {} as { seen: number }, events: {} as { type: 'Go' } } }).createMachine({
      context: { seen: 0 },
      on: {
        Go: {
          actions: enqueueActions(({ context, enqueue }) => {
            if (how === 'record') enqueueRecord(enqueue, context, [event as never], (d) => void (d.seen += 1));
            else enqueue.emit(event as never);
          }),
        },
      },
    });
  const serializeState = (s: any) => JSON.stringify(s.value);

  it('holds of record(): it emits and assigns the fold in one transition', () => {
    const machine = counter('record');
    const before = createActor(machine).getSnapshot();
    const [after, actions] = pureTransition(machine, before, { type: 'Go' });
    expect((actions as { type: string }[]).map((a) => a.type)).toContain('xstate.emit');
    expect(after).not.toBe(before);
    expect(exploreCoverage(machine, { events: [{ type: 'Go' }], serializeState }).emittedUnchanged).toEqual([]);
  });

  it('is seen broken by the exploration where a transition only emits', () => {
    expect(exploreCoverage(counter('emit only'), { events: [{ type: 'Go' }], serializeState }).emittedUnchanged).toEqual(['{} Go']);
  });
});
