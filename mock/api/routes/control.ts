import type { Command } from '../../../domain/commands.ts';
import { reject } from '../../../domain/rejections.ts';
import { flag } from '../../../domain/rules/fields.ts';
import type { ClusterState, HostState } from '../../../domain/state.ts';
import { hostAddresses, topologyCommands } from '../../../core/topology.ts';
import { readObject, refuse, unknownField } from '../http.ts';
import { json, run, uidParam, type Route, type RouteContext, type Reply } from '../route.ts';
import { iso } from '../views.ts';
import { startFailure } from '../views/nodeStart.ts';

/** What this implementation of spec/control.md offers. */
export const CAPABILITIES = ['reset', 'power', 'host-addresses', 'spare-hosts', 'clock', 'foreign-ports', 'hold-work'] as const;

const DAY_MS = 86_400_000;
const invalid = (description: string) => refuse(reject.invalidParameter(description));

function hostView(ctx: RouteContext, s: ClusterState, h: HostState) {
  return { host: h.id, addresses: [...h.boundAddrs], node_uid: h.nodeUid === null ? null : Number(h.nodeUid), bootstrap_url: `${ctx.url.origin}/hosts/${h.id}` };
}
const hostsView = (ctx: RouteContext, s: ClusterState) => Object.values(s.hosts).map((h) => hostView(ctx, s, h));

async function reset(ctx: RouteContext): Promise<Reply> {
  const body = await readObject(ctx.request, { optional: true });
  if (!body.ok) return refuse(body.rejection);
  const problem = unknownField(body.value, ['nodes', 'spare_hosts', 'use_internal_ipv6', 'name']);
  if (problem) return refuse(problem);
  const { nodes = 3, spare_hosts = 1, use_internal_ipv6 = false, name } = body.value as Record<string, unknown>;
  if (!Number.isInteger(nodes) || (nodes as number) < 1 || (nodes as number) > 20) return invalid('nodes must be 1-20');
  if (!Number.isInteger(spare_hosts) || (spare_hosts as number) < 0 || (spare_hosts as number) > 20) return invalid('spare_hosts must be 0-20');
  const ipv6 = flag('use_internal_ipv6')(use_internal_ipv6);
  if (ipv6) return refuse(ipv6);
  const commands = topologyCommands(
    { nodes: nodes as number, spareHosts: spare_hosts as number, useInternalIpv6: use_internal_ipv6 as boolean, ...(name !== undefined ? { name: name as string } : {}) },
    ctx.cluster.resetTime(),
  );
  const result = ctx.cluster.reset(commands);
  return result.ok ? json(200, hostsView(ctx, result.state)) : refuse(result.rejection);
}

async function addHost(ctx: RouteContext): Promise<Reply> {
  const body = await readObject(ctx.request, { optional: true });
  if (!body.ok) return refuse(body.rejection);
  const problem = unknownField(body.value, ['addresses']);
  if (problem) return refuse(problem);
  let i = Object.keys(ctx.cluster.state.hosts).length + 1;
  while (ctx.cluster.state.hosts[`host-${i}`]) i++;
  const hostId = `host-${i}`;
  const boundAddrs = body.value.addresses ?? hostAddresses(i);
  const result = ctx.cluster.execute({ type: 'AddHost', data: { hostId, boundAddrs } });
  return result.ok ? json(201, hostView(ctx, result.state, result.state.hosts[hostId]!)) : refuse(result.rejection);
}

async function setAddresses(ctx: RouteContext): Promise<Reply> {
  const hostId = ctx.params.host ?? '';
  if (!ctx.cluster.state.hosts[hostId]) return refuse(reject.hostNotFound(hostId));
  const body = await readObject(ctx.request);
  if (!body.ok) return refuse(body.rejection);
  const problem = unknownField(body.value, ['addresses']);
  if (problem) return refuse(problem);
  return run(ctx, { type: 'SetHostAddresses', data: { hostId, boundAddrs: body.value.addresses } }, (s) => json(200, hostView(ctx, s, s.hosts[hostId]!)));
}

async function power(ctx: RouteContext): Promise<Reply> {
  const uid = uidParam(ctx);
  if (!uid || !ctx.cluster.state.nodes[uid]) return refuse(reject.nodeNotFound(ctx.params.uid ?? ''));
  const body = await readObject(ctx.request);
  if (!body.ok) return refuse(body.rejection);
  const problem = unknownField(body.value, ['state']);
  if (problem) return refuse(problem);
  const state = body.value.state;
  if (state !== 'up' && state !== 'down') return invalid('state must be "up" or "down"');
  const command: Command = { type: state === 'up' ? 'PowerOnNode' : 'PowerOffNode', data: { uid } };
  return run(ctx, command, (s) => {
    const node = s.nodes[uid];
    // Asked up and still down: the node could not start, and the answer says why.
    if (state === 'up' && node?.status === 'down') return json(200, { status: 'down', reason: startFailure(uid, node.addr, node.hostId) });
    return json(200, { status: node?.status });
  });
}

async function clock(ctx: RouteContext): Promise<Reply> {
  const body = await readObject(ctx.request);
  if (!body.ok) return refuse(body.rejection);
  const problem = unknownField(body.value, ['advance_days', 'now']);
  if (problem) return refuse(problem);
  const { advance_days, now } = body.value;
  let target: number;
  if (advance_days !== undefined && now === undefined) {
    if (typeof advance_days !== 'number' || !(advance_days >= 0) || advance_days > 36_500) return invalid('advance_days must be a number of days from 0 to 36500');
    target = ctx.cluster.state.clock + Math.round(advance_days * DAY_MS);
  } else if (now !== undefined && advance_days === undefined) {
    target = typeof now === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(now) ? Date.parse(now) : Number.NaN;
    if (Number.isNaN(target)) return invalid('now must be an ISO 8601 time');
  } else {
    return invalid('give either advance_days or now');
  }
  return run(ctx, { type: 'AdvanceClock', data: { now: target } }, (s) => json(200, { now: iso(s.clock) }));
}

