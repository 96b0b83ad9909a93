import type { Decision } from '../../../machines/decide.ts';
import type { DatabaseCreationStarted } from '../../../domain/events.ts';
import { reject } from '../../../domain/rejections.ts';
import { readObject, refuse, unknownField } from '../http.ts';
import type { DatabaseState } from '../../../domain/state.ts';
import { empty, getOneText, json, jsonText, run, uidParam, type Finder, type Route, type RouteContext, type Reply } from '../route.ts';
import { databaseJson, databaseView } from '../views.ts';
import { DATABASE_SETTINGS } from '../../../domain/rules/databaseSettings.ts';

/** Documented fields without a rule of the model: stored as sent, answered back. */
const SETTINGS = Object.keys(DATABASE_SETTINGS);
/** The fields of an update the model takes as such: none of them is compared with the view. */
const MODELLED = ['name', 'memory_size', 'port', 'data_internode_encryption'];
const CREATE_FIELDS = ['uid', ...MODELLED, ...SETTINGS];
const UPDATE_FIELDS = [...MODELLED, ...SETTINGS];

/** The settings a body sends; for an update, only those that differ from what GET shows now. */
const settingsOf = (b: Record<string, unknown>, current: Record<string, unknown> = {}) =>
  Object.fromEntries(Object.entries(b).filter(([k, v]) => SETTINGS.includes(k) && JSON.stringify(current[k]) !== JSON.stringify(v)));

const findDatabase: Finder<DatabaseState> = (ctx) => {
  const uid = uidParam(ctx);
  const db = uid ? ctx.cluster.state.databases[uid] : undefined;
  return db ? { found: db } : { missing: refuse(reject.databaseNotFound(ctx.params.uid ?? '')) };
};

async function createDatabase(ctx: RouteContext): Promise<Reply> {
  const body = await readObject(ctx.request);
  if (!body.ok) return refuse(body.rejection);
  const problem = unknownField(body.value, CREATE_FIELDS);
  if (problem) return refuse(problem);
  const b = body.value;
  const command = {
    type: 'CreateDatabase',
    data: { uid: b.uid, name: b.name, memorySize: b.memory_size, port: b.port, dataInternodeEncryption: b.data_internode_encryption, settings: settingsOf(b) },
  } as const;
  // The cluster "only verifies that new endpoints are not already in use": the port the model
  // would give (or was asked for) is probed on the machine; one found taken is recorded as held
  // by another process, and the model picks again. Once the port it would give is one just
  // probed, the creation is decided at once, with no wait in between: no other request can
  // take that port, or the next uid, in the meantime.
  let probed: number | undefined;
  for (let attempt = 0; attempt < 64 && ctx.cluster.edge; attempt++) {
    const port = creationOf(ctx.cluster.dryRun(command))?.port;
    if (port === undefined || port === probed) break;
    await ctx.cluster.edge.observePorts([port]);
    probed = port;
  }
  const uid = creationOf(ctx.cluster.dryRun(command))?.uid;
  return run(ctx, command, (s) => jsonText(200, databaseJson(s, s.databases[uid!]!)));
}

/** The database a creation would start, if it would be accepted. */
const creationOf = (d: Decision): DatabaseCreationStarted['data'] | undefined =>
  d.ok ? (d.events.find((e): e is DatabaseCreationStarted => e.type === 'DatabaseCreationStarted')?.data) : undefined;

async function updateDatabase(ctx: RouteContext): Promise<Reply> {
  const r = findDatabase(ctx);
  if (!('found' in r)) return r.missing;
  const db = r.found;
  const body = await readObject(ctx.request);
  if (!body.ok) return refuse(body.rejection);
  const b = body.value;
  // What GET shows now, which a setting sent, or a field sent back, is compared with: not built
  // for a body of modelled fields alone (a rename), which nothing compares.
  const current = Object.keys(b).every((k) => MODELLED.includes(k)) ? {} : databaseView(ctx.cluster.state, db);
  const problem = unknownField(b, UPDATE_FIELDS, { current });
  if (problem) return refuse(problem);
  const uid = db.uid;
  return run(
    ctx,
    {
      type: 'UpdateDatabase',
      data: { uid, changes: { name: b.name, memorySize: b.memory_size, port: b.port, dataInternodeEncryption: b.data_internode_encryption, settings: settingsOf(b, current) } },
    },
    (s) => jsonText(200, databaseJson(s, s.databases[uid]!)),
  );
}

export const databaseRoutes: Route[] = [
  { method: 'GET', path: '/v1/bdbs', handle: (ctx) => json(200, Object.values(ctx.cluster.state.databases).map((d) => databaseView(ctx.cluster.state, d))) },
  { method: 'POST', path: '/v1/bdbs', handle: createDatabase },
  { method: 'GET', path: '/v1/bdbs/:uid', handle: getOneText(findDatabase, (ctx, db) => databaseJson(ctx.cluster.state, db)) },
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
