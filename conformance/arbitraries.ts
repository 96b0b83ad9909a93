import fc from 'fast-check';
import type { Model } from './model.ts';
import { OBSERVED_REQS } from './observe.ts';
import type { Target } from '../api/target.ts';
import type { Topology } from '../core/topology.ts';
import type { StepCommand } from './commands/command.ts';
import { AdvanceClock } from './commands/advanceClock.ts';
import { ClockToEdge, EDGES, OFFSETS_MS } from './commands/clockToEdge.ts';
import { ConfigureCluster } from './commands/configureCluster.ts';
import { CreateDatabase } from './commands/createDatabase.ts';
import { DeleteDatabase } from './commands/deleteDatabase.ts';
import { PowerNode } from './commands/powerNode.ts';
import { RemoveNode } from './commands/removeNode.ts';
import { RotateCertificates } from './commands/rotateCertificates.ts';
import { SetExternalAddresses } from './commands/setExternalAddresses.ts';
import { SetNodeAddress } from './commands/setNodeAddress.ts';
import { SetEncryptionPolicy } from './commands/setPolicy.ts';
import { UpdateDatabase, ValueOf, type DatabaseChanges } from './commands/updateDatabase.ts';
import { BindHostAddresses } from './commands/bindHostAddresses.ts';
import { HoldPort } from './commands/holdPort.ts';
import { JoinNode } from './commands/joinNode.ts';
import { InterruptRemoval } from './commands/interruptRemoval.ts';
import { WhileHeld } from './commands/whileHeld.ts';
import { SetCertificateAlert, ThresholdAround } from './commands/setCertificateAlert.ts';
import { MISSING } from './commands/command.ts';
import { controlRefusals } from './commands/controlArbitrary.ts';
import { databaseSettings } from './settingValues.ts';
import { Held } from './commands/held.ts';
import { boundList, changedPort, databaseUid, endpointPort, externalAddress, externalList, notAList, foreignPort, internalAddress, joinAddress, joinVia, managementPort } from './values.ts';
import { bindHost6, configureApiPort, dryRunConfigure, dryRunCreate, getOne, joinNode6, queryLogs, rotatePlane, setNodeAddress6 } from './inputArbitraries.ts';

const pick = fc.nat({ max: 7 });

// Addresses, ports and uids are drawn by `values.ts`: a good share of them is whatever some
// entity holds when the command runs, so collisions where the rules bite are common.
const createDatabase = fc
  .record({
    name: fc.constantFrom('db', 'cache', 'sessions', '-bad'),
    port: fc.option(endpointPort, { nil: undefined, freq: 2 }),
    encryption: fc.option(fc.boolean(), { nil: undefined }),
    // One in four asks for a uid: most leave the choice to the target.
    uid: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: databaseUid }),
    // One in three sends documented settings, allowed or not: stored and read back, or refused.
    settings: fc.option(databaseSettings, { nil: undefined, freq: 2 }),
  })
  .map((a) => new CreateDatabase(a));
// A creation the cluster accepts: a valid name, the port and the uid left to it. Drawn as above,
// two creations in three are refused, so most sequences of the databases area had no database to
// change: the encryption toggles that restart a proxy (ENC-DATA-002) ran about six times in a
// whole default run. An area about databases draws this beside the other, and its updates twice.
const createAccepted = fc
  .record({ name: fc.constantFrom('db', 'cache', 'sessions'), encryption: fc.option(fc.boolean(), { nil: undefined }) })
  .map((a) => new CreateDatabase(a));