/**
 * Holds or releases a port with a real listener where the mock has an edge, then records the
 * fact. The model is asked first, so a port the cluster itself uses is refused before any bind.
 */
function port(held: boolean) {
  return async (ctx: RouteContext): Promise<Reply> => {
    // The port is in the path; a body may be sent, but it has no fields.
    const body = await readObject(ctx.request, { optional: true });
    if (!body.ok) return refuse(body.rejection);
    const problem = unknownField(body.value, []);
    if (problem) return refuse(problem);
    const n = /^\d{1,5}$/.test(ctx.params.port ?? '') ? Number(ctx.params.port) : ctx.params.port;
    const command: Command = { type: held ? 'HoldPort' : 'ReleasePort', data: { port: n } };
    const d = ctx.cluster.dryRun(command);
    if (!d.ok) return refuse(d.rejection);
    try {
      if (held) await ctx.cluster.edge?.holdPort(n as number);
      else await ctx.cluster.edge?.releasePort(n as number);
    } catch (e) {
      return refuse(reject.portInUse(n, (e as Error).message));
    }
    return run(ctx, command, () => json(200, { port: n, held }));
  };
}

/** `POST /work`: holds the cluster's asynchronous work where it is, or releases it. */
async function work(ctx: RouteContext): Promise<Reply> {
  const body = await readObject(ctx.request);
  if (!body.ok) return refuse(body.rejection);
  const problem = unknownField(body.value, ['hold']);
  if (problem) return refuse(problem);
  const hold = body.value.hold;
  if (typeof hold !== 'boolean') return invalid('hold must be true or false');
  ctx.cluster.holdWork(hold);
  return json(200, { held: ctx.cluster.held });
}

/** Where the suite reaches a node's internode listener or a database's endpoint. */
function locate(kind: 'internode' | 'endpoint') {
  return async (ctx: RouteContext): Promise<Reply> => {
    // Listeners follow the state asynchronously: answer for the state as it is now.
    await ctx.cluster.edge?.settled();
    const uid = uidParam(ctx) ?? '';
    const s = ctx.cluster.state;
    if (kind === 'internode' && !s.nodes[uid]) return refuse(reject.nodeNotFound(ctx.params.uid ?? ''));
    if (kind === 'endpoint' && !s.databases[uid]) return refuse(reject.databaseNotFound(ctx.params.uid ?? ''));
    if (kind === 'internode' && s.nodes[uid]!.status === 'down') return refuse(reject.nodeDown(uid));
    const at = kind === 'internode' ? ctx.cluster.edge?.internode(uid) : ctx.cluster.edge?.endpoint(uid);
    return at ? json(200, at) : refuse(reject.notListening(kind, uid));
  };
}

/** The longest `after_ms` a crash may be asked for: a minute (a suite's request is never longer in flight). */
const MAX_CRASH_DELAY_MS = 60_000;

/**
 * `POST /crash`: answered 202 first, then the process dies abruptly `after_ms` later (as
 * SIGKILL: nothing is flushed or closed), and its supervisor restarts it on its data. Only where
 * a supervisor does (`crash` in the capabilities); elsewhere the path is not part of the protocol.
 */
async function crash(ctx: RouteContext): Promise<Reply> {
  if (!ctx.crash) return refuse(reject.notFound(ctx.request.method, ctx.url.pathname));
  const body = await readObject(ctx.request, { optional: true });
  if (!body.ok) return refuse(body.rejection);
  const problem = unknownField(body.value, ['after_ms']);
  if (problem) return refuse(problem);
  const after = (body.value as { after_ms?: unknown }).after_ms ?? 0;
  if (!Number.isInteger(after) || (after as number) < 0 || (after as number) > MAX_CRASH_DELAY_MS) return invalid(`after_ms must be a whole number of milliseconds from 0 to ${MAX_CRASH_DELAY_MS}`);
  ctx.crash(after as number);
  return json(202, { after_ms: after });
}

export const controlRoutes: Route[] = [
  {
    method: 'GET',
    path: '/control/v1/capabilities',
    handle: (ctx) =>
      json(200, { version: 1, capabilities: [...CAPABILITIES, ...(ctx.clockRuns ? [] : ['still-clock']), ...(ctx.cluster.edge?.capabilities ?? []), ...(ctx.crash ? ['crash'] : [])] }),
  },
  { method: 'POST', path: '/control/v1/crash', handle: crash },
  { method: 'POST', path: '/control/v1/reset', handle: reset },
  { method: 'GET', path: '/control/v1/hosts', handle: (ctx) => json(200, hostsView(ctx, ctx.cluster.state)) },
  { method: 'POST', path: '/control/v1/hosts', handle: addHost },
  { method: 'PUT', path: '/control/v1/hosts/:host/addresses', handle: setAddresses },
  { method: 'POST', path: '/control/v1/nodes/:uid/power', handle: power },
  { method: 'POST', path: '/control/v1/clock', handle: clock },
  { method: 'POST', path: '/control/v1/work', handle: work },
  { method: 'POST', path: '/control/v1/ports/:port', handle: port(true) },
  { method: 'DELETE', path: '/control/v1/ports/:port', handle: port(false) },
  { method: 'GET', path: '/control/v1/nodes/:uid/internode', handle: locate('internode') },
  { method: 'GET', path: '/control/v1/bdbs/:uid/endpoint', handle: locate('endpoint') },
];
