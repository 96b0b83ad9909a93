import { setup } from 'xstate';
import { applyToNode } from '../domain/evolve/node.ts';
import { reject } from '../domain/rejections.ts';
import type { AddressFamily, NodeState } from '../domain/state.ts';
import { recorder, sharedActions } from './record.ts';
import { canonicalAddress, externalAddressProblem, parseAddress } from '../domain/rules/address.ts';
import { show } from '../domain/rules/show.ts';

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
const parsedAddr = (e: AddrEvent) => parseAddress(e.addr);
const canonical = (e: AddrEvent) => canonicalAddress(e.addr);
const canonicalList = (e: ExtEvent) => (e.externalAddrs as unknown[]).map(canonicalAddress);
const firstTakenExternal = (e: ExtEvent) => canonicalList(e).find((a) => a in e.taken);

/**
 * The address checks shared by every state that accepts `SetNodeAddress`: the order is the
 * order a request is validated in (syntax, then family, then conflicts), before lifecycle.
 */
const validateAddr = [
  {
    guard: 'addrMalformed',
    actions: { type: 'reject', params: ({ event }: { event: AddrEvent }) => {
      const p = parsedAddr(event);
      return reject.invalidAddress(show(event.addr), p.ok ? '' : p.why);
    } },
    meta: { reqs: ['NODE-ADDR-007', 'NODE-ADDR-015'] },
  },
  {
    guard: 'addrWrongFamily',
    actions: { type: 'reject', params: ({ event }: { event: AddrEvent }) => reject.addressFamilyMismatch(show(event.addr), event.family) },
    meta: { reqs: ['NODE-ADDR-003', 'NODE-ADDR-013', 'NODE-ADDR-014'] },
  },
  {
    guard: 'addrTaken',
    actions: { type: 'reject', params: ({ event }: { event: AddrEvent }) => reject.addressInUse(canonical(event), event.taken[canonical(event)] ?? 'another node') },
    meta: { reqs: ['NODE-ADDR-016'] },
  },
] as const;

const setExternal = [
  {
    guard: 'externalMalformed',
    actions: { type: 'reject', params: ({ event }: { event: ExtEvent }) => reject.invalidParameter(externalAddressProblem(event.externalAddrs) ?? '') },
    meta: { reqs: ['NODE-ADDR-004', 'NODE-ADDR-015'] },
  },
  {
    guard: 'externalTaken',
    actions: { type: 'reject', params: ({ event }: { event: ExtEvent }) => {
      const a = firstTakenExternal(event) ?? '';
      return reject.addressInUse(a, event.taken[a] ?? 'another node');
    } },
    meta: { reqs: ['NODE-ADDR-016'] },
  },
  {
    guard: 'externalUnchanged',
    actions: 'acknowledge',
    meta: { reqs: ['NODE-ADDR-006'] },
  },
  {
    actions: record(({ context, event }) => [
      { type: 'NodeExternalAddressesChanged', data: { uid: context.uid, externalAddrs: canonicalList(event as ExtEvent) } },
    ]),
    // An empty list is one of these: valid, and the node serves on its internal address alone.
    meta: { reqs: ['NODE-ADDR-001', 'NODE-ADDR-004', 'NODE-ADDR-006', 'NODE-ADDR-010'] },
  },
] as const;

const remove = [
  {
    guard: 'noOtherActiveNode',
    actions: { type: 'reject', params: ({ context }: { context: NodeState }) => reject.insufficientResources(context.uid) },
    meta: { reqs: ['NODE-LIFE-004'] },
  },
  {
    target: 'decommissioning',
    actions: record(({ context }) => [{ type: 'NodeRemovalStarted', data: { uid: context.uid } }]),
    meta: { reqs: ['NODE-LIFE-002', 'NODE-ADDR-012'] },
  },
] as const;

export const nodeMachine = setup({
  types: {
    context: {} as NodeState,
    input: {} as NodeState,
    events: {} as NodeMachineEvent,
  },
  actions: sharedActions,
  guards: {
    addrMalformed: ({ event }) => event.type === 'SetNodeAddress' && !parsedAddr(event).ok,
    addrWrongFamily: ({ event }) => {
      if (event.type !== 'SetNodeAddress') return false;
      const p = parsedAddr(event);
      return p.ok && p.family !== event.family;
    },
    addrTaken: ({ event }) => event.type === 'SetNodeAddress' && canonical(event) in event.taken,
    addrUnchanged: ({ context, event }) => event.type === 'SetNodeAddress' && canonical(event) === context.addr,
    externalMalformed: ({ event }) =>
      event.type === 'SetNodeExternalAddresses' && externalAddressProblem(event.externalAddrs) !== null,
    externalTaken: ({ event }) => event.type === 'SetNodeExternalAddresses' && firstTakenExternal(event) !== undefined,
    externalUnchanged: ({ context, event }) =>
      event.type === 'SetNodeExternalAddresses' &&
      JSON.stringify(canonicalList(event)) === JSON.stringify(context.externalAddrs),
    noOtherActiveNode: ({ event }) => event.type === 'RemoveNode' && event.otherActiveNodes === 0,
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
          ...validateAddr,
          // Clients often PUT a whole node object back; an unchanged addr is not a change.
          { guard: 'addrUnchanged', actions: 'acknowledge', meta: { reqs: ['NODE-ADDR-005'] } },
          {
            actions: { type: 'reject', params: ({ context }) => reject.nodeNotOffline(context.uid) },
            meta: { reqs: ['NODE-ADDR-005'] },
          },
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
          ...validateAddr,
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
        SetNodeAddress: {
          actions: { type: 'reject', params: ({ context }) => reject.actionInProgress(context.uid) },
          meta: { reqs: ['NODE-LIFE-003'] },
        },
        SetNodeExternalAddresses: {
          actions: { type: 'reject', params: ({ context }) => reject.actionInProgress(context.uid) },
          meta: { reqs: ['NODE-LIFE-003'] },
        },
        RemoveNode: {
          actions: { type: 'reject', params: ({ context }) => reject.actionInProgress(context.uid) },
          meta: { reqs: ['NODE-LIFE-003'] },
        },
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
