import type { ClusterState, DatabaseState, NodeState } from '../../../domain/state.ts';
import { BDB_CONSTANTS, CLUSTER_CONSTANTS, ENDPOINT_CONSTANTS, NODE_CONSTANTS, OTHER_ALERT_SETTINGS } from './constants.ts';
import { clusterView } from './cluster.ts';
import { databaseFields } from './database.ts';
import { endpointNode, nodeView, shardsOf, shardsOn } from './node.ts';
import { arrayOf, BOOLEAN, compile, NUMBER, NUMBERS, STRING, STRINGS, viewSchema, type Schema } from './serialise.ts';

/**
 * The JSON text of the answers served most (the nodes, a database, the cluster), written by
 * serialisers compiled once from the views' shapes: the same bytes as `JSON.stringify` of the view
 * (`json.test.ts` compares them), without walking a hundred constant fields on every request.
 */

const NODE = viewSchema(NODE_CONSTANTS, {
  uid: NUMBER,
  addr: STRING,
  external_addr: STRINGS,
  status: STRING,
  use_internal_ipv6: BOOLEAN,
  accept_servers: BOOLEAN,
  shard_count: NUMBER,
  ram_shard_count: NUMBER,
  shard_list: NUMBERS,
  uptime: NUMBER,
});
/**
 * An answer's text, kept on the object of the state it answers for with the other parts of the
 * state its view reads. The state is immutable and shares what a change leaves alone (a rename
 * makes new databases, not new nodes), and each view is a pure function of its parts, so a read
 * sends the text written before while every part is the same object or value: across the states
 * of unrelated changes too, not only between two changes. One text per object (the latest);
 * it goes with the object.
 */
interface Kept {
  readonly parts: readonly unknown[];
  readonly text: string;
}

function kept<K extends object>(texts: WeakMap<K, Kept>, owner: K, parts: readonly unknown[], write: () => string): string {
  const k = texts.get(owner);
  if (k && k.parts.length === parts.length && k.parts.every((p, i) => Object.is(p, parts[i]))) return k.text;
  const text = write();
  texts.set(owner, { parts, text });
  return text;
}

/**
 * What a node's view reads besides the node (`nodeView`), its shards apart. Shards are compared
 * as text: they are worked out afresh for each state, and a rename leaves them as they were.
 */
const nodeParts = (s: ClusterState) => [s.family, s.certificates, s.clock];
const shardsText = (shards: readonly number[]) => shards.join();

const nodeText = compile(NODE);
const nodesText = compile(arrayOf(NODE));

const nodeTexts = new WeakMap<NodeState, Kept>();
const nodesTexts = new WeakMap<ClusterState['nodes'], Kept>();

/** `GET /v1/nodes/{uid}`. */
export const nodeJson = (s: ClusterState, n: NodeState): string =>
  s.nodes[n.uid] === n ? kept(nodeTexts, n, [...nodeParts(s), shardsText(shardsOn(s, n))], () => nodeText(nodeView(s, n))) : nodeText(nodeView(s, n));

/** `GET /v1/nodes`. */
export const nodesJson = (s: ClusterState): string =>
  kept(nodesTexts, s.nodes, [...nodeParts(s), ...Object.values(s.nodes).map((n) => shardsText(shardsOn(s, n)))], () => nodesText(Object.values(s.nodes).map((n) => nodeView(s, n))));

const ALERT = viewSchema({}, { enabled: BOOLEAN, threshold: STRING });
const clusterText = compile(
  viewSchema(CLUSTER_CONSTANTS, {
    name: STRING,
    created_time: STRING,
    cm_port: NUMBER,
    cnm_http_port: NUMBER,
    cnm_https_port: NUMBER,
    http_support: BOOLEAN,
    alert_settings: viewSchema(OTHER_ALERT_SETTINGS, { cluster_certs_about_to_expire: ALERT, node_internal_certs_about_to_expire: ALERT }),
    system_reserved_ports: NUMBERS,
    proxy_certificate: STRING,
    syncer_certificate: STRING,
  }),
);

const clusterTexts = new WeakMap<ClusterState['config'], Kept>();

/** `GET /v1/cluster`. */
export const clusterJson = (s: ClusterState, pems: Readonly<Record<string, string>> = {}): string =>
  // The view shows two of the edge's certificates: the same state with other certificates is another answer.
  kept(clusterTexts, s.config, [s.name, s.clock, s.alerts, pems.proxy_cert ?? '', pems.syncer_cert ?? ''], () => clusterText(clusterView(s, pems)));

const DATABASE_FIELDS: Record<string, Schema> = {
  uid: NUMBER,
  name: STRING,
  memory_size: NUMBER,
  port: NUMBER,
  status: STRING,
  data_internode_encryption: BOOLEAN,
  shards_count: NUMBER,
  shard_list: NUMBERS,
  created_time: STRING,
  last_changed_time: STRING,
  authentication_admin_pass: STRING,
  endpoints: arrayOf(viewSchema(ENDPOINT_CONSTANTS, { uid: STRING, dns_name: STRING, port: NUMBER, addr: STRINGS, addr_type: STRING })),
};

/**
 * A database's settings (fields the model has no rule for, as a client sent them) sit among the
 * constants where the spread puts them, so the shape depends on which were set, in what order: a
 * serialiser is compiled per shape, for the first few shapes seen; past those, `JSON.stringify`
 * (a client sending every combination must not grow the process without bound).
 */
const MAX_SHAPES = 32;
/** The view as `databaseView` makes it: the fields spread over the constants, what `JSON.stringify` must see. */
const wholeDatabase = (fields: unknown) => ({ ...BDB_CONSTANTS, ...(fields as object) });
const databaseWriters = new Map<string, (value: unknown) => string>();

/** The serialiser for the shape of this database's settings, or none (then `JSON.stringify`). */
function databaseWriter(db: DatabaseState): ((value: unknown) => string) | undefined {
  const keys = Object.keys(db.settings ?? {});
  const shape = keys.join('\n');
  let text = databaseWriters.get(shape);
  if (text) return text;
  // A key that would set a prototype rather than a property is left to JSON.stringify.
  if (databaseWriters.size >= MAX_SHAPES || keys.includes('__proto__')) return undefined;
  text = compile(viewSchema(BDB_CONSTANTS, DATABASE_FIELDS, keys), wholeDatabase);
  databaseWriters.set(shape, text);
  return text;
}

/**
 * The serialiser is given the database's own fields over the constants as their prototype, not a
 * copy of a hundred constants per answer: it reads a field wherever it is (a setting that
 * overrides a constant shadows it) and writes the keys in the schema's order, the spread's.
 */
function writeDatabase(s: ClusterState, db: DatabaseState): string {
  const fields = databaseFields(s, db);
  const text = databaseWriter(db);
  return text ? text(Object.assign(Object.create(BDB_CONSTANTS) as object, fields)) : JSON.stringify(wholeDatabase(fields));
}

const databaseTexts = new WeakMap<DatabaseState, Kept>();

/**
 * `GET /v1/bdbs/{uid}`, and a database as a create or an update answers it. Besides the database
 * its view reads the cluster's name and clock, the node serving the endpoint and its shards.
 */
export const databaseJson = (s: ClusterState, db: DatabaseState): string =>
  s.databases[db.uid] === db ? kept(databaseTexts, db, [s.name, s.clock, endpointNode(s), shardsText(shardsOf(s, db))], () => writeDatabase(s, db)) : writeDatabase(s, db);
