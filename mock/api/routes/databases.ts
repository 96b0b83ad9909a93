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
  return run(
    ctx,
    { type: 'CreateDatabase', data: { uid: b.uid, name: b.name, memorySize: b.memory_size, port: b.port, dataInternodeEncryption: b.data_internode_encryption } },
    (s) => json(200, databaseView(s, s.databases[uid]!)),
  );
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