// A name as a creation sends it (the run's prefix keeps a malformed one malformed): a fresh valid
// one, the database's own, another database's (the model, like creation, does not require names
// to differ: spec/ says nothing of it), or malformed.
const updateName = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<unknown>('renamed', 'cache') },
  { weight: 2, arbitrary: fc.constantFrom(new ValueOf('own'), new ValueOf('another')) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>('-bad', 'bad_name', 7, null) },
);
// A memory size: a new one, the one it has, or not a positive integer.
const updateMemory = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<unknown>(209_715_200, new ValueOf('own')) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(0, -1, '200mb', 1.5) },
);
/** A change of one field other than the encryption: the name, the memory, or settings. */
const otherChange = fc.oneof(
  updateName.map((name) => ({ name })),
  updateMemory.map((memory_size) => ({ memory_size })),
  databaseSettings.map((settings) => ({ settings })),
);
const encryption = fc.oneof({ weight: 3, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constant<unknown>('yes') });
// The encryption alone (a proxy restart), another field alone (none), or both in one request: one
// valid and one bad field is refused as a whole, and changes nothing.
const updateChanges = fc.oneof(
  { weight: 3, arbitrary: encryption.map((v) => ({ data_internode_encryption: v })) },
  { weight: 3, arbitrary: otherChange },
  { weight: 2, arbitrary: fc.tuple(otherChange, encryption).map(([c, v]) => ({ ...c, data_internode_encryption: v })) },
  { weight: 1, arbitrary: changedPort.map((port) => ({ port })) },
);
const updateDatabase = fc.tuple(pick, updateChanges).map(([p, c]) => new UpdateDatabase(p, c));
const deleteDatabase = pick.map((p) => new DeleteDatabase(p));
// A change to a database, and another to the same one while the first is under way (where the
// target holds its work): an update or a delete while it is `active-change-pending` or
// `delete-pending`, seen and refused as the model says (commands/whileHeld.ts).
const dbCommand = fc.oneof({ weight: 3, arbitrary: updateChanges }, { weight: 1, arbitrary: fc.constant('delete' as const) });
const dbStep = (p: number, c: 'delete' | DatabaseChanges): StepCommand => (c === 'delete' ? new DeleteDatabase(p) : new UpdateDatabase(p, c));
const changeInProgress = fc.tuple(pick, dbCommand, dbCommand).map(([p, a, b]) => new WhileHeld(dbStep(p, a), dbStep(p, b)));
const setPolicy = fc.boolean().map((v) => new SetEncryptionPolicy(v));
const powerNode = fc.tuple(pick, fc.boolean()).map(([p, up]) => new PowerNode(p, up));
// The node areas bring up mostly a node that is down and take down one that is not: a down node
// whose internal address changed (or left its host) then fails to start, NODE-ADDR-008's path,
// in a fair share of their sequences rather than by chance of three picks agreeing.
const powerNodeByState = fc.tuple(pick, fc.boolean()).map(([p, up]) => new PowerNode(p, up, true));
const setNodeAddress = fc.tuple(pick, internalAddress).map(([p, a]) => new SetNodeAddress(p, a));
// Half of them ask a down node where one is, for a free address half the time: an operator
// giving a stopped machine a new IP, which its host does not bind yet (its start then fails).
const freeOrDrawn = fc.oneof(fc.constantFrom('10.0.0.21', '10.0.0.22'), internalAddress);
const setNodeAddressByState = fc.oneof(setNodeAddress, fc.tuple(pick, freeOrDrawn).map(([p, a]) => new SetNodeAddress(p, a, true)));
const setExternalAddresses = fc.tuple(pick, externalList).map(([p, a]) => new SetExternalAddresses(p, a));
const removeNode = pick.map((p) => new RemoveNode(p));
// A node powered down while its removal is under way (where the target can hold its work): drawn
// in `addressing-ipv6`; `mixed` sends it as a seed (conformance/suite.ts). `mixed` and `addressing`
// draw as they did: their sequences are what the catalogue's mutants are caught and blamed by.
const interruptRemoval = pick.map((p) => new InterruptRemoval(p));
const configureCluster = fc.oneof(
  managementPort.map((v) => new ConfigureCluster('cm_port', v)),
  fc.boolean().map((v) => new ConfigureCluster('http_support', v)),
);
// Sums of these are never 1, 30, 45, 60 or 90 days: no certificate is ever read at a threshold
// or at expiry, so a target whose clock runs for less than a day between moves reads the same
// (spec/semantics.md, "The cluster clock").
const advanceClock = fc.constantFrom(8, 31, 46, 95).map((d) => new AdvanceClock(d));
// Where the clock stands still between moves (`still-clock`): a millisecond before, at or after a
// certificate's rotation, alert or expiry edge, the oldest one most often (its edges come first).
const clockToEdge = fc
  .tuple(fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat({ max: 5 }) }), fc.constantFrom(...EDGES), fc.constantFrom(...OFFSETS_MS))
  .map(([p, e, o]) => new ClockToEdge(p, e, o));
