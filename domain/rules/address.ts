import ipaddr from 'ipaddr.js';
import type { AddressFamily } from '../state.ts';
import { show } from './show.ts';

export type ParsedAddress =
  | { readonly ok: true; readonly canonical: string; readonly family: AddressFamily }
  | { readonly ok: false; readonly why: string };

/**
 * Parses an address as the API accepts it: one IPv4 address in dotted-quad form or one IPv6
 * address, nothing around it. Forms that name the same host two ways, or that a node cannot
 * bind, are refused rather than guessed at: leading zeros (octal in some parsers), short or
 * hex IPv4 forms, IPv4-mapped IPv6, zone ids, unspecified, multicast and broadcast addresses.
 * IPv6 is returned in its RFC 5952 form, so `2001:DB8::1` and `2001:db8:0::1` are one address.
 */
export function parseAddress(input: unknown): ParsedAddress {
  if (typeof input !== 'string') return { ok: false, why: 'an address must be a string' };
  if (input.length === 0) return { ok: false, why: 'it is empty' };
  if (input.trim() !== input || /\s/.test(input)) return { ok: false, why: 'it contains white space' };
  if (input.includes('%')) return { ok: false, why: 'zone ids are not accepted' };
  if (input.includes(':')) {
    if (!ipaddr.IPv6.isValid(input)) return { ok: false, why: 'it is not an IPv6 address' };
    // An embedded dotted quad (2001:db8::10.0.0.1) follows the IPv4 rules: no leading zeros.
    const quad = /:(\d+\.\d+\.\d+\.\d+)$/.exec(input)?.[1];
    if (quad !== undefined && !ipaddr.IPv4.isValidFourPartDecimal(quad)) return { ok: false, why: 'its IPv4 part has leading zeros or is out of range' };
    const v6 = ipaddr.IPv6.parse(input);
    if (v6.isIPv4MappedAddress()) return { ok: false, why: 'IPv4-mapped IPv6 addresses are not accepted; give the IPv4 address' };
    const range = v6.range();
    if (range === 'unspecified' || range === 'multicast') return { ok: false, why: `it is a ${range} address` };
    return { ok: true, canonical: v6.toString(), family: 'ipv6' };
  }
  if (!ipaddr.IPv4.isValidFourPartDecimal(input)) {
    return { ok: false, why: 'an IPv4 address is four decimal numbers 0-255 without leading zeros' };
  }
  const v4 = ipaddr.IPv4.parse(input);
  const range = v4.range();
  if (range === 'unspecified' || range === 'multicast' || range === 'broadcast') {
    return { ok: false, why: `it is a ${range} address` };
  }
  return { ok: true, canonical: v4.toString(), family: 'ipv4' };
}

/** The canonical form, or the input as sent (in words) when it does not parse. */
export function canonicalAddress(input: unknown): string {
  const parsed = parseAddress(input);
  return parsed.ok ? parsed.canonical : show(input);
}

/** The first problem with a list of addresses (`external_addr`, or a host's `addresses`), or null. */
export function externalAddressProblem(addrs: unknown, field = 'external_addr'): string | null {
  if (!Array.isArray(addrs)) return `${field} must be an array of addresses`;
  const seen = new Set<string>();
  for (const a of addrs) {
    const parsed = parseAddress(a);
    if (!parsed.ok) return `'${show(a)}' is not a valid address: ${parsed.why}`;
    if (seen.has(parsed.canonical)) return `'${show(a)}' is listed twice`;
    seen.add(parsed.canonical);
  }
  return null;
}
