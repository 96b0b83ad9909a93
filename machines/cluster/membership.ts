import type { CreateCluster, JoinNode } from '../../domain/commands.ts';
import type { DomainEvent } from '../../domain/events.ts';
import { reject } from '../../domain/rejections.ts';
import { PLANES, type AddressFamily, type ClusterState } from '../../domain/state.ts';
import { canonicalAddress } from '../../domain/rules/address.ts';
import { addressOfOtherFamily, addressTaken, externalAddrs, flag, listedAddressTaken, malformedAddress, optional } from '../../domain/rules/fields.ts';
import { validityFrom } from '../../domain/rules/certificates.ts';
import { check } from './check.ts';
import { show } from '../../domain/rules/show.ts';

/**
 * Addresses the cluster's nodes use, canonical form → owner. `internalOnly` leaves external
 * addresses out: two nodes may share an external address (a load balancer VIP), but no
 * address may be one node's internal address and another's anything.
 */
export function addressesInUse(state: ClusterState, exceptUid?: string, internalOnly = false): Record<string, string> {
  const out: Record<string, string> = {};
  for (const node of Object.values(state.nodes)) {
    if (node.uid === exceptUid) continue;
    out[node.addr] = `node ${node.uid} (internal address)`;
    if (!internalOnly) for (const a of node.externalAddrs) out[a] ??= `node ${node.uid} (external address)`;
  }
  return out;
}

const canonical = canonicalAddress;
const canonicalList = (addrs: unknown) => ((addrs ?? []) as string[]).map(canonical);

/**
 * The address checks a new node's identity goes through, by what they need to know: the request
 * and the host alone (`local`), or the cluster (`cluster`: its family, and at join the addresses
 * its nodes use). At creation there is no other node to conflict with, so the conflict checks are
 * only for joining. The order is spec/semantics.md's ("Order of checks at join").
 */
function identityChecks<T extends 'CreateCluster' | 'JoinNode'>(type: T, prefix: string, familyOf: (s: ClusterState, d: any) => AddressFamily) {
  const local = [
    // A joining host given no address, with none of the cluster's family to take as its own
    // (spec/control.md, "Hosts: ids and addresses"), has nothing to join with.
    ...(type === 'JoinNode'
      ? [check(type, `${prefix}NoAddress`, ['NODE-ADDR-017'], (s, d) => (d.addr === undefined ? reject.noAddressOfFamily(`host ${d.hostId}`, familyOf(s, d)) : null))]
      : []),
    // The same rules as a node's own change of address (machines/node.machine.ts).
    check(type, `${prefix}AddrMalformed`, ['NODE-ADDR-007', 'NODE-ADDR-015'], (_s, d) => malformedAddress(d.addr)),
    check(type, `${prefix}AddrNotBound`, ['NODE-ADDR-017'], (s, d) =>
      s.hosts[d.hostId]?.boundAddrs.includes(canonical(d.addr)) ? null : reject.addressNotBound(canonical(d.addr), `host ${d.hostId}`),
    ),
    check(type, `${prefix}ExternalMalformed`, ['NODE-ADDR-004', 'NODE-ADDR-015'], (_s, d) => optional(externalAddrs)(d.externalAddrs)),
  ];
  const cluster = [
    check(type, `${prefix}AddrWrongFamily`, ['NODE-ADDR-003', 'NODE-ADDR-013', 'NODE-ADDR-014'], (s, d) => addressOfOtherFamily(d.addr, familyOf(s, d))),
    ...(type === 'JoinNode'
      ? [
          check(type, `${prefix}AddrTaken`, ['NODE-ADDR-016'], (s, d) => addressTaken(d.addr, addressesInUse(s))),
          check(type, `${prefix}ExternalTaken`, ['NODE-ADDR-016'], (s, d) => listedAddressTaken(d.externalAddrs, addressesInUse(s, undefined, true))),
        ]
      : []),
  ];
  return { local, cluster };
}

