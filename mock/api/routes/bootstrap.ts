import { reject } from '../../../domain/rejections.ts';
import { parseAddress } from '../../../domain/rules/address.ts';
import { readObject, refuse, unknownFieldIn, type Shape } from '../http.ts';
import { empty, json, type Reply, type Route, type RouteContext } from '../route.ts';
import { bootstrapView } from '../views.ts';

/** The join request's fields, as the documents give them. */
const JOIN_FIELDS: Shape = {
  action: true,
  cluster: { nodes: true },
  node: { identity: { addr: true, external_addr: true } },
  credentials: { username: true, password: true },
};

/**
 * Each host's own bootstrap API, served under `/hosts/{host}` (the `bootstrap_url` the control
 * protocol gives): `POST /v1/bootstrap/join_cluster` makes the host join; `GET /v1/bootstrap`
 * reports how that went. As on a real host the join is accepted first and its outcome read after
 * (a malformed request, or a host that is already a node, is refused at once in every form).
 */
async function join(ctx: RouteContext): Promise<Reply> {
  const hostId = ctx.params.host ?? '';
  const host = ctx.cluster.state.hosts[hostId];
  if (!host) return refuse(reject.hostNotFound(hostId));
  if (host.nodeUid !== null) return refuse(reject.bootstrapInProgress(hostId));
  const body = await readObject(ctx.request);
  if (!body.ok) return refuse(body.rejection);
  const unknown = unknownFieldIn(body.value, JOIN_FIELDS);
  if (unknown) return refuse(unknown);
  const b = body.value as { action?: unknown; cluster?: { nodes?: unknown }; node?: { identity?: { addr?: unknown; external_addr?: unknown } } };
  if (b.action !== 'join_cluster') return refuse(reject.invalidParameter('action must be "join_cluster"'));
  const nodes = b.cluster?.nodes;
  if (!Array.isArray(nodes) || nodes.length === 0) return refuse(reject.invalidParameter('cluster.nodes must list an address of an existing node'));
  const identity = b.node?.identity ?? {};
  // Without an explicit identity the host uses its first address of the cluster's family.
  const family = ctx.cluster.state.family;
  const addr = identity.addr ?? host.boundAddrs.find((a) => {
    const p = parseAddress(a);
    return p.ok && p.family === family;
  });
  // A host with no address of the cluster's family has nothing to join with: the machines refuse
  // it as any other join that fails (spec/control.md, "Hosts: ids and addresses").
  const result = ctx.cluster.execute({
    type: 'JoinNode',
    data: { hostId, via: nodes[0], addr, ...(identity.external_addr !== undefined ? { externalAddrs: identity.external_addr } : {}) },
  });
  // The documented form takes the join and reports a refusal in GET /v1/bootstrap; the
  // `sync-join` form refuses it at once, and no bootstrap starts (spec/semantics.md, "Joins").
  if (!result.ok && ctx.cluster.forms.has('sync-join')) return refuse(result.rejection);
  const time = ctx.cluster.state.clock;
  ctx.cluster.bootstrap.set(
    hostId,
    result.ok ? { state: 'completed', time } : { state: 'error', error_code: result.rejection.error_code, message: result.rejection.description, time },
  );
  return empty();
}

function status(ctx: RouteContext): Reply {
  const hostId = ctx.params.host ?? '';
  const host = ctx.cluster.state.hosts[hostId];
  if (!host) return refuse(reject.hostNotFound(hostId));
  return json(200, bootstrapView(ctx.cluster.state, host, ctx.cluster.bootstrap.get(hostId)));
}

export const bootstrapRoutes: Route[] = [
  { method: 'POST', path: '/hosts/:host/v1/bootstrap/join_cluster', handle: join },
  { method: 'GET', path: '/hosts/:host/v1/bootstrap', handle: status },
];
