import fc from 'fast-check';
import type { Model } from './model.ts';
import type { Target } from './target/target.ts';
import { AdvanceClock } from './commands/advanceClock.ts';
import { ConfigureCluster } from './commands/configureCluster.ts';
import { CreateDatabase } from './commands/createDatabase.ts';
import { DeleteDatabase } from './commands/deleteDatabase.ts';
import { PowerNode } from './commands/powerNode.ts';
import { RemoveNode } from './commands/removeNode.ts';
import { RotateCertificates } from './commands/rotateCertificates.ts';
import { SetExternalAddresses } from './commands/setExternalAddresses.ts';
import { SetNodeAddress } from './commands/setNodeAddress.ts';
import { SetEncryptionPolicy } from './commands/setPolicy.ts';
import { SetDatabaseEncryption } from './commands/updateDatabase.ts';

const pick = fc.nat({ max: 7 });
/** Addresses chosen to collide: the nodes' own, free ones, malformed ones, the wrong family. */
const internal = fc.constantFrom('10.0.0.21', '10.0.0.22', '10.0.0.1', '10.0.0.3', '010.0.0.5', '::ffff:10.0.0.5', '2001:db8::9', ' 10.0.0.7');
const external = fc.array(fc.constantFrom('203.0.113.1', '203.0.113.2', '2001:db8::100', '10.0.0.2'), { maxLength: 2 });

const createDatabase = fc
  .record({ name: fc.constantFrom('db', 'cache', 'sessions', '-bad'), port: fc.option(fc.constantFrom(12000, 12001, 6379, 3342, 9443, 20000), { nil: undefined, freq: 3 }), encryption: fc.option(fc.boolean(), { nil: undefined }) })
  .map((a) => new CreateDatabase(a));
const setDatabaseEncryption = fc.tuple(pick, fc.boolean()).map(([p, v]) => new SetDatabaseEncryption(p, v));
const deleteDatabase = pick.map((p) => new DeleteDatabase(p));
const setPolicy = fc.boolean().map((v) => new SetEncryptionPolicy(v));
const powerNode = fc.tuple(pick, fc.boolean()).map(([p, up]) => new PowerNode(p, up));
const setNodeAddress = fc.tuple(pick, internal).map(([p, a]) => new SetNodeAddress(p, a));
const setExternalAddresses = fc.tuple(pick, external).map(([p, a]) => new SetExternalAddresses(p, a));
const removeNode = pick.map((p) => new RemoveNode(p));
const configureCluster = fc.oneof(
  fc.constantFrom(8500, 9443, 80, 3342).map((v) => new ConfigureCluster('cm_port', v)),
  fc.boolean().map((v) => new ConfigureCluster('http_support', v)),
);
const advanceClock = fc.constantFrom(10, 31, 46, 95).map((d) => new AdvanceClock(d));
const rotate = fc.constant(new RotateCertificates());

type CommandArbitrary = fc.Arbitrary<fc.AsyncCommand<Model, Target> & { readonly reqs: readonly string[] }>;

/** A group of commands checked together: one property of the suite, one JUnit test case. */
export interface Area {
  readonly name: string;
  readonly title: string;
  readonly commands: readonly CommandArbitrary[];
}

/** `mixed` first: it has every command, so a broken target is usually caught there. */
export const AREAS: readonly Area[] = [
  {
    name: 'mixed',
    title: 'Every command interleaved',
    commands: [createDatabase, setDatabaseEncryption, deleteDatabase, setPolicy, powerNode, setNodeAddress, setExternalAddresses, removeNode, configureCluster, advanceClock, rotate],
  },
  { name: 'addressing', title: 'Node addressing and lifecycle', commands: [powerNode, setNodeAddress, setExternalAddresses, removeNode, createDatabase] },
  { name: 'databases', title: 'Databases and data internode encryption', commands: [createDatabase, setDatabaseEncryption, deleteDatabase, setPolicy] },
  { name: 'certificates', title: 'Certificate rotation, alerts and expiry', commands: [advanceClock, rotate, powerNode] },
  { name: 'ports', title: 'Endpoint and management ports', commands: [createDatabase, deleteDatabase, configureCluster] },
];

/** The requirements an area's commands check (read from one sample of each command). */
export function areaRequirements(area: Area): string[] {
  const ids = area.commands.flatMap((a) => fc.sample(a, { numRuns: 1, seed: 1 })[0]!.reqs);
  return [...new Set(ids)].sort();
}
