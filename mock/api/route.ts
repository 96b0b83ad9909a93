import type { Command } from '../../domain/commands.ts';
import type { ClusterState } from '../../domain/state.ts';
import type { MockCluster } from '../runtime/mockCluster.ts';
import type { ApiRequest, Reply } from './exchange.ts';
import { json, jsonText, refuse } from './http.ts';

export type { ApiRequest, Reply };

export interface RouteContext {
  readonly cluster: MockCluster;
  readonly request: ApiRequest;
  readonly url: URL;
  readonly params: Readonly<Record<string, string>>;
  /** Where the process may be crashed (`crash` capability): how it dies `afterMs` from now. */
  readonly crash?: (afterMs: number) => void;
  /** The cluster clock follows the wall clock between moves: `still-clock` is not offered. */
  readonly clockRuns?: boolean;
}

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** msw path syntax, from the API root: `/v1/nodes/:uid`. */
  readonly path: string;
  /** Served without credentials (the OpenAPI document): everything else requires them. */
  readonly open?: boolean;
  readonly handle: (ctx: RouteContext) => Reply | Promise<Reply>;
}

/**
 * Whether a request is a dry run: `dry_run` in the query, with any value or none, on the REST
 * API (spec/semantics.md, "Dry runs"). The control protocol takes no query parameters.
 */
export const isDryRun = (url: URL): boolean => url.pathname.startsWith('/v1/') && url.searchParams.has('dry_run');

/**
 * Runs commands as one request and answers: the rejection in the API's shape, or `ok` of the
 * state after. A dry run decides the commands and records nothing.
 */
export function run(ctx: RouteContext, commands: Command | readonly Command[], ok: (state: ClusterState) => Reply): Reply {
  if (isDryRun(ctx.url)) {
    const d = ctx.cluster.dryRun(commands);
    return d.ok ? ok(d.state) : refuse(d.rejection);
  }
  const result = ctx.cluster.execute(commands);
  return result.ok ? ok(result.state) : refuse(result.rejection);
}

/** A uid from the path: digits only, so `/v1/nodes/abc` is simply not found. */
export const uidParam = (ctx: RouteContext): string | null => (/^[1-9][0-9]{0,9}$/.test(ctx.params.uid ?? '') ? ctx.params.uid! : null);

export const empty = (status = 200): Reply => ({ status, headers: {}, body: null });
export { json, jsonText };

/** Finds the resource a path names: the entity, or the 404 answer for it. */
export type Finder<T> = (ctx: RouteContext) => { found: T } | { missing: Reply };

/** `GET /…/:uid`: the entity's answer, or its 404. */
const answerOne =
  <T>(find: Finder<T>, answer: (ctx: RouteContext, found: T) => Reply) =>
  (ctx: RouteContext): Reply => {
    const r = find(ctx);
    return 'found' in r ? answer(ctx, r.found) : r.missing;
  };

/** `GET /…/:uid`: the view of the entity, or its 404. */
export const getOne = <T>(find: Finder<T>, view: (ctx: RouteContext, found: T) => unknown) => answerOne(find, (ctx, f) => json(200, view(ctx, f)));

/** `GET /…/:uid` where a precompiled serialiser writes the view's text. */
export const getOneText = <T>(find: Finder<T>, text: (ctx: RouteContext, found: T) => string) => answerOne(find, (ctx, f) => jsonText(200, text(ctx, f)));
