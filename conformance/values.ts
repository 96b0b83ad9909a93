import fc from 'fast-check';
import { Held, type AddressHolder, type Drawn, type PortHolder, type UidHolder } from './commands/held.ts';

/**
 * The values commands send, drawn so that collisions where the rules bite are common: about 45%
 * are selectors of a value some entity holds when the command runs (resolved then, in `step`),
 * the rest fresh valid values, malformed ones and ones of the wrong family.
 */
const HELD_WEIGHT = 9;
const LITERAL_WEIGHT = 11;

const index = fc.nat({ max: 7 });

/** A selector of a value held by one of `kinds`, with a literal for when none holds one. */
const held = <K extends string, T>(kinds: readonly K[], otherwise: fc.Arbitrary<T>): fc.Arbitrary<Held<K, T>> =>
  fc.tuple(fc.constantFrom(...kinds), index, otherwise).map(([k, i, o]) => new Held(k, i, o));

const drawn = <K extends string, T>(kinds: readonly K[], literals: fc.Arbitrary<T>): fc.Arbitrary<Drawn<T, K>> =>
  fc.oneof({ weight: HELD_WEIGHT, arbitrary: held(kinds, literals) }, { weight: LITERAL_WEIGHT, arbitrary: literals });

/** Every kind of address holder. */
export const ADDRESS_HOLDERS: readonly AddressHolder[] = ['internal', 'external', 'bound', 'own'];
/** Every kind of port holder. */
export const PORT_HOLDERS: readonly PortHolder[] = ['endpoint', 'service', 'foreign', 'reserved', 'next-free'];
export const UID_HOLDERS: readonly UidHolder[] = ['database', 'node'];

/** Internal addresses: free ones, the nodes' own, malformed ones, the wrong family. */
const internalLiterals = fc.constantFrom('10.0.0.21', '10.0.0.22', '10.0.0.1', '10.0.0.3', '010.0.0.5', '::ffff:10.0.0.5', '2001:db8::9', ' 10.0.0.7');
const externalLiterals = fc.constantFrom('203.0.113.1', '203.0.113.2', '2001:db8::100', '10.0.0.2', '203.0.113.300');

export const internalAddress = drawn(ADDRESS_HOLDERS, internalLiterals);
export const externalAddress = drawn(ADDRESS_HOLDERS, externalLiterals);
export const externalList = fc.array(externalAddress, { maxLength: 2 });

/** Addresses a host binds: whole lists as an operator changes a machine's IP, or drawn ones. */
export const boundList = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<Drawn<string, AddressHolder>[]>(['10.0.0.21'], ['10.0.0.22', '2001:db8::22'], ['10.0.0.2', '2001:db8::2'], ['10.0.0.4']) },
  { weight: 2, arbitrary: fc.array(drawn<AddressHolder, string>(['internal', 'external', 'bound'], fc.constantFrom('10.0.0.23', '10.0.0.24')), { minLength: 1, maxLength: 2 }) },
);

/** Where a join is sent: mostly a node's internal address (a down node's fails), else another holder's or no node's. */
export const joinVia = fc.oneof(
  { weight: 6, arbitrary: held<AddressHolder, string>(['internal'], fc.constant('203.0.113.77')) },
  { weight: 2, arbitrary: held<AddressHolder, string>(['external', 'bound'], fc.constant('203.0.113.77')) },
  { weight: 1, arbitrary: fc.constant('203.0.113.77') },
);
/** The joining node's internal address: mostly its host's own, else drawn like any internal address. */
export const joinAddress = fc.oneof({ weight: 3, arbitrary: fc.constant('own' as const) }, { weight: 2, arbitrary: internalAddress });

/** Explicit endpoint ports: free ones in and out of the range, reserved, a cluster port, a shard port. */
const endpointLiterals = fc.constantFrom<unknown>(12000, 12001, 6379, 3342, 9443, 20000);
export const endpointPort = drawn(PORT_HOLDERS, endpointLiterals);
/** A port to change a database's to: its own (no change), another holder's, or a free one. */
export const changedPort = drawn<PortHolder, unknown>(['endpoint', 'service', 'foreign'], fc.constantFrom<unknown>(12002, 0));
export const managementPort = drawn<PortHolder, unknown>(['endpoint', 'service', 'foreign', 'reserved'], fc.constantFrom<unknown>(8500, 9443, 80, 3342));
export const foreignPort = drawn<PortHolder, number>(PORT_HOLDERS, fc.constantFrom(12000, 12001, 8500, 10000, 19999));

/** An explicit database uid: one in use, a node's, a free one, malformed ones. */
export const databaseUid = drawn<UidHolder, unknown>(UID_HOLDERS, fc.constantFrom<unknown>(7, 1, 'x', 0));
