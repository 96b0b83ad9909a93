import { reject } from '../../../domain/rejections.ts';
import { parseAddress } from '../../../domain/rules/address.ts';
import { readObject, refuse } from '../http.ts';
import { empty, json, type Route, type RouteContext, type Reply } from '../route.ts';

/**
 * Each host's own bootstrap API, served under `/hosts/{host}` (the `bootstrap_url` the control
 * protocol gives): `POST /v1/bootstrap/join_cluster` makes the host join; `GET /v1/bootstrap`
 * reports how that went. As on a real host the join is accepted first and its outcome read after.
 */
async function join(ctx: RouteContext): Promise<Reply> {
  const hostId = ctx.params.host ?? '';
  const host = ctx.cluster.state.hosts[hostId];
  if (!host) return refuse(reject.hostNotFound(hostId));
  if (host.nodeUid !== null) return refuse({ status: 409, error_code: 'bootstrap_in_progress', description: `Host ${hostId} is already a node of the cluster` });
  const body = await readObject(ctx.request);
  if (!body.ok) return refuse(body.rejection);
  const b = body.value as { action?: unknown; cluster?: { nodes?: unknown }; node?: { identity?: { addr?: unknown; external_addr?: unknown } } };
  if (b.action !== 'join_cluster') return refuse(reject.invalidParameter('action must be "join_cluster"'));
  const nodes = b.cluster?.nodes;
  if (!Array.isArray(nodes) || nodes.length === 0) return refuse(reject.invalidParameter('cluster.nodes must list an address of an existing node'));
  const identity = b.node?.identity ?? {};
  // Without an explicit identity the host uses its first address of the cluster's family.
  const addr = identity.addr ?? host.boundAddrs.find((a) => {
    const p = parseAddress(a);
    return p.ok && p.family === ctx.cluster.state.family;
  });
  const result = ctx.cluster.execute({
    type: 'JoinNode',
    data: { hostId, via: nodes[0], addr, ...(identity.external_addr !== undefined ? { externalAddrs: identity.external_addr } : {}) },
  });
  ctx.cluster.bootstrap.set(
    hostId,
    result.ok ? { state: 'completed' } : { state: 'error', error_code: result.rejection.error_code, message: result.rejection.description },
  );
  return empty();
}

function status(ctx: RouteContext): Reply {
  const hostId = ctx.params.host ?? '';
  const host = ctx.cluster.state.hosts[hostId];
  if (!host) return refuse(reject.hostNotFound(hostId));
  const last = ctx.cluster.bootstrap.get(hostId);
  const state = host.nodeUid !== null ? 'completed' : (last?.state ?? 'idle');
  return json(200, {
    bootstrap_status: {
      state,
      ...(state === 'error' ? { error_code: last!.error_code, error_details: { message: last!.message } } : {}),
    },
    local_node_info: {
      available_addresses: host.boundAddrs.map((address) => {
        const p = parseAddress(address);
        return { address, format: p.ok ? p.family : 'ipv4', if_name: 'eth0', private: true };
      }),
    },
  });
}

export const bootstrapRoutes: Route[] = [
  { method: 'POST', path: '/hosts/:host/v1/bootstrap/join_cluster', handle: join },
  { method: 'GET', path: '/hosts/:host/v1/bootstrap', handle: status },
];
