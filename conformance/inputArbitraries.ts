import fc from 'fast-check';
import { BindHostAddresses } from './commands/bindHostAddresses.ts';
import { MISSING } from './commands/command.ts';
import { ConfigureApiPort, type PortChoice } from './commands/configureApiPort.ts';
import { ConfigureCluster } from './commands/configureCluster.ts';
import { CreateDatabase } from './commands/createDatabase.ts';
import { DryRun } from './commands/dryRun.ts';
import { GetOne, LAST_WRITTEN } from './commands/getOne.ts';
import { JoinNode } from './commands/joinNode.ts';
import { QueryLogs } from './commands/queryLogs.ts';
import { RotatePlane } from './commands/rotatePlane.ts';
import { SetNodeAddress } from './commands/setNodeAddress.ts';
import type { TimePick } from './logPage.ts';
import { internalOf, joinVia } from './values.ts';
import { ROTATION_NAMES } from './valueSeeds.ts';

/**
 * Generators of the inputs the other areas never send: an IPv6 cluster's addresses, the API's own
 * ports, single-object reads, log queries, single-plane rotation and dry runs.
 */

const pick = fc.nat({ max: 7 });
/** An entity by index, one that does not exist, or the one the last change named (a read after a write). */
const readPick = fc.oneof({ weight: 3, arbitrary: pick }, { weight: 1, arbitrary: fc.constant(MISSING) }, { weight: 3, arbitrary: fc.constant(LAST_WRITTEN) });

/**
 * Internal addresses for a cluster created for IPv6: free ones (one written in a long form), the
 * nodes' own (one in upper case), the wrong family, and forms that are refused whatever the family.
 */
const internal6 = fc.constantFrom('2001:db8::21', '2001:db8:0:0::22', '2001:db8::1', '2001:DB8::3', '10.0.0.21', '::ffff:10.0.0.5', 'ff02::1', 'fe80::1%eth0');
export const setNodeAddress6 = fc.tuple(pick, internalOf(internal6)).map(([p, a]) => new SetNodeAddress(p, a));
/** A host's addresses changed: a new IPv6 one only, its own back, both families new. */
export const bindHost6 = fc
  .tuple(fc.nat({ max: 4 }), fc.constantFrom(['2001:db8::21'], ['10.0.0.2', '2001:db8::2'], ['10.0.0.22', '2001:db8::22'], ['10.0.0.4'], ['10.0.0.4', '2001:db8::4']))
  .map(([p, a]) => new BindHostAddresses(p, a));
/** Joins of an IPv6 cluster: the host's own (IPv6) address, an IPv4 one (the wrong family), a taken or free IPv6 one. */
export const joinNode6 = fc
  .tuple(joinVia, fc.oneof({ weight: 3, arbitrary: fc.constant('own' as const) }, { weight: 2, arbitrary: internalOf(fc.constantFrom('10.0.0.4', '2001:db8::1', '2001:db8::24')) }), fc.option(fc.array(fc.constantFrom('203.0.113.1', '2001:db8::100'), { maxLength: 2 }), { nil: undefined }))
  .map(([v, a, e]) => new JoinNode(v, a, e));

/** One arbitrary per resource, so that an area reads each as often as it runs any other command. */
export const getOne = (['node', 'bdb', 'node-alerts'] as const).map((r) => readPick.map((p) => new GetOne(r, p)));

const timePick: fc.Arbitrary<TimePick> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ entry: fc.nat({ max: 40 }), shift: fc.constantFrom(-1 as const, 0 as const, 1 as const) }) },
  { weight: 1, arbitrary: fc.constantFrom('before-all' as const, 'after-all' as const) },
);
const some = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });
/** Never `limit=0`, nor a parameter the API does not have: the specification leaves their answers open. */
export const queryLogs = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .record({ stime: some(timePick), etime: some(timePick), order: some(fc.constantFrom('asc' as const, 'desc' as const)), limit: some(fc.constantFrom(1, 2, 5)), offset: some(fc.constantFrom(0, 1, 3, 1000)) })
      .map((r) => new QueryLogs(Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)))),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        { param: 'stime' as const, value: 'yesterday' },
        { param: 'etime' as const, value: '2026-13-45T00:00:00Z' },
        { param: 'order' as const, value: 'up' },
        { param: 'limit' as const, value: '-1' },
        { param: 'limit' as const, value: 'ten' },
        { param: 'offset' as const, value: '1.5' },
      )
      .map((m) => new QueryLogs(m)),
  },
);

/** Each internal certificate alone, no body (both), and names the request does not take. */
export const rotatePlane = fc.constantFrom(...ROTATION_NAMES).map((n) => new RotatePlane(n));

const portChoice = fc.constantFrom<PortChoice>('current', 'cm_port', 'other', 'database', 'reserved', 'foreign', 'free', 'swap');
const badPort = fc.constantFrom(80, 65_536, '8085', 8085.5, -1).map((literal) => ({ literal }));
export const configureApiPort = fc
  .tuple(fc.constantFrom('cnm_http_port' as const, 'cnm_https_port' as const), fc.oneof({ weight: 3, arbitrary: portChoice }, { weight: 1, arbitrary: badPort }))
  .map(([f, v]) => new ConfigureApiPort(f, v));

/** Creations and cluster changes as dry runs: decided as without `dry_run`, nothing recorded. */
export const dryRunCreate = fc
  .record({ name: fc.constantFrom('db', '-bad'), port: fc.option(fc.constantFrom(12000, 3342, 6379), { nil: undefined }), encryption: fc.option(fc.constantFrom(true, 'yes'), { nil: undefined }) })
  .map((a) => new DryRun(new CreateDatabase(a)));
export const dryRunConfigure = fc
  .oneof(
    fc.constantFrom(8500, 80, 3342).map((v) => new ConfigureCluster('cm_port', v)),
    fc.constantFrom(true, false, 'yes').map((v) => new ConfigureCluster('http_support', v)),
  )
  .map((c) => new DryRun(c));