// Thresholds at and past the limits (1 and 89 days allowed, 0 and 90 not), malformed, or not sent;
// the alert turned on, off, malformed or not sent: each field of the setting alone and together.
const certificateAlert = fc
  .tuple(
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom('30', '45', '60', '89') }, { weight: 2, arbitrary: fc.constantFrom('1', '0', '90', 'soon') }, { weight: 1, arbitrary: fc.constant(undefined) }),
    fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constantFrom(false, undefined, 'yes') }),
  )
  .map(([t, e]) => new SetCertificateAlert(t, e));
// A threshold just above the oldest certificate's days left (its alerts raise) or just below them
// (every alert clears), and the clock moved less than a rotation: together, often enough that the
// certificates' sequences raise an alert again after a clear, where a target's stored alert state shows.
const alertMoves = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom('above', 'below' as const).map((side) => new SetCertificateAlert(new ThresholdAround(side))) },
  { weight: 1, arbitrary: fc.constant(8).map((d) => new AdvanceClock(d)) },
);
/** A host's own addresses, a new one (the IP changed), or its old one back. */
const bindHost = fc.tuple(fc.nat({ max: 4 }), boundList).map(([p, a]) => new BindHostAddresses(p, a));
// Holding more often than releasing: a port held is what later requests collide with.
const holdPort = fc.tuple(foreignPort, fc.oneof({ weight: 2, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) })).map(([p, h]) => new HoldPort(p, h));
const joinNode = fc
  .tuple(joinVia, joinAddress, fc.option(fc.oneof({ weight: 5, arbitrary: fc.array(externalAddress, { minLength: 1, maxLength: 2 }) }, { weight: 1, arbitrary: notAList }), { nil: undefined }))
  .map(([v, a, e]) => new JoinNode(v, a, e));
const rotate = fc.constant(new RotateCertificates());

/** A join through the first node's internal address. */
const viaFirst = new Held('internal' as const, 0, '203.0.113.77');

/**
 * Concrete commands for the graph exploration that opens every run (conformance/explore.ts), in
 * groups explored one at a time: one command per outcome the machines distinguish (accepted, and
 * each refusal), on the second node and the first database, so that shortest paths reach every
 * transition they can.
 */
