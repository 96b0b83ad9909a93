import { http, type HttpHandler } from 'msw';
import type { MockCluster } from '../runtime/mockCluster.ts';
import { unauthorized, WWW_AUTHENTICATE, type Credentials } from './auth.ts';
import { refuse } from './http.ts';
import type { Route } from './route.ts';
import { bootstrapRoutes } from './routes/bootstrap.ts';
import { clusterRoutes } from './routes/cluster.ts';
import { controlRoutes } from './routes/control.ts';
import { databaseRoutes } from './routes/databases.ts';
import { logRoutes } from './routes/logs.ts';
import { nodeRoutes } from './routes/nodes.ts';

/** The REST API: what spec/openapi.yaml documents. */
export const ROUTES: readonly Route[] = [...nodeRoutes, ...databaseRoutes, ...clusterRoutes, ...logRoutes];
/** Beside the API: each host's bootstrap API and the test-control protocol (spec/control.md). */
export const HARNESS_ROUTES: readonly Route[] = [...bootstrapRoutes, ...controlRoutes];

export interface HandlerOptions {
  /** Require HTTP Basic with these credentials on every request. */
  readonly credentials?: Credentials;
  /** Serve the control protocol and the hosts' bootstrap APIs too (default: yes). */
  readonly control?: boolean;
}

const methods = { GET: http.get, POST: http.post, PUT: http.put, DELETE: http.delete } as const;

/**
 * msw request handlers for the cluster's REST API: one per route, matching any origin (`*`),
 * so `setupServer(...handlers)` answers whatever host the client uses. The same handlers back
 * the real server through msw's `getResponse`.
 */
export function createHandlers(cluster: MockCluster, options: HandlerOptions = {}): HttpHandler[] {
  const routes = options.control === false ? ROUTES : [...ROUTES, ...HARNESS_ROUTES];
  const handlers = routes.map((route) =>
    methods[route.method](`*${route.path}`, async ({ request, params }) => {
      if (options.credentials) {
        const denied = unauthorized(request, options.credentials);
        if (denied) return refuse(denied, WWW_AUTHENTICATE);
      }
      try {
        return await route.handle({ cluster, request, url: new URL(request.url), params: params as Record<string, string> });
      } catch (error) {
        // A bug, not a client error: answered in the API's shape so the client sees it as one,
        // and the tests (which forbid every 5xx) catch it.
        return refuse({ status: 500, error_code: 'internal_error', description: (error as Error).message });
      }
    }),
  );
  // Anything else under /v1 (or the harness paths) is not part of this API.
  handlers.push(
    http.all(/\/(v1|control|hosts)\//, ({ request }) => {
      if (options.credentials && unauthorized(request, options.credentials)) {
        return refuse(unauthorized(request, options.credentials)!, WWW_AUTHENTICATE);
      }
      return refuse({ status: 404, error_code: 'not_found', description: `${request.method} ${new URL(request.url).pathname} is not part of this API` });
    }),
  );
  return handlers;
}
