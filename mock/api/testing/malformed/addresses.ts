import fc from 'fast-check';
import { notString, numbers, objects } from './values.ts';

/** Addresses (NODE-ADDR-007, NODE-ADDR-015): malformed ones, ones of the wrong family, lists with duplicates. */
/**
 * Address forms the API refuses, with why. Every one is refused whatever the cluster's family:
 * none parses as exactly one IPv4 dotted quad or one plain IPv6 address a node could bind.
 */
export const MALFORMED_ADDRESSES: readonly (readonly [label: string, value: unknown])[] = [
  ['leading zeros', '010.0.0.1'],
  ['leading zeros in the last octet', '10.0.0.01'],
  ['leading zeros in the dotted quad of an IPv6 address', '2001:db8::010.0.0.1'],
  ['IPv4-mapped IPv6', '::ffff:10.0.0.1'],
  ['IPv4-mapped IPv6, upper case', '::FFFF:10.0.0.1'],
  ['IPv4-mapped IPv6, hex form', '::ffff:a00:1'],
  ['a zone id', 'fe80::1%eth0'],
  ['a percent-encoded zone id', 'fe80::1%25eth0'],
  ['a leading space', ' 10.0.0.1'],
  ['a trailing space', '10.0.0.1 '],
  ['a trailing newline', '10.0.0.1\n'],
  ['a leading tab', '\t10.0.0.1'],
  ['an octet over 255', '256.0.0.1'],
  ['three octets', '10.0.0'],
  ['a trailing dot', '10.0.0.1.'],
  ['a prefix length', '10.0.0.1/24'],
  ['a port', '10.0.0.1:80'],
  ['brackets', '[2001:db8::1]'],
  ['hex octets', '0x0a.0.0.1'],
  ['the unspecified address', '0.0.0.0'],
  ['the unspecified IPv6 address', '::'],
  ['the broadcast address', '255.255.255.255'],
  ['a multicast address', '224.0.0.1'],
  ['a host name', 'node2.example.com'],
  ['the empty string', ''],
  ['a number', 42],
  ['null', null],
  ['a boolean', true],
  ['a list', ['10.0.0.9']],
  ['an object', {}],
];

/**
 * Well-formed IPv6 addresses, refused as `addr` on this IPv4 cluster with
 * `address_family_mismatch` (NODE-ADDR-003). 2001:db8::2 is even bound on node 2's host.
 */
export const WRONG_FAMILY_ADDRESSES: readonly string[] = ['2001:db8::9', '2001:db8::2', 'fe80::1'];

/** Lists `external_addr` refuses: the same address twice, however it is written. */
export const DUPLICATE_LISTS: readonly (readonly string[])[] = [
  ['203.0.113.5', '203.0.113.5'],
  ['2001:db8::55', '2001:DB8::55'],
  ['2001:db8::55', '2001:db8:0:0:0:0:0:55'],
  ['203.0.113.5', '198.51.100.5', '203.0.113.5'],
];

/** External addresses no node uses: valid members of a list, and a valid change. */
export const FREE_EXTERNAL = ['203.0.113.7', '198.51.100.9', '2001:db8::77'] as const;

export const badAddr: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...MALFORMED_ADDRESSES.map(([, v]) => v)) },
  { weight: 1, arbitrary: fc.constantFrom(...WRONG_FAMILY_ADDRESSES) },
  { weight: 1, arbitrary: notString },
);

/** A list with one bad member among valid ones, a list with a duplicate, or no list at all. */
export const badAddrList: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .tuple(fc.oneof(fc.constantFrom(...MALFORMED_ADDRESSES.map(([, v]) => v)), notString), fc.subarray([...FREE_EXTERNAL]), fc.nat())
    .map(([bad, good, at]) => {
      const list: unknown[] = [...good];
      list.splice(at % (list.length + 1), 0, bad);
      return list;
    }),
  fc.constantFrom(...DUPLICATE_LISTS.map((l) => [...l])),
  fc.oneof(fc.constantFrom('10.0.0.9', '203.0.113.7', ''), numbers, fc.boolean(), fc.constant(null), objects),
);