export const EXPLORATION: readonly (readonly StepCommand[])[] = [
  [
    new CreateDatabase({ name: 'db' }),
    new CreateDatabase({ name: 'cache', encryption: true }),
    new CreateDatabase({ name: 'db', port: 12000 }),
    new CreateDatabase({ name: '-bad' }),
    new CreateDatabase({ name: 'db', port: 6379 }),
    new CreateDatabase({ port: 12001 }),
    new CreateDatabase({ name: 'db', memory: -1 }),
    new CreateDatabase({ name: 'db', encryption: 'yes' }),
    new CreateDatabase({ name: 'db', port: 'x' }),
    new UpdateDatabase(0, { data_internode_encryption: true }),
    new UpdateDatabase(0, { data_internode_encryption: false }),
    new UpdateDatabase(0, { data_internode_encryption: 'yes' }),
    new UpdateDatabase(0, { port: 12002 }),
    new UpdateDatabase(0, { memory_size: 209_715_200 }),
    new UpdateDatabase(0, { name: 'renamed' }),
    new UpdateDatabase(0, { memory_size: 0 }),
    new UpdateDatabase(MISSING, { data_internode_encryption: true }),
    new DeleteDatabase(0),
    new DeleteDatabase(MISSING),
    new SetEncryptionPolicy(true),
    new SetEncryptionPolicy(false),
    new SetEncryptionPolicy('yes'),
  ],
  [new CreateDatabase({ name: 'db', uid: 7 }), new CreateDatabase({ name: 'db', uid: 'x' })],
  [
    new PowerNode(1, false),
    new PowerNode(1, true),
    new PowerNode(MISSING, false),
    new SetNodeAddress(1, '10.0.0.21'),
    new SetNodeAddress(1, '10.0.0.2'),
    new SetNodeAddress(1, '10.0.0.3'),
    new SetNodeAddress(1, '010.0.0.5'),
    new SetNodeAddress(1, '2001:db8::9'),
    new SetNodeAddress(MISSING, '10.0.0.21'),
    new SetExternalAddresses(1, ['203.0.113.1']),
    new SetExternalAddresses(1, ['10.0.0.3']),
    new SetExternalAddresses(1, ['203.0.113.300']),
    new SetExternalAddresses(1, []),
    new RemoveNode(1),
    new RemoveNode(0),
    new RemoveNode(MISSING),
    new PowerNode(MISSING, true),
    new SetExternalAddresses(MISSING, []),
  ],
  // Remove → change IP → re-add, and joins that fail.
  [
    new RemoveNode(1),
    new PowerNode(1, false),
    new PowerNode(1, true),
    new SetNodeAddress(1, '10.0.0.21'),
    new BindHostAddresses(1, ['10.0.0.21']),
    new BindHostAddresses(1, ['10.0.0.2', '2001:db8::2']),
    new BindHostAddresses(3, ['10.0.0.22']),
    new BindHostAddresses(3, ['10.0.0.4', '2001:db8::4']),
    // An IPv6 address only: the spare host has none of the cluster's family to join with.
    new BindHostAddresses(3, ['2001:db8::4']),
    new JoinNode(viaFirst, 'own'),
    new JoinNode(viaFirst, '10.0.0.22'),
    new JoinNode('203.0.113.77', 'own'),
    new JoinNode(viaFirst, '010.0.0.9'),
    new JoinNode(viaFirst, '2001:db8::4'),
    new JoinNode(viaFirst, '10.0.0.1'),
    new JoinNode(viaFirst, '10.0.0.23'),
    new JoinNode(viaFirst, 'own', ['203.0.113.300']),
    new JoinNode(viaFirst, 'own', ['10.0.0.2']),
  ],
  [
    new ConfigureCluster('cm_port', 8500),
    new ConfigureCluster('cm_port', 9443),
    new ConfigureCluster('cm_port', 80),
    new ConfigureCluster('http_support', false),
    new ConfigureCluster('http_support', true),
    new ConfigureCluster('http_support', 'yes'),
    new HoldPort(12000, true),
    new HoldPort(12000, false),
    new HoldPort(9443, true),
    new HoldPort(8500, true),
    new CreateDatabase({ name: 'db', port: 12000 }),
  ],
  [
    new AdvanceClock(31),
    new AdvanceClock(46),
    new AdvanceClock(95),
    new RotateCertificates(),
    new PowerNode(1, false),
    new PowerNode(1, true),
    new SetCertificateAlert('60'),
    new SetCertificateAlert('30'),
    new SetCertificateAlert('soon'),
  ],
];

type CommandArbitrary = fc.Arbitrary<fc.AsyncCommand<Model, Target> & { readonly reqs: readonly string[]; readonly needs?: readonly string[] }>;

/** A group of commands checked together: one property of the suite, one JUnit test case. */
export interface Area {
  readonly name: string;
  readonly title: string;
  readonly commands: readonly CommandArbitrary[];
  /** A starting topology of its own (on the run's, these changed): its sequences reset there. */
  readonly topology?: Partial<Topology>;
}

/**
 * `mixed` first: it interleaves every command of the state-changing areas, so a broken target is
 * usually caught there. The reads, log queries, dry runs, API port moves, single-plane rotation and
 * IPv6 clusters (conformance/inputArbitraries.ts) are left to their own areas, which keeps its
 * sequences, and the mutants it catches with the default budget, as they were.
 */
