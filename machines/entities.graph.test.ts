import { describe, expect, it } from 'vitest';
import { transition, type AnyStateMachine } from 'xstate';
import type { CertificateState, DatabaseState, NodeState } from '../domain/state.ts';
import { certificateMachine, type CertificateMachineEvent } from './certificate.machine.ts';
import { databaseMachine, type DatabaseMachineEvent } from './database.machine.ts';
import { nodeMachine, type NodeMachineEvent } from './node.machine.ts';
import { allStateNodes, allTransitions, describeTransition } from './introspect.ts';
import { exploreCoverage, type Coverage } from './testing/coverage.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

function expectFullCoverage(machine: AnyStateMachine, coverage: Coverage) {
  const unreached = allStateNodes(machine).map((n) => n.id).filter((id) => !coverage.reachedStates.has(id));
  const untaken = allTransitions(machine).filter((t) => !coverage.takenTransitions.has(t)).map(describeTransition);
  expect(unreached, 'states no generated path reaches').toEqual([]);
  expect(untaken, 'transitions no generated path takes').toEqual([]);
  // Over every transition: one that emits also makes a new snapshot (outcome.ts).
  expect(coverage.emittedUnchanged, 'transitions that emitted and kept the snapshot').toEqual([]);
}

/**
 * After every step the machine's state value and the status its context was folded to by the
 * log's reducer must agree: the machine and the event log describe one lifecycle.
 */
function statusAgrees(machine: AnyStateMachine, input: unknown, events: readonly unknown[], finals: readonly string[]) {
  let snap = machine.resolveState({ value: (input as { status: string }).status, context: input });
  for (const e of events) {
    [snap] = transition(machine, snap, e as never);
    if (!finals.includes(snap.value as string)) expect(snap.context.status).toBe(snap.value);
  }
}

describe('node machine', () => {
  const input: NodeState = { uid: '2', hostId: 'h2', status: 'active', addr: '10.0.0.2', externalAddrs: [] };
  const taken = { '10.0.0.3': 'node 3 (internal address)' };
  const events: NodeMachineEvent[] = [
    ...['10.0.0.9', '10.0.0.2', '10.0.0.300', '2001:db8::9', '10.0.0.3'].map(
      (addr): NodeMachineEvent => ({ type: 'SetNodeAddress', addr, family: 'ipv4', taken }),
    ),
    ...[['203.0.113.5'], [], ['not an address'], ['10.0.0.3']].map(
      (externalAddrs): NodeMachineEvent => ({ type: 'SetNodeExternalAddresses', externalAddrs, taken }),
    ),
    { type: 'RemoveNode', otherActiveNodes: 0 },
    { type: 'RemoveNode', otherActiveNodes: 2 },
    { type: 'CompleteNodeRemoval' },
    { type: 'PowerOffNode' },
    { type: 'PowerOnNode', boundAddrs: ['10.0.0.2'] },
    { type: 'PowerOnNode', boundAddrs: ['10.0.0.9'] },
  ];
  const serializeState = (s: any) => JSON.stringify([s.value, s.context.addr, s.context.externalAddrs]);

  it('[NODE-LIFE-001] xstate/graph paths reach every state and take every transition', () => {
    const coverage = exploreCoverage(nodeMachine, { events, serializeState, input });
    expect(coverage.paths).toBeGreaterThan(4);
    expectFullCoverage(nodeMachine, coverage);
  });

  it('[NODE-LIFE-001] its state value always equals the status the log folds to', () => {
    const [setAddr, , , , , , , , , , removeWithSpare, complete, powerOff, powerOnOldAddr, powerOnNewAddr] = events;
    statusAgrees(
      nodeMachine,
      input,
      [powerOff, setAddr, powerOnOldAddr, powerOnNewAddr, removeWithSpare, powerOff, removeWithSpare, complete],
      ['removed'],
    );
  });
});

describe('database machine', () => {
  const input: DatabaseState = {
    uid: '1', name: 'db1', status: 'pending', memorySize: 100, port: 10000, portAutoAssigned: true,
    dataInternodeEncryption: false,
  };
  const events: DatabaseMachineEvent[] = [
    ...[{ dataInternodeEncryption: true }, { dataInternodeEncryption: false }, { name: 'db2' }, { name: 'bad name' }, { port: 12000 }, { port: 0 }, {}].map(
      (changes): DatabaseMachineEvent => ({ type: 'UpdateDatabase', changes }),
    ),
    { type: 'DeleteDatabase' },
    { type: 'CompleteDatabaseAction' },
  ];
  const serializeState = (s: any) => JSON.stringify([s.value, s.context.name, s.context.dataInternodeEncryption]);

  it('[DB-LIFE-001] xstate/graph paths reach every state and take every transition', () => {
    expectFullCoverage(databaseMachine, exploreCoverage(databaseMachine, { events, serializeState, input }));
  });

  it('[DB-LIFE-001] its state value always equals the status the log folds to', () => {
    statusAgrees(databaseMachine, input, [events[8], events[0], events[8], events[2], events[8], events[7], events[8]], ['deleted']);
  });
});

describe('certificate machine', () => {
  const input: CertificateState = { nodeUid: '1', plane: 'control', serial: 2, status: 'valid', notBefore: T0, notAfter: T0 + 90 * DAY };
  // Times are relative to the certificate in hand, so every guard can hold in every state.
  const events = (s: any): CertificateMachineEvent[] => {
    const at = (days: number) => s.context.notBefore + days * DAY;
    return [
      ...[10, 31, 50, 91].flatMap((d) => [true, false].map((nodeUp): CertificateMachineEvent => ({ type: 'ClockAdvanced', now: at(d), nodeUp, thresholdDays: 45, serial: 99 }))),
      { type: 'RotateCertificates', now: at(1), serial: 98 },
      { type: 'AlertThresholdChanged', now: at(40), thresholdDays: 60 },
      { type: 'AlertThresholdChanged', now: at(40), thresholdDays: 10 },
    ];
  };

  it('[CERT-ROT-001] xstate/graph paths reach every state and take every transition', () => {
    const coverage = exploreCoverage(certificateMachine, { events, serializeState: (s: any) => JSON.stringify(s.value), input });
    expectFullCoverage(certificateMachine, coverage);
  });

  it('[CERT-ALR-001] its state value always equals the status the log folds to', () => {
    const e = events({ context: input });
    statusAgrees(certificateMachine, input, [e[5], e[7], e[1], e[9]], []);
  });
});
