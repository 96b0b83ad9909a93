import { produce } from 'immer';
import { ENDPOINT_RANGE, portOwner } from '../domain/rules/ports.ts';
import type { ClusterState } from '../domain/state.ts';
import { Mismatch } from './mismatch.ts';
import type { Model } from './model.ts';

/**
 * Where the specification lets the target choose (a database's uid and endpoint port, a joining
 * node's uid, the addresses an endpoint is reached at), what it may choose. A choice it allows is
 * adopted into the model; any other is the step's failure, naming the requirement it breaks.
 */

/** A uid as the API gives one: a positive integer (a number, or a string of digits). */
const positiveUid = (v: unknown): string | null =>
  (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) || (typeof v === 'string' && /^[1-9][0-9]{0,8}$/.test(v)) ? String(v) : null;

const without = (s: ClusterState, uid: string): ClusterState => produce(s, (d) => void delete d.databases[uid]);

export interface CreatedDatabase {
  /** The model's uid for it. */
  readonly uid: string;
  readonly portAutoAssigned: boolean;
}

/**
 * Checks and adopts what the target chose for a database it has just created: its uid (the one
 * asked for, else a positive integer no other database has), its endpoint port (the one asked
 * for, else a free port of 10000-19999: not another endpoint's, not a cluster port, not reserved,
 * not held by another process), and the addresses of its endpoint (a node's client addresses).
 */
export function adoptCreatedDatabase(m: Model, step: string, created: CreatedDatabase, askedUid: unknown, body: any): void {
  const others = without(m.state, created.uid);
  const uid = positiveUid(body?.uid);
  if (askedUid !== undefined && uid !== String(askedUid)) {
    throw new Mismatch(`${step}: the database takes the uid asked for`, { uid: askedUid }, { uid: body?.uid }, ['DB-LIFE-001']);
  }
  const taken = Object.keys(others.databases).find((k) => m.targetDb(k) === uid);
  if (uid === null || taken !== undefined) {
    const why = uid === null ? 'not a positive integer' : `database ${uid}'s uid, in use`;
    throw new Mismatch(`${step}: the uid the target chose`, 'a positive integer no other database has', `${JSON.stringify(body?.uid)} (${why})`, ['DB-LIFE-001']);
  }
  m.databases.set(created.uid, uid);

  const endpoint = Array.isArray(body?.endpoints) ? body.endpoints[0] : undefined;
  const port: unknown = endpoint?.port;
  if (created.portAutoAssigned) {
    const owner = typeof port === 'number' ? portOwner(others, port) : null;
    const outside = !(typeof port === 'number' && Number.isInteger(port) && port >= ENDPOINT_RANGE.min && port <= ENDPOINT_RANGE.max);
    if (outside || owner !== null) {
      const why = [outside ? (port === undefined ? 'no endpoints[].port' : `outside ${ENDPOINT_RANGE.min}-${ENDPOINT_RANGE.max}`) : null, owner].filter(Boolean).join(', ');
      // Another endpoint's or another process's port breaks PORT-DB-002; the cluster's own, PORT-DB-005 too.
      const theClusters = owner !== null && !owner.startsWith('in use') && !owner.startsWith('used by database');
      const reqs = [...(outside ? ['PORT-DB-001'] : []), ...(owner !== null ? ['PORT-DB-002'] : []), ...(theClusters ? ['PORT-DB-005'] : [])];
      throw new Mismatch(`${step}: the endpoint port the target chose`, `a free port of ${ENDPOINT_RANGE.min}-${ENDPOINT_RANGE.max}`, `${JSON.stringify(port)} (${why})`, reqs);
    }
    if (port !== m.state.databases[created.uid]!.port) m.state = produce(m.state, (d) => void (d.databases[created.uid]!.port = port as number));
  } else if (port !== undefined && port !== m.state.databases[created.uid]!.port) {
    throw new Mismatch(`${step}: the endpoint takes the port asked for`, m.state.databases[created.uid]!.port, port, ['PORT-DB-003', 'PORT-DB-006']);
  }

  // Where clients reach it: the addresses a node serves clients on (its external ones, else its internal).
  const clientAddrs = new Set(Object.values(m.state.nodes).flatMap((n) => (n.externalAddrs.length ? n.externalAddrs : [n.addr])));
  const addrs: unknown = endpoint?.addr;
  const stray = Array.isArray(addrs) ? addrs.filter((a) => !clientAddrs.has(a)) : [];
  if (addrs !== undefined && (!Array.isArray(addrs) || stray.length)) {
    throw new Mismatch(`${step}: the addresses of the endpoint`, `addresses nodes serve clients on: ${[...clientAddrs].join(', ')}`, addrs, ['NODE-ADDR-001']);
  }
}

/**
 * Checks and adopts the uid the target gave a node that has just joined: a positive integer no
 * node of the cluster has, nor ever had (a removed node's uid is never given again). `listed` is
 * the target's `GET /v1/nodes` after the join; a node it does not list is left to the observation.
 */
export function adoptJoinedNode(m: Model, step: string, modelUid: string, addr: string, listed: unknown): void {
  if (!Array.isArray(listed)) return;
  const others = Object.keys(m.state.nodes).filter((uid) => uid !== modelUid).map((uid) => m.targetNode(uid));
  const joined = listed.find((n: any) => n?.addr === addr && !others.includes(String(n?.uid)));
  if (!joined) return;
  const uid = positiveUid(joined.uid);
  const retired = Object.keys(m.state.removals).filter((u) => !m.state.nodes[u]).map((u) => m.targetNode(u));
  if (uid === null || retired.includes(uid)) {
    const why = uid === null ? 'not a positive integer' : 'the uid of a removed node';
    throw new Mismatch(`${step}: the uid the target gave the joined node`, 'a positive integer no node has or had', `${JSON.stringify(joined.uid)} (${why})`, ['NODE-LIFE-002', 'NODE-ADDR-012']);
  }
  if (uid !== modelUid) m.nodes.set(modelUid, uid);
}
