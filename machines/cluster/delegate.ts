import type { Command, CommandOf } from '../../domain/commands.ts';
import type { DomainEvent } from '../../domain/events.ts';
import { reject } from '../../domain/rejections.ts';
import type { CertificateState, ClusterState } from '../../domain/state.ts';
import { certificateMachine, type CertificateMachineEvent } from '../certificate.machine.ts';
import { databaseMachine } from '../database.machine.ts';
import { nodeMachine, type NodeMachineEvent } from '../node.machine.ts';
import { outcomeOf, type Outcome } from '../outcome.ts';
import { addressesInUse } from './membership.ts';

type NodeCommand = CommandOf<'SetNodeAddress' | 'SetNodeExternalAddresses' | 'RemoveNode' | 'CompleteNodeRemoval' | 'PowerOffNode' | 'PowerOnNode'>;
type DatabaseCommand = CommandOf<'UpdateDatabase' | 'DeleteDatabase' | 'CompleteDatabaseAction'>;

/** The node machine's view of a command: the command plus what only the cluster knows. */
function nodeEvent(state: ClusterState, c: NodeCommand): NodeMachineEvent {
  const uid = c.data.uid;
  switch (c.type) {
    case 'SetNodeAddress':
      return { type: c.type, addr: c.data.addr, family: state.family, taken: addressesInUse(state, uid) };
    case 'SetNodeExternalAddresses':
      return { type: c.type, externalAddrs: c.data.externalAddrs, taken: addressesInUse(state, uid, true) };
    case 'RemoveNode':
      return { type: c.type, otherActiveNodes: Object.values(state.nodes).filter((n) => n.uid !== uid && n.status === 'active').length };
    case 'PowerOnNode': {
      // A node's host is always known: CreateCluster and JoinNode refuse an unknown one.
      const node = state.nodes[uid]!;
      return { type: c.type, boundAddrs: state.hosts[node.hostId]!.boundAddrs };
    }
    default:
      return { type: c.type };
  }
}

const unhandled = (c: Command, what: string, status: string): Outcome<unknown> => ({
  kind: 'rejected',
  rejection: reject.invalidState(c.type, what, status),
});

/** Hands a node command to that node's machine. The caller has checked the node exists. */
export function nodeOutcome(state: ClusterState, c: NodeCommand): Outcome<unknown> {
  const node = state.nodes[c.data.uid]!;
  const o = outcomeOf(nodeMachine, nodeMachine.resolveState({ value: node.status, context: node }), nodeEvent(state, c));
  return o.kind === 'unhandled' ? unhandled(c, `node ${node.uid}`, node.status) : o;
}

/** Hands a database command to that database's machine. The caller has checked it exists. */
export function databaseOutcome(state: ClusterState, c: DatabaseCommand): Outcome<unknown> {
  const db = state.databases[c.data.uid]!;
  const event = c.type === 'UpdateDatabase' ? { type: c.type, changes: c.data.changes } : { type: c.type };
  const o = outcomeOf(databaseMachine, databaseMachine.resolveState({ value: db.status, context: db }), event);
  return o.kind === 'unhandled' ? unhandled(c, `database ${db.uid}`, db.status) : o;
}

/**
 * Runs one event through the machine of every certificate `select` picks, in key order, and
 * gathers what they emit. Serial numbers are handed out in that order, one per issue.
 */
export function certificatesReact(
  state: ClusterState,
  select: (c: CertificateState) => boolean,
  eventFor: (c: CertificateState, serial: number) => CertificateMachineEvent,
): DomainEvent[] {
  const events: DomainEvent[] = [];
  let serial = state.nextSerial;
  for (const key of Object.keys(state.certificates).sort()) {
    const cert = state.certificates[key]!;
    if (!select(cert)) continue;
    const o = outcomeOf(certificateMachine, certificateMachine.resolveState({ value: cert.status, context: cert }), eventFor(cert, serial));
    if (o.kind !== 'accepted') continue;
    events.push(...o.events);
    serial += o.events.filter((e) => e.type === 'CertificateIssued').length;
  }
  return events;
}

/** The rotation job and the alert check, run when the clock moves to `now`. */
export function clockAdvanced(state: ClusterState, now: number): DomainEvent[] {
  const after = { ...state, clock: now };
  return [
    { type: 'ClockAdvanced', data: { now } },
    ...certificatesReact(
      after,
      () => true,
      (c, serial) => ({
        type: 'ClockAdvanced',
        now,
        serial,
        nodeUp: state.nodes[c.nodeUid]?.status !== 'down',
        thresholdDays: state.alerts.nodeInternalCertsAboutToExpire.thresholdDays,
      }),
    ),
  ];
}

export const rotated = (state: ClusterState, d: CommandOf<'RotateCertificates'>['data']): DomainEvent[] =>
  certificatesReact(
    state,
    (c) => d.plane === undefined || c.plane === d.plane,
    (_c, serial) => ({ type: 'RotateCertificates', now: state.clock, serial }),
  );

export const thresholdChanged = (state: ClusterState, thresholdDays: number): DomainEvent[] =>
  certificatesReact(state, () => true, () => ({ type: 'AlertThresholdChanged', now: state.clock, thresholdDays }));
