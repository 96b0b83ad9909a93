import { enqueueActions, setup } from 'xstate';
import type { Command } from '../domain/commands.ts';
import { applyToCluster } from '../domain/evolve/index.ts';
import { reject } from '../domain/rejections.ts';
import type { ClusterState } from '../domain/state.ts';
import { guardsOf, refusal, refusals } from './checks.ts';
import { check } from './cluster/check.ts';
import { alertChecks, alertSettingsChanged, configured, configureChecks, policyChecks } from './cluster/configuration.ts';
import { createDatabaseChecks, databaseCreated } from './cluster/databases.ts';
import { clockAdvanced, databaseOutcome, nodeOutcome, rotated, thresholdChanged } from './cluster/delegate.ts';
import { addHostChecks, clockChecks, holdPortChecks, releasePortChecks, rotateChecks, setHostAddressesChecks } from './cluster/environment.ts';
import { clusterCreated, createClusterChecks, joinChecks, nodeJoined } from './cluster/membership.ts';
import type { Outcome } from './outcome.ts';
import { enqueueRecord, recorder, sharedActions } from './record.ts';

const record = recorder<ClusterState, Command>(applyToCluster);
const data = <T extends Command['type']>(e: Command, _t: T) => e.data as Extract<Command, { type: T }>['data'];

/** Passes a node's or database's verdict up as the cluster's own. */
const relay = (outcome: (state: ClusterState, command: any) => Outcome<unknown>) =>
  enqueueActions(({ context, event, enqueue }: { context: ClusterState; event: Command; enqueue: any }) => {
    const o = outcome(context, event);
    if (o.kind === 'rejected') enqueue({ type: 'reject', params: o.rejection });
    else if (o.kind === 'accepted') enqueueRecord(enqueue, context, o.events, applyToCluster);
  }) as any;

/**
 * A command about one node or database goes to that entity's machine once the entity is found;
 * every such command carries its `uid`, so one check serves them all.
 */
const nodeMissing = check('SetNodeAddress', 'nodeMissing', ['NODE-LIFE-002'], (s, d) => (s.nodes[d.uid] ? null : reject.nodeNotFound(d.uid)));
const databaseMissing = check('UpdateDatabase', 'databaseMissing', ['DB-LIFE-001'], (s, d) => (s.databases[d.uid] ? null : reject.databaseNotFound(d.uid)));
const toNode = [...refusals([nodeMissing]), { actions: 'delegateToNode', meta: { reqs: ['NODE-LIFE-001'] } }] as const;
const toDatabase = [...refusals([databaseMissing]), { actions: 'delegateToDatabase', meta: { reqs: ['DB-LIFE-001'] } }] as const;

const allChecks = [
  nodeMissing,
  databaseMissing,
  ...createClusterChecks,
  ...joinChecks,
  ...createDatabaseChecks,
  ...configureChecks,
  ...policyChecks,
  ...alertChecks,
  ...addHostChecks,
  ...setHostAddressesChecks,
  ...holdPortChecks,
  ...releasePortChecks,
  ...clockChecks,
  ...rotateChecks,
];

const hostEvents = {
  AddHost: [
    ...refusals(addHostChecks),
    {
      actions: record(({ event }) => [{ type: 'HostAdded', data: { hostId: data(event, 'AddHost').hostId, boundAddrs: data(event, 'AddHost').boundAddrs as string[] } }]),
      meta: { reqs: ['NODE-ADDR-010'] },
    },
  ],
  SetHostAddresses: [
    ...refusals(setHostAddressesChecks),
    {
      actions: record(({ event }) => [
        { type: 'HostAddressesChanged', data: { hostId: data(event, 'SetHostAddresses').hostId, boundAddrs: data(event, 'SetHostAddresses').boundAddrs as string[] } },
      ]),
      meta: { reqs: ['NODE-ADDR-008', 'NODE-ADDR-012'] },
    },
  ],
  HoldPort: [
    ...refusals(holdPortChecks),
    {
      actions: record(({ context, event }) => {
        const port = data(event, 'HoldPort').port as number;
        return context.foreignPorts.includes(port) ? [] : [{ type: 'ForeignPortHeld', data: { port } }];
      }),
      meta: { reqs: ['PORT-DB-002', 'PORT-CM-001'] },
    },
  ],
  ReleasePort: [
    ...refusals(releasePortChecks),
    {
      actions: record(({ context, event }) => {
        const port = data(event, 'ReleasePort').port as number;
        return context.foreignPorts.includes(port) ? [{ type: 'ForeignPortReleased', data: { port } }] : [];
      }),
      meta: { reqs: ['PORT-DB-002'] },
    },
  ],
} as const;

/**
 * The cluster: its own settings (policy, ports, `http_support`, alert thresholds, the clock)
 * and the composition of the node, database and certificate machines. Its context is the whole
 * `ClusterState`; commands about one node or database are decided by that entity's machine and
 * relayed; the clock and rotation fan out to every certificate's machine.
 */
