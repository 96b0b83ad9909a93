import { allocateEndpointPort, SYSTEM_RESERVED } from '../../domain/rules/ports.ts';
import { CONFIG_PORT_FIELDS, type ConfigPortField } from '../../domain/rules/ports.ts';
import type { Model } from '../model.ts';
import { nth } from './command.ts';

/**
 * Who may hold an address now: other nodes' internal or external addresses, the bound addresses
 * of spare hosts, or the subject's own host's bound addresses.
 */
export type AddressHolder = 'internal' | 'external' | 'bound' | 'own';
/**
 * Who may hold a port now: database endpoints, the cluster's configured ports, other processes,
 * the ports the cluster reserves, or (not a holder: a boundary) the lowest free port of the range.
 */
export type PortHolder = 'endpoint' | 'service' | 'foreign' | 'reserved' | 'next-free';
/** Whose uid: a database's, or a node's (another kind of entity: no collision for a database). */
export type UidHolder = 'database' | 'node';

/**
 * A value to be taken from the model's state when the command runs: the `index`-th value held by
 * holders of this kind; when none holds one, by the first of `fallback` that does (a collision
 * with another holder beats none); else `otherwise`. fast-check generates commands before the
 * state is known; the selector is what it generates and shrinks, and it resolves the same way
 * from the same state, so a replay sends the same values.
 */
export class Held<K extends string, T = unknown> {
  constructor(
    readonly holder: K,
    readonly index: number,
    readonly otherwise: T,
    readonly fallback: readonly K[] = [],
  ) {}
}

/** A value as the command names it: a literal, or a selector of one held now. */
export type Drawn<T, K extends string> = T | Held<K, T>;

/** A value resolved against the state, with where it came from (for the counterexample). */
export interface Resolved<T> {
  readonly value: T;
  readonly from?: string;
}

interface Candidate<T> {
  readonly value: T;
  readonly from: string;
}

/** How a resolved value reads in a counterexample: `"10.0.0.3" = node 3's internal`. */
export const shown = (r: Resolved<unknown>): string => `${JSON.stringify(r.value)}${r.from ? ` = ${r.from}` : ''}`;

/** How a value not yet resolved reads: a literal as it is, a selector by what it selects. */
export const unresolved = (d: unknown): string => (d instanceof Held ? `${d.holder} #${d.index}` : JSON.stringify(d));

/** The selector's value from the first of its holder kinds that holds one (`pools` lists a kind's values). */
function pick<K extends string, T>(held: Held<K, T>, pools: (kind: K) => readonly Candidate<T>[]): Resolved<T> {
  for (const kind of [held.holder, ...held.fallback]) {
    const c = nth(pools(kind), held.index);
    if (c) return c;
  }
  return { value: held.otherwise, from: `none held as ${[held.holder, ...held.fallback].join('/')}: fresh` };
}

const byUid = <E extends { uid: string }>(items: readonly E[]) => [...items].sort((a, b) => Number(a.uid) - Number(b.uid) || a.uid.localeCompare(b.uid));

/**
 * Whose addresses are whose: `node` is the command's subject (its own are `own`, never `internal`
 * or `external`), `host` the subject host of a join or a binding.
 */
export interface AddressSubject {
  readonly node?: string;
  readonly host?: string;
}

/** Every address holders of `kind` hold now, in a fixed order. */
export function heldAddresses(m: Readonly<Model>, kind: AddressHolder, subject: AddressSubject = {}): Candidate<string>[] {
  const s = m.state;
  const others = byUid(Object.values(s.nodes)).filter((n) => n.uid !== subject.node);
  const ownHost = subject.host ?? (subject.node ? s.nodes[subject.node]?.hostId : undefined);
  switch (kind) {
    case 'internal':
      return others.map((n) => ({ value: n.addr, from: `node ${m.targetNode(n.uid)}'s internal` }));
    case 'external':
      return others.flatMap((n) => n.externalAddrs.map((a) => ({ value: a, from: `node ${m.targetNode(n.uid)}'s external` })));
    case 'bound':
      return Object.values(s.hosts)
        .filter((h) => h.nodeUid === null && h.id !== ownHost)
        .sort((a, b) => a.id.localeCompare(b.id))
        .flatMap((h) => h.boundAddrs.map((a) => ({ value: a, from: `spare host ${h.id}'s bound` })));
    case 'own':
      return (ownHost ? (s.hosts[ownHost]?.boundAddrs ?? []) : []).map((a) => ({ value: a, from: `bound on its own host` }));
  }
}

