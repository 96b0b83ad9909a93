import { done, isRefusal, refused, type Outcome } from '../outcome.ts';
import { table } from '../table.ts';
import type { Command, Context } from './command.ts';

/**
 * `rladmin status`: the real tool's tables, with the columns the REST API gives. HOSTNAME, ROLE,
 * CORES, memory and shards placement come from the node's own agents, which the API does not
 * expose, so they are left out rather than made up; ENDPOINTS shows the address and port
 * clients use instead of the proxy's node and policy.
 */

interface NodeView {
  uid: number;
  addr: string;
  external_addr?: string[];
  status: string;
  shard_count?: number;
  software_version?: string;
}
interface Endpoint {
  uid?: string;
  dns_name?: string;
  port?: number;
  addr?: string[];
}
interface DatabaseView {
  uid: number;
  name: string;
  status: string;
  endpoints?: Endpoint[];
}

const byUid = (a: { uid: number }, b: { uid: number }) => Number(a.uid) - Number(b.uid);
const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** The real tool says OK for a healthy node and the problem otherwise. */
const nodeStatus = (status: string) => (status === 'active' ? 'OK' : status.toUpperCase());

export function nodesTable(nodes: readonly NodeView[]): string[] {
  const rows = [...nodes]
    .sort(byUid)
    .map((n) => [`node:${n.uid}`, n.addr, (n.external_addr ?? []).join(','), text(n.shard_count), text(n.software_version), nodeStatus(n.status)]);
  return table('CLUSTER NODES', ['NODE:ID', 'ADDRESS', 'EXTERNAL_ADDRESS', 'SHARDS', 'VERSION', 'STATUS'], rows);
}

export function databasesTable(dbs: readonly DatabaseView[]): string[] {
  const rows = [...dbs].sort(byUid).map((db) => {
    const e = db.endpoints?.[0];
    return [`db:${db.uid}`, db.name, db.status, e ? `${text(e.dns_name)}:${text(e.port)}` : ''];
  });
  return table('DATABASES', ['DB:ID', 'NAME', 'STATUS', 'ENDPOINT'], rows);
}

export function endpointsTable(dbs: readonly DatabaseView[]): string[] {
  const rows = [...dbs]
    .sort(byUid)
    .flatMap((db) => (db.endpoints ?? []).map((e) => [`db:${db.uid}`, db.name, `endpoint:${text(e.uid)}`, (e.addr ?? []).join(','), text(e.port)]));
  return table('ENDPOINTS', ['DB:ID', 'NAME', 'ID', 'ADDRESS', 'PORT'], rows);
}

type Section = 'nodes' | 'databases' | 'endpoints';

async function status(ctx: Context, sections: readonly Section[]): Promise<Outcome> {
  const wantsNodes = sections.includes('nodes');
  const wantsDbs = sections.includes('databases') || sections.includes('endpoints');
  const [nodes, dbs] = await Promise.all([wantsNodes ? ctx.api('GET', '/v1/nodes') : undefined, wantsDbs ? ctx.api('GET', '/v1/bdbs') : undefined]);
  for (const answer of [nodes, dbs]) if (answer && isRefusal(answer)) return refused(answer);
  const lines: string[][] = [];
  if (wantsNodes) lines.push(nodesTable(nodes!.body as NodeView[]));
  if (sections.includes('databases')) lines.push(databasesTable(dbs!.body as DatabaseView[]));
  if (sections.includes('endpoints')) lines.push(endpointsTable(dbs!.body as DatabaseView[]));
  // Sections are separated by a blank line, as in the real tool.
  return done(...lines.flatMap((section, i) => (i ? ['', ...section] : section)));
}

export const statusCommands: readonly Command[] = [
  { usage: 'status', summary: 'nodes, databases and endpoints, as tables', run: (_, ctx) => status(ctx, ['nodes', 'databases', 'endpoints']) },
  { usage: 'status nodes', summary: 'the nodes table', run: (_, ctx) => status(ctx, ['nodes']) },
  { usage: 'status databases', summary: 'the databases table', run: (_, ctx) => status(ctx, ['databases']) },
  { usage: 'status endpoints', summary: 'the endpoints table', run: (_, ctx) => status(ctx, ['endpoints']) },
];
