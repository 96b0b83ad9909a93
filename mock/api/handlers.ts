import { http, type HttpHandler } from 'msw';
import type { MockCluster } from '../runtime/mockCluster.ts';
import { unauthorized, WWW_AUTHENTICATE, type Credentials } from './auth.ts';
import { reject } from '../../domain/rejections.ts';
import { speak, type Dialect } from './dialect.ts';
import { fromFetch, toResponse } from './fetch.ts';
import { refuse } from './http.ts';
import type { ApiRequest, Reply, Route } from './route.ts';
import { bootstrapRoutes } from './routes/bootstrap.ts';
import { clusterRoutes } from './routes/cluster.ts';
import { controlRoutes } from './routes/control.ts';
import { databaseRoutes } from './routes/databases.ts';
import { logRoutes } from './routes/logs.ts';
import { nodeRoutes } from './routes/nodes.ts';
import { liveRoutes } from '../live/routes.ts';

/** The REST API: what spec/openapi.yaml documents. */
export const ROUTES: readonly Route[] = [...nodeRoutes, ...databaseRoutes, ...clusterRoutes, ...logRoutes];
/** Beside the API: each host's bootstrap API, the test-control protocol (spec/control.md) and the live view. */
export const HARNESS_ROUTES: readonly Route[] = [...bootstrapRoutes, ...controlRoutes, ...liveRoutes];

export interface HandlerOptions {
  /** Require HTTP Basic with these credentials on every request. */
  readonly credentials?: Credentials;
  /** Serve the control protocol and the hosts' bootstrap APIs too (default: yes). */
  readonly control?: boolean;
  /** How refusals the documents leave open are worded (default `reference`: the model's). */
  readonly dialect?: Dialect;
}

const methods = { GET: http.get, POST: http.post, PUT: http.put, DELETE: http.delete } as const;

/**
 * Answers one request for a route, or for no route (`null`: 404): the credentials first (every
 * path requires them, unknown ones too), then the route, with a bug answered in the API's shape
 * (the tests forbid every 5xx, so one is seen). Both the msw handlers and the server's router
 * answer through this.
 */
async function answer(cluster: MockCluster, options: HandlerOptions, route: Route | null, request: ApiRequest, url: URL, params: Record<string, string>): Promise<Reply> {
  if (options.credentials) {
    const denied = unauthorized(request, options.credentials);
    if (denied) return refuse(denied, WWW_AUTHENTICATE);
  }
  if (!route) return refuse(reject.notFound(request.method, url.pathname));
  try {
    return speak(options.dialect, url, await route.handle({ cluster, request, url, params }));
  } catch (error) {
    return refuse(reject.internalError((error as Error).message));
  }
}

const servedRoutes = (options: HandlerOptions) => (options.control === false ? ROUTES : [...ROUTES, ...HARNESS_ROUTES]);

/**
 * msw request handlers for the cluster's REST API: one per route, matching any origin (`*`),
 * so `setupServer(...handlers)` answers whatever host the client uses.
 */
export function createHandlers(cluster: MockCluster, options: HandlerOptions = {}): HttpHandler[] {
  const reply = async (route: Route | null, request: Request, params: Record<string, string>) =>
    toResponse(await answer(cluster, options, route, fromFetch(request), new URL(request.url), params));
  const handlers = servedRoutes(options).map((route) => methods[route.method](`*${route.path}`, ({ request, params }) => reply(route, request, params as Record<string, string>)));
  // Anything else under /v1 (or the harness paths) is not part of this API.
  handlers.push(http.all(/\/(v1|control|hosts)\//, ({ request }) => reply(null, request, {})));
  return handlers;
}

/** Answers a request given by its method, URL and what the routes read of it. */
export type Router = (request: ApiRequest, url: URL) => Promise<Reply>;

/**
 * The same routes as a plain router, for the real server: a method and a precompiled path
 * pattern per route, tried in order, instead of msw's matching (which builds a URL, a cookie jar
 * and a path matcher for every handler it tries). It takes the request as the routes read it, so
 * the server serves node's own request and response objects, with no Fetch object between.
 */
export function createRouter(cluster: MockCluster, options: HandlerOptions = {}): Router {
  const compiled = servedRoutes(options).map((route) => {
    const names: string[] = [];
    const pattern = route.path.replace(/:(\w+)/g, (_, name: string) => (names.push(name), '([^/]+)'));
    return { route, names, regex: new RegExp(`^${pattern}$`) };
  });
  return (request, url) => {
    for (const c of compiled) {
      if (c.route.method !== request.method) continue;
      const m = c.regex.exec(url.pathname);
      if (!m) continue;
      let params: Record<string, string>;
      try {
        params = Object.fromEntries(c.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
      } catch {
        break; // a malformed %-escape names nothing
      }
      return answer(cluster, options, c.route, request, url, params);
    }
    return answer(cluster, options, null, request, url, {});
  };
}

/** The router over Fetch objects, for callers that have a `Request` in hand. */
export function createDispatcher(cluster: MockCluster, options: HandlerOptions = {}): (request: Request) => Promise<Response> {
  const route = createRouter(cluster, options);
  return async (request) => toResponse(await route(fromFetch(request), new URL(request.url)));
}
