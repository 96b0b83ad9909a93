import type { Command } from '../../../core/commands.ts';
import { reject } from '../../../core/rejections.ts';
import { readObject, refuse, unknownField } from '../http.ts';
import type { DatabaseState } from '../../../core/state.ts';
import { empty, getOne, json, run, uidParam, type Finder, type Route, type RouteContext } from '../route.ts';
import { databaseView } from '../views.ts';

const CREATE_FIELDS = ['uid', 'name', 'memory_size', 'port', 'data_internode_encryption'];
const UPDATE_FIELDS = ['name', 'memory_size', 'port', 'data_internode_encryption'];

const findDatabase: Finder<DatabaseState> = (ctx) => {
  const uid = uidParam(ctx);
  const db = uid ? ctx.cluster.state.databases[uid] : undefined;
  return db ? { found: db } : { missing: refuse(reject.databaseNotFound(ctx.params.uid ?? '')) };
};

async function createDatabase(ctx: RouteContext): Promise<Response> {
  const body = await readObject(ctx.request);
  if (!body.ok) return refuse(body.rejection);
  const problem = unknownField(body.value, CREATE_FIELDS);
  if (problem) return refuse(problem);
  const b = body.value;
  const uid = b.uid !== undefined ? String(b.uid) : String(ctx.cluster.state.nextDatabaseUid);
  const command = { type: 'CreateDatabase', data: { uid: b.uid, name: b.name, memorySize: b.memory_size, port: b.port, dataInternodeEncryption: b.data_internode_encryption } } as const;
  await checkPortsOnMachine(ctx, command, uid);
  return run(ctx, command, (s) => json(200, databaseView(s, s.databases[uid]!)));
}

/**
 * The cluster "only verifies that new endpoints are not already in use": before deciding, the
 * port the model would give (or was asked for) is checked on the machine. One found taken is
 * recorded as held by another process, and the model picks again.
 */
async function checkPortsOnMachine(ctx: RouteContext, command: Command, uid: string): Promise<void> {
  const edge = ctx.cluster.edge;
  if (!edge) return;
  for (let attempt = 0; attempt < 64; attempt++) {
    const d = ctx.cluster.dryRun(command);
    const port = d.ok ? d.state.databases[uid]?.port : undefined;
    if (port === undefined) return;
    const held = ctx.cluster.state.foreignPorts.length;
    await edge.observePorts([port]);
    if (ctx.cluster.state.foreignPorts.length === held) return;
  }
}

async function updateDatabase(ctx: RouteContext): Promise<Response> {
  const r = findDatabase(ctx);
  if (!('found' in r)) return r.missing;
  const db = r.found;
  const body = await readObject(ctx.request);
  if (!body.ok) return refuse(body.rejection);
  const current = databaseView(ctx.cluster.state, db);
  const problem = unknownField(body.value, UPDATE_FIELDS, current);
  if (problem) return refuse(problem);
  const b = body.value;
  const uid = db.uid;
  return run(
    ctx,
    { type: 'UpdateDatabase', data: { uid, changes: { name: b.name, memorySize: b.memory_size, port: b.port, dataInternodeEncryption: b.data_internode_encryption } } },
    (s) => json(200, databaseView(s, s.databases[uid]!)),
  );
}

export const databaseRoutes: Route[] = [
  { method: 'GET', path: '/v1/bdbs', handle: (ctx) => json(200, Object.values(ctx.cluster.state.databases).map((d) => databaseView(ctx.cluster.state, d))) },
  { method: 'POST', path: '/v1/bdbs', handle: createDatabase },
  { method: 'GET', path: '/v1/bdbs/:uid', handle: getOne(findDatabase, (ctx, db) => databaseView(ctx.cluster.state, db)) },
  { method: 'PUT', path: '/v1/bdbs/:uid', handle: updateDatabase },
  {
    method: 'DELETE',
    path: '/v1/bdbs/:uid',
    handle: (ctx) => {
      const r = findDatabase(ctx);
      return 'found' in r ? run(ctx, { type: 'DeleteDatabase', data: { uid: r.found.uid } }, () => empty()) : r.missing;
    },
  },
];
