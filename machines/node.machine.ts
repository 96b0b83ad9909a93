import { setup } from 'xstate';
import { applyToNode } from '../domain/evolve/node.ts';
import { reject } from '../domain/rejections.ts';
import type { AddressFamily, NodeState } from '../domain/state.ts';
import { recorder, sharedActions } from './record.ts';
import { canonicalAddress } from '../domain/rules/address.ts';
import { addressOfOtherFamily, addressTaken, externalAddrs, listedAddressTaken, malformedAddress } from '../domain/rules/fields.ts';
import { checker, guardsOf, refusal, refusals } from './checks.ts';

/** Addresses other nodes use, canonical form → who uses it (for the error message). */
export type TakenAddresses = Readonly<Record<string, string>>;

/**
 * What the node machine accepts. User commands carry what the cluster knows that the node
 * does not (`family`, `taken`, `otherActiveNodes`); `decide` fills those in from the state.
 * Power events come from the environment (the host going down or up), never from the REST API.
 */
export type NodeMachineEvent =
  | { type: 'SetNodeAddress'; addr: unknown; family: AddressFamily; taken: TakenAddresses }
  | { type: 'SetNodeExternalAddresses'; externalAddrs: unknown; taken: TakenAddresses }
  | { type: 'RemoveNode'; otherActiveNodes: number }
  | { type: 'CompleteNodeRemoval' }
  | { type: 'PowerOffNode' }
  | { type: 'PowerOnNode'; boundAddrs: readonly string[] };

const record = recorder<NodeState, NodeMachineEvent>(applyToNode);

type AddrEvent = Extract<NodeMachineEvent, { type: 'SetNodeAddress' }>;
type ExtEvent = Extract<NodeMachineEvent, { type: 'SetNodeExternalAddresses' }>;
const canonical = (e: AddrEvent) => canonicalAddress(e.addr);
const canonicalList = (e: ExtEvent) => (e.externalAddrs as unknown[]).map(canonicalAddress);

const check = checker<NodeState, NodeMachineEvent>();

/**
 * The address checks of every state that accepts `SetNodeAddress`, in the order a request is
 * validated (syntax, then family, then conflicts), before lifecycle.
 */
const addrChecks = [
  check('SetNodeAddress', 'addrMalformed', ['NODE-ADDR-007', 'NODE-ADDR-015'], (_c, e) => malformedAddress(e.addr)),
  check('SetNodeAddress', 'addrWrongFamily', ['NODE-ADDR-003', 'NODE-ADDR-013', 'NODE-ADDR-014'], (_c, e) => addressOfOtherFamily(e.addr, e.family)),
  check('SetNodeAddress', 'addrTaken', ['NODE-ADDR-016'], (_c, e) => addressTaken(e.addr, e.taken)),
];

const externalChecks = [
  check('SetNodeExternalAddresses', 'externalMalformed', ['NODE-ADDR-004', 'NODE-ADDR-015'], (_c, e) => externalAddrs(e.externalAddrs)),
  check('SetNodeExternalAddresses', 'externalTaken', ['NODE-ADDR-016'], (_c, e) => listedAddressTaken(e.externalAddrs, e.taken)),
];

const removeChecks = [
  check('RemoveNode', 'noOtherActiveNode', ['NODE-LIFE-004'], (c, e) => (e.otherActiveNodes === 0 ? reject.insufficientResources(c.uid) : null)),
];

const setExternal = [
  ...refusals(externalChecks),
  { guard: 'externalUnchanged', actions: 'acknowledge', meta: { reqs: ['NODE-ADDR-006'] } },
  {
    actions: record(({ context, event }) => [
      { type: 'NodeExternalAddressesChanged', data: { uid: context.uid, externalAddrs: canonicalList(event as ExtEvent) } },
    ]),
    // An empty list is one of these: valid, and the node serves on its internal address alone.
    meta: { reqs: ['NODE-ADDR-001', 'NODE-ADDR-004', 'NODE-ADDR-006', 'NODE-ADDR-010'] },
  },
] as const;

const remove = [
  ...refusals(removeChecks),
  {
    target: 'decommissioning',
    actions: record(({ context }) => [{ type: 'NodeRemovalStarted', data: { uid: context.uid } }]),
    meta: { reqs: ['NODE-LIFE-002', 'NODE-ADDR-012'] },
  },
] as const;

