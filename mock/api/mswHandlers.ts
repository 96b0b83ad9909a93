import { http, type HttpHandler } from 'msw';
import type { MockCluster } from '../runtime/mockCluster.ts';
import { fromFetch, toResponse } from './fetch.ts';
import { createRouter, type HandlerOptions, type Router } from './handlers.ts';

// Apart from the router (handlers.ts) because msw is the largest package the mock would load:
// the real server (mock/server/) answers through the router and never needs it.

/** The paths the mock claims on any origin: the API's prefixes and the harness's; any other URL is left to the network. */
const CLAIMED = /\/(v1|control|hosts)\/|\/(openapi\.yaml|live|live\/events)$/;

/**
 * One msw handler that hands what it claims to a router — the one the server answers through —
 * so msw tries one handler per request, not one per route (each of which builds a path matcher
 * and reads the cookies). With `host`, it claims every request to that host and no other (each
 * in-process target has a host of its own); without, the API's paths on any origin.
 */
export function routeHandler(route: Router, host?: string): HttpHandler {
  const claims = (url: URL) => (host === undefined ? CLAIMED.test(url.pathname) : url.host === host);
  return http.all(
    ({ request }) => claims(new URL(request.url)),
    async ({ request }) => toResponse(await route(fromFetch(request), new URL(request.url))),
  );
}

/**
 * msw request handlers for the cluster's REST API, matching any origin, so
 * `setupServer(...handlers)` answers whatever host the client uses. A handler put before them
 * (a test's override, a deliberately broken variant) answers what it matches first.
 */
export function createHandlers(cluster: MockCluster, options: HandlerOptions = {}): HttpHandler[] {
  return [routeHandler(createRouter(cluster, options))];
}
