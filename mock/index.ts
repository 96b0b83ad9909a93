import { createRouter, type HandlerOptions, type Router } from './api/handlers.ts';
import { createHandlers, routeHandler } from './api/mswHandlers.ts';
import { attachEdge } from './edge/edge.ts';
import { MockCluster, type MockClusterOptions } from './runtime/mockCluster.ts';
import { topologyCommands, type Topology } from '../core/topology.ts';

export interface CreateMockClusterOptions extends MockClusterOptions, HandlerOptions {
  /** The cluster to build; defaults to 3 nodes and 1 spare host. `false` starts with nothing. */
  readonly topology?: Topology | false;
  /**
   * Open real listeners on loopback even in-process: each node's internode TLS listener and each
   * database's endpoint (default false: in-process there are only the API and the certificates).
   */
  readonly listeners?: boolean;
  /** Runs on the new cluster before its edge attaches (deliberately broken variants use it). */
  readonly prepare?: (cluster: MockCluster) => void;
}

/**
 * A fresh mock cluster, its router, and msw handlers that serve its REST API through that router:
 *
 * ```ts
 * const mock = createMockCluster();
 * const server = setupServer(...mock.handlers);
 * server.listen();
 * await fetch('https://cluster.example.com:9443/v1/nodes');
 * ```
 */
export function createMockCluster(options: CreateMockClusterOptions = {}) {
  const cluster = new MockCluster(options);
  options.prepare?.(cluster);
  // Certificates are real but issued only when asked for; listeners only when asked for.
  cluster.edge = attachEdge(cluster, { listeners: options.listeners ?? false });
  if (options.topology !== false && cluster.store.position === 0) {
    const built = cluster.execute(topologyCommands(options.topology ?? {}, cluster.now()));
    if (!built.ok) throw new Error(`The topology cannot be built: ${built.rejection.description}`);
  }
  const router = createRouter(cluster, options);
  return {
    cluster,
    /** The routes as a plain router: what the server and the msw handlers answer through. */
    router,
    /** msw handlers over that router (`setupServer(...mock.handlers)`). */
    handlers: [routeHandler(router)],
  };
}

export { createHandlers, MockCluster, routeHandler, topologyCommands };
export type { HandlerOptions, MockClusterOptions, Router, Topology };
export type { Credentials } from './api/auth.ts';
