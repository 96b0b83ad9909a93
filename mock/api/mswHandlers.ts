import { http, type HttpHandler } from 'msw';
import type { MockCluster } from '../runtime/mockCluster.ts';
import { fromFetch, toResponse } from './fetch.ts';
import { answer, compile, methodsOn, servedRoutes, type HandlerOptions } from './handlers.ts';
import type { Route } from './route.ts';

// Apart from the router (handlers.ts) because msw is the largest package the mock would load:
// the real server (mock/server/) answers through the router and never needs it.

const methods = { GET: http.get, POST: http.post, PUT: http.put, DELETE: http.delete } as const;

/**
 * msw request handlers for the cluster's REST API: one per route, matching any origin (`*`),
 * so `setupServer(...handlers)` answers whatever host the client uses.
 */
export function createHandlers(cluster: MockCluster, options: HandlerOptions = {}): HttpHandler[] {
  const reply = async (route: Route | null, request: Request, params: Record<string, string>) =>
    toResponse(await answer(cluster, options, route, fromFetch(request), new URL(request.url), params));
  const handlers = servedRoutes(options).map((route) => methods[route.method](`*${route.path}`, ({ request, params }) => reply(route, request, params as Record<string, string>)));
  // Any other method on a known path is 405; anything else under /v1 (or the harness paths) is not part of this API.
  const compiled = compile(servedRoutes(options));
  handlers.push(
    http.all(/\/(v1|control|hosts)\/|\/(openapi\.yaml|live|live\/events)$/, async ({ request }) => {
      const url = new URL(request.url);
      return toResponse(await answer(cluster, options, null, fromFetch(request), url, {}, methodsOn(compiled, url.pathname)));
    }),
  );
  return handlers;
}
