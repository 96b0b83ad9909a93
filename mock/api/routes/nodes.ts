import type { Command } from '../../../domain/commands.ts';
import { reject } from '../../../domain/rejections.ts';
import { flag, optional } from '../../../domain/rules/fields.ts';
import { readObject, refuse, unknownField } from '../http.ts';
import type { NodeState } from '../../../domain/state.ts';
import { empty, getOne, getOneText, json, jsonText, run, uidParam, type Finder, type Route, type RouteContext, type Reply } from '../route.ts';
import { nodeAlertsView, nodeJson, nodesJson, nodeStatusView, nodeView, removalView } from '../views.ts';

/** Writable node fields the real API documents but this mock does not model. */
const UNMODELLED = ['accept_servers', 'max_listeners', 'max_redis_forks', 'max_redis_servers', 'max_slave_full_syncs', 'rack_id', 'second_rack_id', 'recovery_path'];

const findNode: Finder<NodeState> = (ctx) => {
  const uid = uidParam(ctx);
  const node = uid ? ctx.cluster.state.nodes[uid] : undefined;
  return node ? { found: node } : { missing: refuse(reject.nodeNotFound(ctx.params.uid ?? '')) };
};

async function updateNode(ctx: RouteContext): Promise<Reply> {
  const r = findNode(ctx);
  if (!('found' in r)) return r.missing;
  const node = r.found;
  const body = await readObject(ctx.request);
  if (!body.ok) return refuse(body.rejection);
  const current = nodeView(ctx.cluster.state, node);
  const problem = unknownField(body.value, ['addr', 'external_addr'], { current, unsupported: UNMODELLED });
  if (problem) return refuse(problem);
  const uid = node.uid;
  const commands: Command[] = [];
  if ('addr' in body.value) commands.push({ type: 'SetNodeAddress', data: { uid, addr: body.value.addr } });
  if ('external_addr' in body.value) commands.push({ type: 'SetNodeExternalAddresses', data: { uid, externalAddrs: body.value.external_addr } });
  return run(ctx, commands, () => empty());
}

async function removeNode(ctx: RouteContext): Promise<Reply> {
  const r = findNode(ctx);
  if (!('found' in r)) return r.missing;
  const node = r.found;
  const body = await readObject(ctx.request, { optional: true });
  if (!body.ok) return refuse(body.rejection);
  const problem = unknownField(body.value, ['wait_for_persistence']);
  if (problem) return refuse(problem);
  const wait = optional(flag('wait_for_persistence'))(body.value.wait_for_persistence);
  if (wait) return refuse(wait);
  return run(ctx, { type: 'RemoveNode', data: { uid: node.uid } }, (s) => json(200, removalView(s, node.uid)));
}

function nodeActions(ctx: RouteContext): Reply {
  const uid = uidParam(ctx) ?? '';
  const action = removalView(ctx.cluster.state, uid);
  if (!ctx.cluster.state.nodes[uid] && !action) return refuse(reject.nodeNotFound(ctx.params.uid ?? ''));
  return json(200, { actions: action ? [action] : [] });
}

function nodeAction(ctx: RouteContext): Reply {
  const action = ctx.params.action === 'remove' ? removalView(ctx.cluster.state, uidParam(ctx) ?? '') : undefined;
  return action ? json(200, action) : refuse(reject.actionNotFound(ctx.params.action ?? '', ctx.params.uid ?? ''));
}

export const nodeRoutes: Route[] = [
  { method: 'GET', path: '/v1/nodes', handle: (ctx) => jsonText(200, nodesJson(ctx.cluster.state)) },
  {
    method: 'GET',
    path: '/v1/nodes/actions',
    handle: (ctx) => json(200, { actions: Object.keys(ctx.cluster.state.removals).map((uid) => removalView(ctx.cluster.state, uid)) }),
  },
  {
    method: 'GET',
    path: '/v1/nodes/alerts',
    handle: (ctx) => json(200, Object.fromEntries(Object.values(ctx.cluster.state.nodes).map((n) => [n.uid, nodeAlertsView(ctx.cluster.state, n)]))),
  },
  { method: 'GET', path: '/v1/nodes/status', handle: (ctx) => json(200, Object.fromEntries(Object.values(ctx.cluster.state.nodes).map((n) => [n.uid, nodeStatusView(ctx.cluster.state, n)]))) },
  { method: 'GET', path: '/v1/nodes/:uid/status', handle: getOne(findNode, (ctx, n) => nodeStatusView(ctx.cluster.state, n)) },
  { method: 'GET', path: '/v1/nodes/alerts/:uid', handle: getOne(findNode, (ctx, n) => nodeAlertsView(ctx.cluster.state, n)) },
  { method: 'GET', path: '/v1/nodes/:uid', handle: getOneText(findNode, (ctx, n) => nodeJson(ctx.cluster.state, n)) },
  { method: 'PUT', path: '/v1/nodes/:uid', handle: updateNode },
  { method: 'GET', path: '/v1/nodes/:uid/actions', handle: nodeActions },
  { method: 'POST', path: '/v1/nodes/:uid/actions/remove', handle: removeNode },
  { method: 'GET', path: '/v1/nodes/:uid/actions/:action', handle: nodeAction },
];
