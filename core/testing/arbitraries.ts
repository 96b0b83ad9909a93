import fc from 'fast-check';
import type { Command } from '../../domain/commands.ts';
import { DAY, T0 } from '../../machines/testing/fixtures.ts';

/**
 * Command generators over a deliberately small universe (six hosts, a handful of addresses,
 * ports and uids) so that random sequences collide: the same address asked for twice, a port
 * taken, a node removed and re-added, a database busy. Values include malformed ones, because
 * bad input must be rejected, not crash.
 */
const hostId = fc.constantFrom('h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7');
const uid = fc.constantFrom('1', '2', '3', '3', '4', '7');
const goodV4 = fc.integer({ min: 1, max: 8 }).map((i) => `10.0.0.${i}`);
const goodV6 = fc.integer({ min: 1, max: 4 }).map((i) => `2001:db8::${i}`);
const badAddr = fc.constantFrom('10.0.0.01', '::ffff:10.0.0.1', 'fe80::1%eth0', ' 10.0.0.1', '10.0.0', '', 'x', 42, null);
const addr = fc.oneof({ weight: 6, arbitrary: goodV4 }, { weight: 2, arbitrary: goodV6 }, { weight: 1, arbitrary: badAddr });
const addrs = fc.oneof(
  { weight: 8, arbitrary: fc.array(fc.oneof(goodV4, goodV6, fc.constant('203.0.113.7')), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom('10.0.0.1', [42], ['10.0.0.1', '10.0.0.1'], null) },
);
const port = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(10_000, 10_001, 10_002, 12_000, 12_345, 3342, 8443, 9443, 8080, 20_001, 1024, 65_535) },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, 70_000, 1.5, '10000', null) },
);
const bool = fc.oneof({ weight: 8, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constantFrom('true', 1, null) });
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const rarely = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 1 });
const dbUid = fc.constantFrom('1', '1', '2', '3', '9');
const days = fc.integer({ min: 0, max: 200 }).map((d) => T0 + d * DAY);

const c = <T extends Command['type']>(type: T) => (data: Extract<Command, { type: T }>['data']) => ({ type, data }) as Command;

const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });

export const commandArb: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ hostId, boundAddrs: addrs }).map(c('AddHost')),
  fc.record({ hostId, boundAddrs: addrs }).map(c('SetHostAddresses')),
  fc.record({ name: fc.constantFrom('c.example.com', ''), hostId, addr, useInternalIpv6: opt(bool), now: fc.constant(T0) }, { requiredKeys: ['name', 'hostId', 'addr', 'now'] }).map(c('CreateCluster')),
  fc.record({ hostId, via: addr, addr, externalAddrs: opt(addrs) }, { requiredKeys: ['hostId', 'via', 'addr'] }).map(c('JoinNode')),
  w(4, fc.record({ uid, addr }).map(c('SetNodeAddress'))),
  fc.record({ uid, externalAddrs: addrs }).map(c('SetNodeExternalAddresses')),
  w(2, fc.record({ uid }).map(c('RemoveNode'))),
  w(2, fc.record({ uid }).map(c('CompleteNodeRemoval'))),
  w(4, fc.record({ uid }).map(c('PowerOffNode'))),
  w(4, fc.record({ uid }).map(c('PowerOnNode'))),
  w(
    5,
    fc
      .record(
        { uid: rarely(fc.constantFrom(1, '2', 'x', 9)), name: fc.constantFrom('db', 'cache-1', 'db', '-bad', undefined), memorySize: fc.constantFrom(100, 100, 100, 0, 'x'), port: rarely(port), dataInternodeEncryption: opt(bool) },
        { requiredKeys: ['name', 'memorySize'] },
      )
      .map(c('CreateDatabase')),
  ),
  w(
    6,
    fc
      .record({ uid: dbUid, changes: fc.record({ name: rarely(fc.constantFrom('renamed', 'bad name')), dataInternodeEncryption: opt(bool), port: rarely(port), memorySize: rarely(fc.constantFrom(200, -1)) }, { requiredKeys: [] }) })
      .map(c('UpdateDatabase')),
  ),
  w(2, fc.record({ uid: dbUid }).map(c('DeleteDatabase'))),
  w(6, fc.record({ uid: dbUid }).map(c('CompleteDatabaseAction'))),
  fc.record({ dataInternodeEncryption: bool }).map(c('SetClusterPolicy')),
  fc.record({ cmPort: opt(port), cnmHttpPort: opt(port), cnmHttpsPort: opt(port), httpSupport: opt(bool) }, { requiredKeys: [] }).map(c('ConfigureCluster')),
  fc
    .record({ nodeInternalCertsAboutToExpire: opt(fc.record({ enabled: opt(bool), thresholdDays: opt(fc.constantFrom(10, 45, 60, 89, 90, 0)) }, { requiredKeys: [] })) }, { requiredKeys: [] })
    .map(c('SetAlertSettings')),
  fc.record({ plane: opt(fc.constantFrom('control', 'data')) }, { requiredKeys: [] }).map(c('RotateCertificates')),
  fc.record({ port }).map(c('HoldPort')),
  fc.record({ port }).map(c('ReleasePort')),
  w(3, fc.record({ now: days }).map(c('AdvanceClock'))),
);

/** A running three-node cluster on h1..h3 with spare hosts h4..h6, then random commands. */
export const setupCommands: Command[] = [
  ...[1, 2, 3, 4, 5, 6].map((i) => ({ type: 'AddHost', data: { hostId: `h${i}`, boundAddrs: [`10.0.0.${i}`, `2001:db8::${i}`] } }) as Command),
  { type: 'CreateCluster', data: { name: 'c.example.com', hostId: 'h1', addr: '10.0.0.1', now: T0 } },
  { type: 'JoinNode', data: { hostId: 'h2', via: '10.0.0.1', addr: '10.0.0.2' } },
  { type: 'JoinNode', data: { hostId: 'h3', via: '10.0.0.1', addr: '10.0.0.3' } },
];

/** Sequences that start from the running cluster above (mostly) or from nothing. */
export const sequenceArb = fc.oneof(
  { weight: 4, arbitrary: fc.array(commandArb, { minLength: 20, maxLength: 100 }).map((tail) => [...setupCommands, ...tail]) },
  { weight: 1, arbitrary: fc.array(commandArb, { maxLength: 40 }) },
);