export const clusterMachine = setup({
  types: {
    context: {} as ClusterState,
    input: {} as ClusterState,
    events: {} as Command,
  },
  actions: {
    ...sharedActions,
    delegateToNode: relay(nodeOutcome),
    delegateToDatabase: relay(databaseOutcome),
  },
  guards: guardsOf(allChecks),
}).createMachine({
  id: 'cluster',
  description: 'A Redis Enterprise cluster: its configuration, composed of its nodes, databases and certificates.',
  context: ({ input }) => input,
  initial: 'uninitialized',
  states: {
    uninitialized: {
      description: 'Hosts exist, but no cluster has been created on them.',
      on: {
        ...hostEvents,
        CreateCluster: [
          ...refusals(createClusterChecks),
          {
            target: 'running',
            actions: record(({ context, event }) => clusterCreated(context, data(event, 'CreateCluster'))),
            meta: { reqs: ['CERT-CA-001', 'CERT-ISS-001', 'NODE-ADDR-001', 'NODE-ADDR-013'] },
          },
        ],
        '*': refusal(['API-ERR-002'], () => reject.clusterNotInitialized()),
      },
    },
    running: {
      // The configuration (http_support, the encryption policy, the ports) lives in the context
      // alone: each is a value that any request may change, not a phase the cluster is in.
      description: 'The cluster exists: its nodes, databases and certificates, and its configuration.',
      on: {
        ...hostEvents,
        CreateCluster: refusal(['CERT-CA-001'], () => reject.clusterAlreadyExists()),
        JoinNode: [
          ...refusals(joinChecks),
          {
            actions: record(({ context, event }) => nodeJoined(context, data(event, 'JoinNode'))),
            meta: { reqs: ['NODE-ADDR-004', 'NODE-ADDR-011', 'NODE-ADDR-012', 'CERT-ISS-001', 'CERT-ISS-002'] },
          },
        ],
        SetNodeAddress: toNode,
        SetNodeExternalAddresses: toNode,
        RemoveNode: toNode,
        CompleteNodeRemoval: toNode,
        PowerOffNode: toNode,
        PowerOnNode: toNode,
        CreateDatabase: [
          ...refusals(createDatabaseChecks),
          {
            actions: record(({ context, event }) => databaseCreated(context, data(event, 'CreateDatabase'))),
            meta: { reqs: ['ENC-DATA-001', 'ENC-DATA-004', 'ENC-DATA-006', 'PORT-DB-001', 'PORT-DB-002', 'PORT-DB-003'] },
          },
        ],
        UpdateDatabase: toDatabase,
        DeleteDatabase: toDatabase,
        CompleteDatabaseAction: toDatabase,
        ConfigureCluster: [
          ...refusals(configureChecks),
          {
            actions: record(({ context, event }) => configured(context, data(event, 'ConfigureCluster'))),
            meta: { reqs: ['PORT-CM-001', 'PORT-CM-003', 'PORT-HTTP-002', 'PORT-HTTP-003'] },
          },
        ],
        SetClusterPolicy: [
          ...refusals(policyChecks),
          {
            actions: record(({ context, event }) => {
              const on = data(event, 'SetClusterPolicy').dataInternodeEncryption as boolean;
              return on === context.policy.dataInternodeEncryption ? [] : [{ type: 'ClusterPolicyChanged', data: { dataInternodeEncryption: on } }];
            }),
            meta: { reqs: ['ENC-DATA-004', 'ENC-DATA-005'] },
          },
        ],
        SetAlertSettings: [
          ...refusals(alertChecks),
          {
            actions: record(({ context, event }) => {
              const changed = alertSettingsChanged(context, data(event, 'SetAlertSettings'));
              if (!changed) return [];
              const threshold = changed.data.nodeInternalCertsAboutToExpire?.thresholdDays;
              const moved = threshold !== undefined && threshold !== context.alerts.nodeInternalCertsAboutToExpire.thresholdDays;
              return [changed, ...(moved ? thresholdChanged(context, threshold) : [])];
            }),
            meta: { reqs: ['CERT-ALR-002'] },
          },
        ],
        AdvanceClock: [
          ...refusals(clockChecks),
          {
            actions: record(({ context, event }) => {
              const now = data(event, 'AdvanceClock').now as number;
              return now === context.clock ? [] : clockAdvanced(context, now);
            }),
            meta: { reqs: ['CERT-ROT-001', 'CERT-ROT-002', 'CERT-ALR-001', 'CERT-EXP-001'] },
          },
        ],
        RotateCertificates: [
          ...refusals(rotateChecks),
          {
            actions: record(({ context, event }) => rotated(context, data(event, 'RotateCertificates'))),
            meta: { reqs: ['CERT-ROT-003'] },
          },
        ],
      },
    },
  },
});

/** The cluster machine's snapshot for a state, without running anything. */
export function clusterSnapshot(state: ClusterState) {
  return clusterMachine.resolveState({ value: state.status === 'uninitialized' ? 'uninitialized' : 'running', context: state });
}
