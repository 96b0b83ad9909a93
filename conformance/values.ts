import fc from 'fast-check';
import { NotAList } from './commands/addressList.ts';
import { Held, type AddressHolder, type Drawn, type PortHolder, type UidHolder } from './commands/held.ts';

/**
 * The values commands send, drawn so that collisions where the rules bite are common: about half
 * are selectors of a value some entity holds when the command runs (resolved then, in `step`),
 * the rest fresh valid values, malformed ones and ones of the wrong family.
 */
const HELD_WEIGHT = 1;
const LITERAL_WEIGHT = 1;

const index = fc.nat({ max: 7 });

/** Holder kinds and how often each is chosen: a bare list weighs them alike. */
type Kinds<K extends string> = readonly K[] | Readonly<Partial<Record<K, number>>>;

/**
 * A selector of a value held by one of `kinds` (the others, in turn, when that one holds none),
 * with a literal for when none holds one.
 */
const held = <K extends string, T>(kinds: Kinds<K>, otherwise: fc.Arbitrary<T>): fc.Arbitrary<Held<K, T>> => {
  const weights = (Array.isArray(kinds) ? kinds.map((k) => [k, 1]) : Object.entries(kinds)) as [K, number][];
  const order = weights.map(([k]) => k);
  const kind = fc.oneof(...weights.map(([k, weight]) => ({ weight, arbitrary: fc.constant(k) })));
  return fc.tuple(kind, index, otherwise).map(([k, i, o]) => {
    const at = order.indexOf(k);
    return new Held(k, i, o, [...order.slice(at + 1), ...order.slice(0, at)]);
  });
};

const drawn = <K extends string, T>(kinds: Kinds<K>, literals: fc.Arbitrary<T>): fc.Arbitrary<Drawn<T, K>> =>
  fc.oneof({ weight: HELD_WEIGHT, arbitrary: held(kinds, literals) }, { weight: LITERAL_WEIGHT, arbitrary: literals });

/** Every kind of address holder. */
export const ADDRESS_HOLDERS: readonly AddressHolder[] = ['internal', 'external', 'bound', 'own'];
/** Every kind of port holder. */
export const PORT_HOLDERS: readonly PortHolder[] = ['endpoint', 'service', 'foreign', 'reserved', 'next-free'];
export const UID_HOLDERS: readonly UidHolder[] = ['database', 'node'];

/** Internal addresses: free ones, the nodes' own, malformed ones, the wrong family. */
const internalLiterals = fc.constantFrom('10.0.0.21', '10.0.0.22', '10.0.0.1', '10.0.0.3', '010.0.0.5', '::ffff:10.0.0.5', '2001:db8::9', ' 10.0.0.7');
const externalLiterals = fc.constantFrom('203.0.113.1', '203.0.113.2', '2001:db8::100', '10.0.0.2');

// Other nodes' external addresses come and go with the run; its own host's bound ones are how a
// down node's internal address changes at all.
/** An internal address: some holder's, or one of `literals` (the cluster's family decides which are right). */
export const internalOf = (literals: fc.Arbitrary<string>) => drawn<AddressHolder, string>({ internal: 1, external: 2, bound: 1, own: 2 }, literals);
export const internalAddress = internalOf(internalLiterals);
export const externalAddress = drawn(ADDRESS_HOLDERS, externalLiterals);
/** Not a list where the API takes one: a bare address, a number, an object. */
export const notAList = fc.constantFrom(new NotAList('203.0.113.1'), new NotAList(3), new NotAList({ addr: '203.0.113.1' }));
/**
 * A whole list of external addresses: mostly some, sometimes none (the internal one serves
 * clients), sometimes not a list at all.
 */
export const externalList = fc.oneof(
  { weight: 1, arbitrary: fc.constant([]) },
  { weight: 4, arbitrary: fc.array(externalAddress, { minLength: 1, maxLength: 2 }) },
  { weight: 1, arbitrary: notAList },
);

/** Addresses a host binds: whole lists as an operator changes a machine's IP, or drawn ones. */
export const boundList = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom<Drawn<string, AddressHolder>[]>(['10.0.0.21'], ['10.0.0.22', '2001:db8::22'], ['10.0.0.2', '2001:db8::2'], ['10.0.0.4']) },
  { weight: 3, arbitrary: fc.array(drawn<AddressHolder, string>(['internal', 'external', 'bound'], fc.constantFrom('10.0.0.23', '10.0.0.24')), { minLength: 1, maxLength: 2 }) },
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
// The ports the run's own entities hold (endpoints, other processes) change as it goes: weighed
// above the cluster's own ports and the reserved ones, which are few and fixed.
export const endpointPort = drawn<PortHolder, unknown>({ foreign: 3, endpoint: 3, service: 1, reserved: 1 }, endpointLiterals);
/** A port to change a database's to: its own (no change), another holder's, or a free one. */
export const changedPort = drawn<PortHolder, unknown>({ endpoint: 3, foreign: 1, service: 1 }, fc.constantFrom<unknown>(12002, 0));
export const managementPort = drawn<PortHolder, unknown>({ endpoint: 3, foreign: 2, service: 1, reserved: 1 }, fc.constantFrom<unknown>(8500, 9443, 80, 3342));
/**
 * Ports another process takes: free ones out of the range (6379: another Redis), the next the
 * range would give, or held ones (refused, or released).
 */
export const foreignPort = drawn<PortHolder, number>({ 'next-free': 3, foreign: 2, endpoint: 1, service: 1, reserved: 1 }, fc.constantFrom(8500, 7000, 6379));

/**
 * An explicit database uid: one in use, a node's, a free one, the same as a string of digits, and
 * malformed ones at each edge of "a positive integer": zero, negative, a fraction, a leading zero,
 * digits with more after them, and more digits than a uid has.
 */
export const databaseUid = drawn<UidHolder, unknown>(UID_HOLDERS, fc.constantFrom<unknown>(7, 1, '12', 'x', 0, '0', -3, 1.5, '07', '1abc', '1234567890'));