export const AREAS: readonly Area[] = [
  {
    name: 'mixed',
    title: 'Every command interleaved',
    commands: [createDatabase, updateDatabase, deleteDatabase, setPolicy, powerNode, setNodeAddress, setExternalAddresses, removeNode, bindHost, joinNode, configureCluster, holdPort, advanceClock, certificateAlert, rotate],
  },
  { name: 'addressing', title: 'Node addressing and lifecycle', commands: [powerNodeByState, powerNodeByState, setNodeAddressByState, setExternalAddresses, removeNode, bindHost, joinNode, createDatabase] },
  { name: 'databases', title: 'Databases and data internode encryption', commands: [createDatabase, createAccepted, updateDatabase, updateDatabase, deleteDatabase, changeInProgress, setPolicy, dryRunCreate, getOne[1]!, queryLogs] },
  // The areas that move the clock, hold ports, bind hosts' addresses and power nodes also send
  // those control operations malformed, at a low weight (commands/controlArbitrary.ts); `mixed`,
  // `addressing`, `databases`, `ports` (its collisions need its sequences dense) and `addressing-ipv6` (the
  // catalogue's IPv6 join variant is named by its draws) draw as they did.
  { name: 'certificates', title: 'Certificate rotation, alerts and expiry', commands: [advanceClock, certificateAlert, alertMoves, alertMoves, alertMoves, rotate, rotatePlane, powerNode, clockToEdge, controlRefusals(['clock'])] },
  { name: 'ports', title: 'Endpoint and management ports', commands: [createDatabase, deleteDatabase, configureCluster, holdPort] },
  // Apart from `ports`, whose collisions of endpoints with cm_port need its sequences dense in both.
  { name: 'api-ports', title: 'The API ports and dry runs of cluster changes', commands: [createDatabase, configureApiPort, holdPort, dryRunConfigure, controlRefusals(['foreign-ports'])] },
  {
    name: 'addressing-ipv6',
    title: 'Node addressing and lifecycle on a cluster created for IPv6',
    commands: [powerNodeByState, setNodeAddress6, setExternalAddresses, removeNode, interruptRemoval, bindHost6, joinNode6, createDatabase],
    topology: { useInternalIpv6: true },
  },
  {
    name: 'reads',
    title: 'Single-object reads and log queries',
    commands: [...getOne, queryLogs, createDatabase, updateDatabase, deleteDatabase, powerNode, setExternalAddresses, removeNode, controlRefusals(['host-addresses', 'spare-hosts', 'power', 'hold-work', 'foreign-ports', 'clock', 'reset', 'crash'])],
  },
];

/** One sample of each of an area's commands (every value of a command arbitrary has the same class). */
const samples = (area: Area) => area.commands.map((a) => fc.sample(a, { numRuns: 1, seed: 1 })[0]!);

const canRun = (c: { readonly needs?: readonly string[] }, have?: ReadonlySet<string>) => !have || (c.needs ?? []).every((n) => have.has(n));

/**
 * The requirements an area's commands check; with `have`, only those of the commands a target
 * with these control capabilities can be sent (the others are never generated).
 */
export function areaRequirements(area: Area, have?: ReadonlySet<string>): string[] {
  const runnable = samples(area).filter((c) => canRun(c, have));
  if (!runnable.length) return [];
  const ids = [...runnable.flatMap((c) => c.reqs), ...OBSERVED_REQS];
  return [...new Set(ids)].sort();
}

export interface Withheld {
  readonly command: string;
  readonly needs: readonly string[];
  readonly reqs: readonly string[];
}

/** The area's commands a target with `have` cannot be sent, what each needs and would check. */
export function areaGaps(area: Area, have: ReadonlySet<string>): Withheld[] {
  return samples(area)
    .filter((c) => !canRun(c, have))
    .map((c) => ({ command: c.constructor.name, needs: (c.needs ?? []).filter((n) => !have.has(n)), reqs: [...c.reqs] }));
}
