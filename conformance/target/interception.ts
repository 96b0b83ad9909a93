import { setupServer } from 'msw/native';
import { routeHandler } from '../../mock/api/mswHandlers.ts';
import type { Router } from '../../mock/api/handlers.ts';

// msw's fetch-only setup (`msw/native`: the Fetch interceptor, and XMLHttpRequest where there is
// one), not `msw/node`'s, which also patches node:http: the suite's HTTP target (api/http.ts)
// talks to a live server through node:http in the same process, and must reach it untouched.
let network: ReturnType<typeof setupServer> | undefined;
const hosts = new Map<string, ReturnType<typeof routeHandler>>();

/** msw's network for the in-process targets, for a test to watch its lifecycle events. */
export function inProcessNetwork(): ReturnType<typeof setupServer> {
  return (network ??= setupServer());
}

/**
 * Has msw answer the global `fetch` to `host` through `route`, until the returned function is
 * called. The interception is on while any host is: a process with no in-process target left
 * has its `fetch` back as it was.
 */
export function intercept(host: string, route: Router): () => void {
  if (hosts.has(host)) throw new Error(`${host} is already intercepted`);
  const net = inProcessNetwork();
  if (hosts.size === 0) net.listen({ onUnhandledRequest: 'bypass' });
  hosts.set(host, routeHandler(route, host));
  net.resetHandlers(...hosts.values());
  return () => {
    if (!hosts.delete(host)) return;
    net.resetHandlers(...hosts.values());
    if (hosts.size === 0) net.close();
  };
}