export function resolveAddress(m: Readonly<Model>, d: Drawn<string, AddressHolder>, subject?: AddressSubject): Resolved<string> {
  return d instanceof Held ? pick(d, (k) => heldAddresses(m, k, subject)) : { value: d };
}

/** Representatives of each reserved range: its first and last port. */
const RESERVED = [...new Set(SYSTEM_RESERVED.flatMap((r) => [r.from, r.to]))].map((p) => ({ value: p, from: `reserved (${SYSTEM_RESERVED.find((r) => p >= r.from && p <= r.to)!.use})` }));

/** Every port holders of `kind` hold now, in a fixed order (ports as the target numbers them). */
export function heldPorts(m: Readonly<Model>, kind: PortHolder): Candidate<number>[] {
  const s = m.state;
  switch (kind) {
    case 'endpoint':
      return byUid(Object.values(s.databases)).map((d) => ({ value: d.port, from: `database ${m.targetDb(d.uid)}'s endpoint${d.portAutoAssigned ? ' (assigned)' : ''}` }));
    case 'service':
      return (Object.keys(CONFIG_PORT_FIELDS) as ConfigPortField[]).map((f) => ({ value: s.config[f], from: `the cluster's ${CONFIG_PORT_FIELDS[f]}` }));
    case 'foreign':
      return s.foreignPorts.map((p) => ({ value: p, from: 'held by another process' }));
    case 'reserved':
      return RESERVED;
    case 'next-free': {
      const p = allocateEndpointPort(s);
      return p === null ? [] : [{ value: p, from: 'the lowest free port of the endpoint range' }];
    }
  }
}

/**
 * A port to send: a held one as it is (the state holds the target's own ports), a literal through
 * the model's map of nominal ports (on an adopted cluster a nominal free port may be taken).
 */
export function resolvePort(m: Readonly<Model>, d: Drawn<unknown, PortHolder>): Resolved<unknown> {
  return d instanceof Held ? pick(d as Held<PortHolder, unknown>, (k) => heldPorts(m, k)) : { value: m.port(d) };
}

/** Every uid of the kind in use now, as the target numbers it. */
export function heldUids(m: Readonly<Model>, kind: UidHolder): Candidate<number>[] {
  const entities = byUid(Object.values(kind === 'database' ? m.state.databases : m.state.nodes));
  const target = (uid: string) => (kind === 'database' ? m.targetDb(uid) : m.targetNode(uid));
  return entities.map((e) => ({ value: Number(target(e.uid)), from: `${kind} ${target(e.uid)}'s uid` }));
}

export function resolveUid(m: Readonly<Model>, d: Drawn<unknown, UidHolder>): Resolved<unknown> {
  return d instanceof Held ? pick(d as Held<UidHolder, unknown>, (k) => heldUids(m, k)) : { value: d };
}

/**
 * The model's uid for a database uid the target is asked for: the model's database the target
 * numbers so, if there is one (the target may number its databases otherwise than the model).
 */
export function modelDatabaseUid(m: Readonly<Model>, asked: unknown): unknown {
  if (typeof asked !== 'number' && typeof asked !== 'string') return asked;
  const known = Object.keys(m.state.databases).find((uid) => m.targetDb(uid) === String(asked));
  // A uid the model gave a database the target numbered otherwise is free on the target: the
  // model is asked for one it has free instead (the new database is then mapped to `asked`).
  const free = known ?? (m.state.databases[String(asked)] ? String(m.state.nextDatabaseUid) : String(asked));
  return typeof asked === 'number' ? Number(free) : free;
}

/** How a value reads: as resolved and where from once the command ran, else as the selector. */
export const described = (r: Resolved<unknown> | undefined, d: unknown): string => (r ? shown(r) : unresolved(d));

/** How a list of values reads, each as `described`. */
export const describedList = (rs: readonly Resolved<unknown>[] | undefined, ds: readonly unknown[]): string =>
  `[${ds.map((d, i) => described(rs?.[i], d)).join(', ')}]`;
