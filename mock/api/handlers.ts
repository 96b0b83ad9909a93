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
import { openApiRoutes } from './routes/openapi.ts';
import { liveRoutes } from '../live/routes.ts';

/** The REST API: what spec/openapi.yaml documents. */
export const ROUTES: readonly Route[] = [...nodeRoutes, ...databaseRoutes, ...clusterRoutes, ...logRoutes];
/** Beside the API: each host's bootstrap API, the test-control protocol (spec/control.md) and the live view. */
export const HARNESS_ROUTES: readonly Route[] = [...bootstrapRoutes, ...controlRoutes, ...liveRoutes];
/** The mock's own conveniences, served with or without the control protocol. */
export const DOC_ROUTES: readonly Route[] = openApiRoutes;

export interface HandlerOptions {
  /** Require HTTP Basic with these credentials on every request. */
  readonly credentials?: Credentials;
  /** Serve the control protocol and the hosts' bootstrap APIs too (default: yes). */
  readonly control?: boolean;
  /** How refusals the documents leave open are worded (default `reference`: the model's). */
  readonly dialect?: Dialect;
  /** Offer `POST /control/v1/crash`: how the process dies (only where a supervisor restarts it). */
  readonly crash?: (afterMs: number) => void;
  /**
   * The cluster clock follows the wall clock between moves (the server's ticker): the control
   * protocol then does not list `still-clock`. Without it the clock moves only when moved.
   */
  readonly clockRuns?: boolean;
}

/**
 * Answers one request for a route, or for no route: the credentials first (every path but an open
 * one requires them, unknown ones too), then 405 for a known path asked with another method
 * (`allowed` lists the methods it takes) or 404, then the route, with a bug answered in the API's
 * shape (the tests forbid every 5xx, so one is seen). The router answers through this, and both
 * the server and the msw handlers (mswHandlers.ts) through the router.
 */
export async function answer(cluster: MockCluster, options: HandlerOptions, route: Route | null, request: ApiRequest, url: URL, params: Record<string, string>, allowed: readonly string[] = []): Promise<Reply> {
  if (options.credentials && !route?.open) {
    const denied = unauthorized(request, options.credentials);
    if (denied) return refuse(denied, WWW_AUTHENTICATE);
  }
  // A path a route takes with this very method but could not read (a malformed %-escape) is not found.
  if (!route && allowed.length && !allowed.includes(request.method)) return refuse(reject.methodNotAllowed(request.method, url.pathname, allowed), { allow: allowed.join(', ') });
  if (!route) return refuse(reject.notFound(request.method, url.pathname));
  try {
    return speak(options.dialect, url, await route.handle({ cluster, request, url, params, ...(options.crash ? { crash: options.crash } : {}), ...(options.clockRuns ? { clockRuns: true } : {}) }));
  } catch (error) {
    return refuse(reject.internalError((error as Error).message));
  }
}

export interface Compiled {
  readonly route: Route;
  readonly names: readonly string[];
  readonly regex: RegExp;
}

export const compile = (routes: readonly Route[]): Compiled[] =>
  routes.map((route) => {
    const names: string[] = [];
    const pattern = route.path.replace(/:(\w+)/g, (_, name: string) => (names.push(name), '([^/]+)'));
    return { route, names, regex: new RegExp(`^${pattern}$`) };
  });

/** The methods the routes take on a path: none for a path outside the API. */
export const methodsOn = (compiled: readonly Compiled[], pathname: string): string[] => [
  ...new Set(compiled.filter((c) => c.regex.test(pathname)).map((c) => c.route.method)),
];

export const servedRoutes = (options: HandlerOptions) => [...ROUTES, ...(options.control === false ? [] : HARNESS_ROUTES), ...DOC_ROUTES];

/** Answers a request given by its method, URL and what the routes read of it. */
export type Router = (request: ApiRequest, url: URL) => Promise<Reply>;

/**
 * The same routes as a plain router, for the real server: a method and a precompiled path
 * pattern per route, tried in order, instead of msw's matching (which builds a URL, a cookie jar
 * and a path matcher for every handler it tries). It takes the request as the routes read it, so
 * the server serves node's own request and response objects, with no Fetch object between.
 */
export function createRouter(cluster: MockCluster, options: HandlerOptions = {}): Router {
  const compiled = compile(servedRoutes(options));
  return (request, url) => {
    // Read once: URL's pathname getter makes a new string on every read.
    const pathname = url.pathname;
    for (const c of compiled) {
      if (c.route.method !== request.method) continue;
      const m = c.regex.exec(pathname);
      if (!m) continue;
      let params: Record<string, string>;
      try {
        params = Object.fromEntries(c.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
      } catch {
        break; // a malformed %-escape names nothing
      }
      return answer(cluster, options, c.route, request, url, params);
    }
    return answer(cluster, options, null, request, url, {}, methodsOn(compiled, pathname));
  };
}

/** The router over Fetch objects, for callers that have a `Request` in hand. */
export function createDispatcher(cluster: MockCluster, options: HandlerOptions = {}): (request: Request) => Promise<Response> {
  const route = createRouter(cluster, options);
  return async (request) => toResponse(await route(fromFetch(request), new URL(request.url)));
}
