import { describe, expect, it } from 'vitest';
import { externalAddressProblem, parseAddress } from './address.ts';

describe('address forms', () => {
  it.each([
    ['10.0.0.1', 'ipv4', '10.0.0.1'],
    ['255.255.255.254', 'ipv4', '255.255.255.254'],
    ['2001:db8::1', 'ipv6', '2001:db8::1'],
    ['2001:DB8:0:0:0:0:0:1', 'ipv6', '2001:db8::1'],
    ['fe80::1', 'ipv6', 'fe80::1'],
  ])('[NODE-ADDR-007] [NODE-ADDR-015] accepts %s as %s, canonically %s', (input, family, canonical) => {
    expect(parseAddress(input)).toEqual({ ok: true, family, canonical });
  });

  it.each([
    ['010.0.0.1', 'leading zeros'],
    ['10.0.0.256', 'out of range'],
    ['10.1', 'short form'],
    ['0x0a.0.0.1', 'hex'],
    ['::ffff:10.0.0.1', 'IPv4-mapped'],
    ['fe80::1%eth0', 'zone id'],
    [' 10.0.0.1', 'leading space'],
    ['10.0.0.1\n', 'trailing newline'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['', 'empty'],
    ['10.0.0.1/24', 'a prefix'],
    ['host.example.com', 'a name'],
    ['2001:db8::010.0.0.1', 'leading zeros in an embedded IPv4 part'],
  ])('[NODE-ADDR-007] [NODE-ADDR-015] refuses %j (%s)', (input) => {
    const parsed = parseAddress(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.why.length).toBeGreaterThan(0);
  });

  it('[NODE-ADDR-007] refuses what is not a string', () => {
    for (const v of [null, undefined, 10, {}, ['10.0.0.1'], { toString: '10.0.0.1' }]) expect(parseAddress(v).ok).toBe(false);
    expect(externalAddressProblem([{ toString: 'x' }])).toMatch(/toString/);
  });

  it('[NODE-ADDR-007] accepts an embedded IPv4 part written correctly', () => {
    expect(parseAddress('2001:db8::10.0.0.1')).toEqual({ ok: true, family: 'ipv6', canonical: '2001:db8::a00:1' });
  });

  it('[NODE-ADDR-004] an external address list is an array of distinct valid addresses; it may be empty', () => {
    expect(externalAddressProblem([])).toBeNull();
    expect(externalAddressProblem(['10.0.0.1', '2001:db8::1'])).toBeNull();
    expect(externalAddressProblem('10.0.0.1')).toMatch(/array/);
    expect(externalAddressProblem(['2001:db8::1', '2001:DB8::1'])).toMatch(/twice/);
    expect(externalAddressProblem(['10.0.0.1', 'nope'])).toMatch(/nope/);
  });
});