const hostUnknown = <T extends 'CreateCluster' | 'JoinNode'>(type: T, prefix: string) =>
  check(type, `${prefix}HostUnknown`, ['NODE-ADDR-004'], (s, d) => (s.hosts[d.hostId] ? null : reject.hostNotFound(d.hostId)));

const creatorIdentity = identityChecks('CreateCluster', 'creator', (_s, d: CreateCluster['data']) => (d.useInternalIpv6 === true ? 'ipv6' : 'ipv4'));

export const createClusterChecks = [
  check('CreateCluster', 'clusterNameInvalid', ['API-ERR-001'], (_s, d) =>
    typeof d.name === 'string' && /^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(d.name) ? null : reject.invalidParameter('name must be a cluster name (letters, digits, dots and dashes)'),
  ),
  check('CreateCluster', 'clusterTimeInvalid', ['API-ERR-001'], (_s, d) =>
    Number.isSafeInteger(d.now) && d.now >= 0 ? null : reject.invalidParameter('now must be a time in epoch milliseconds'),
  ),
  check('CreateCluster', 'clusterIpv6FlagInvalid', ['NODE-ADDR-013'], (_s, d) => optional(flag('use_internal_ipv6'))(d.useInternalIpv6)),
  hostUnknown('CreateCluster', 'creator'),
  // The creator's family is its own request's: syntax, family, binding, external list.
  creatorIdentity.local[0]!,
  ...creatorIdentity.cluster,
  ...creatorIdentity.local.slice(1),
];

const joinerIdentity = identityChecks('JoinNode', 'joiner', (s) => s.family);

/**
 * A join is checked as a host would check it: what it can tell alone first (is it a node
 * already, its own address, the external list), then whether it reaches the cluster through
 * the address given (`connect_error`), then what only the cluster knows (its family, the
 * addresses its nodes use).
 */
export const joinChecks = [
  hostUnknown('JoinNode', 'joiner'),
  check('JoinNode', 'joinerHostIsNode', ['NODE-ADDR-012'], (s, d) => (s.hosts[d.hostId]?.nodeUid ? reject.hostAlreadyNode(d.hostId) : null)),
  ...joinerIdentity.local,
  check('JoinNode', 'joinViaNotInternal', ['NODE-ADDR-011'], (s, d) => {
    const via = canonical(d.via);
    const ok = Object.values(s.nodes).some((n) => n.addr === via && n.status !== 'down');
    return ok ? null : reject.connectError(show(d.via));
  }),
  ...joinerIdentity.cluster,
];

/** The node's two certificates, one per plane, issued by the cluster CA on join. */
function certificatesFor(uid: string, firstSerial: number, now: number): DomainEvent[] {
  return PLANES.map((plane, i) => ({
    type: 'CertificateIssued',
    data: { nodeUid: uid, plane, serial: firstSerial + i, ...validityFrom(now), reason: 'join' },
  }));
}

export function clusterCreated(state: ClusterState, d: CreateCluster['data']): DomainEvent[] {
  const uid = String(state.nextNodeUid);
  const caSerial = state.nextSerial;
  return [
    { type: 'ClockAdvanced', data: { now: d.now } },
    { type: 'ClusterCreated', data: { name: d.name as string, family: d.useInternalIpv6 === true ? 'ipv6' : 'ipv4', caSerial } },
    { type: 'NodeJoined', data: { uid, hostId: d.hostId, addr: canonical(d.addr), externalAddrs: canonicalList(d.externalAddrs) } },
    ...certificatesFor(uid, caSerial + 1, d.now),
  ];
}

export function nodeJoined(state: ClusterState, d: JoinNode['data']): DomainEvent[] {
  const uid = String(state.nextNodeUid);
  return [
    { type: 'NodeJoined', data: { uid, hostId: d.hostId, addr: canonical(d.addr), externalAddrs: canonicalList(d.externalAddrs) } },
    ...certificatesFor(uid, state.nextSerial, state.clock),
  ];
}