/** Any change to a node being removed. */
const removing = refusal<NodeState, NodeMachineEvent>(['NODE-LIFE-003'], (c) => reject.actionInProgress(c.uid));

export const nodeMachine = setup({
  types: {
    context: {} as NodeState,
    input: {} as NodeState,
    events: {} as NodeMachineEvent,
  },
  actions: sharedActions,
  guards: {
    ...guardsOf([...addrChecks, ...externalChecks, ...removeChecks]),
    addrUnchanged: ({ context, event }) => event.type === 'SetNodeAddress' && canonical(event) === context.addr,
    externalUnchanged: ({ context, event }) =>
      event.type === 'SetNodeExternalAddresses' &&
      JSON.stringify(canonicalList(event)) === JSON.stringify(context.externalAddrs),
    addrBound: ({ context, event }) => event.type === 'PowerOnNode' && event.boundAddrs.includes(context.addr),
  },
}).createMachine({
  id: 'node',
  description: 'A member of the cluster: its lifecycle and its addresses.',
  context: ({ input }) => input,
  initial: 'active',
  states: {
    active: {
      description: 'Up and serving. The internal address cannot change.',
      on: {
        SetNodeAddress: [
          ...refusals(addrChecks),
          // Clients often PUT a whole node object back; an unchanged addr is not a change.
          { guard: 'addrUnchanged', actions: 'acknowledge', meta: { reqs: ['NODE-ADDR-005'] } },
          refusal(['NODE-ADDR-005'], (c: NodeState) => reject.nodeNotOffline(c.uid)),
        ],
        SetNodeExternalAddresses: setExternal,
        RemoveNode: remove,
        PowerOffNode: {
          target: 'down',
          actions: record(({ context }) => [{ type: 'NodeWentDown', data: { uid: context.uid } }]),
          meta: { reqs: ['NODE-LIFE-001'] },
        },
        PowerOnNode: { actions: 'acknowledge', meta: { reqs: ['NODE-LIFE-001'] } },
      },
    },
    down: {
      description: 'Offline: the only state in which the internal address may change.',
      on: {
        SetNodeAddress: [
          ...refusals(addrChecks),
          { guard: 'addrUnchanged', actions: 'acknowledge', meta: { reqs: ['NODE-ADDR-005'] } },
          {
            actions: record(({ context, event }) => [
              { type: 'NodeAddressChanged', data: { uid: context.uid, addr: canonical(event as AddrEvent), previous: context.addr } },
            ]),
            meta: { reqs: ['NODE-ADDR-005', 'NODE-ADDR-002', 'NODE-ADDR-009'] },
          },
        ],
        SetNodeExternalAddresses: setExternal,
        RemoveNode: remove,
        PowerOnNode: [
          {
            guard: 'addrBound',
            target: 'active',
            actions: record(({ context }) => [{ type: 'NodeCameOnline', data: { uid: context.uid } }]),
            meta: { reqs: ['NODE-LIFE-005'] },
          },
          {
            actions: record(({ context }) => [
              { type: 'NodeStartFailed', data: { uid: context.uid, reason: 'internal_address_not_bound' } },
            ]),
            meta: { reqs: ['NODE-ADDR-008'] },
          },
        ],
        PowerOffNode: { actions: 'acknowledge', meta: { reqs: ['NODE-LIFE-001'] } },
      },
    },
    decommissioning: {
      description: 'Being removed: its data moves to other nodes. Nothing migrates back, even if removal fails.',
      on: {
        SetNodeAddress: removing,
        SetNodeExternalAddresses: removing,
        RemoveNode: removing,
        CompleteNodeRemoval: {
          target: 'removed',
          actions: record(({ context }) => [{ type: 'NodeRemoved', data: { uid: context.uid } }]),
          meta: { reqs: ['NODE-LIFE-002'] },
        },
        PowerOffNode: {
          target: 'down',
          actions: record(({ context }) => [
            { type: 'NodeRemovalFailed', data: { uid: context.uid, reason: 'node went down during removal' } },
          ]),
          meta: { reqs: ['NODE-LIFE-006'] },
        },
        PowerOnNode: { actions: 'acknowledge', meta: { reqs: ['NODE-LIFE-001'] } },
      },
    },
    removed: {
      description: 'No longer a member. Its uid is never reused; its host may join again as a new node.',
      type: 'final',
    },
  },
});
