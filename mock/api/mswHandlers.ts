import { RequestHandler } from 'msw';
import type { MockCluster } from '../runtime/mockCluster.ts';
import { fromFetch, toResponse } from './fetch.ts';
import { createRouter, type HandlerOptions, type Router } from './handlers.ts';

// Apart from the router (handlers.ts) because msw is the largest package the mock would load:
// the real server (mock/server/) answers through the router and never needs it.

/** The paths the mock claims on any origin: the API's prefixes and the harness's; any other URL is left to the network. */
const CLAIMED = /\/(v1|control|hosts)\/|\/(openapi\.yaml|live|live\/events)$/;

/**
 * One msw handler that hands what it claims to a router — the one the server answers through —
 * so msw tries one handler per request, not one per route. A custom handler rather than
 * `http.all`: the routes read no cookies, and an `http` handler reads the cookie jar for every
 * request it is tried on (a third of msw's own time per request).
 */
class RouteHandler extends RequestHandler<{ header: string }, undefined> {
  readonly #claims: (url: URL) => boolean;

  constructor(route: Router, claims: (url: URL) => boolean, header: string) {
    super({ info: { header }, resolver: async ({ request }) => toResponse(await route(fromFetch(request), new URL(request.url))) });
    this.#claims = claims;
  }

  override async parse(): Promise<undefined> {
    return undefined;
  }

  predicate({ request }: { request: Request }): boolean {
    return this.#claims(new URL(request.url));
  }

  log({ request, response }: { request: Request; response: Response }): void {
    console.log(`${request.method} ${request.url} (${response.status}) answered by ${this.info.header}`);
  }
}

/**
 * The handler for a router: with `host`, it claims every request to that host and no other (each
 * in-process target has a host of its own); without, the API's paths on any origin.
 */
export function routeHandler(route: Router, host?: string): RequestHandler {
  return host === undefined
    ? new RouteHandler(route, (url) => CLAIMED.test(url.pathname), "the mock's routes")
    : new RouteHandler(route, (url) => url.host === host, `the mock's routes on ${host}`);
}

/**
 * msw request handlers for the cluster's REST API, matching any origin, so
 * `setupServer(...handlers)` answers whatever host the client uses. A handler put before them
 * (a test's override, a deliberately broken variant) answers what it matches first.
 */
export function createHandlers(cluster: MockCluster, options: HandlerOptions = {}): RequestHandler[] {
  return [routeHandler(createRouter(cluster, options))];
}
