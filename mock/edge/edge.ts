import { portOwner } from '../../domain/rules/ports.ts';
import { PLANES } from '../../domain/state.ts';
import type { Edge } from '../runtime/edge.ts';
import type { MockCluster } from '../runtime/mockCluster.ts';
import { PLANE_CERT_NAMES } from '../api/views.ts';
import { DatabaseEndpoints } from './databases.ts';
import { InternodeListeners } from './internode.ts';
import { ClusterPki } from './pki.ts';
import { ForeignPorts, hostPort, portInUse } from './ports.ts';

export interface EdgeOptions {
  /** Where listeners bind and ports are probed. */
  readonly host?: string;
  /** Open real listeners (internode TLS, database endpoints) and probe the machine's ports. */
  readonly listeners?: boolean;
  /** Keep the CA here. */
  readonly pkiDir?: string;
  /** Told of every listener opened, closed or failing to open, in one line ("database 1 endpoint listening on 127.0.0.1:12000"). */
  readonly report?: (line: string) => void;
}

/**
 * Attaches the real parts to a mock cluster: the PKI always (lazily), and with `listeners`
 * the internode TLS listeners, the database endpoints and the machine's ports. The edge
 * follows the cluster's events; it never decides anything, and what it learns from the machine
 * (a port taken by another process) enters the model as a command like any other fact.
 */
export function attachEdge(cluster: MockCluster, options: EdgeOptions = {}): Edge {
  const host = options.host ?? '127.0.0.1';
  const pki = new ClusterPki(options.pkiDir);
  const internode = options.listeners ? new InternodeListeners(pki, host, options.report) : undefined;
  const endpoints = options.listeners ? new DatabaseEndpoints(host, options.report) : undefined;
  const foreign = new ForeignPorts(host);

  // Listener work is serialised, one queue per kind: each sync sees the state it was scheduled
  // with, in order. Database endpoints do not wait behind the internode listeners' certificates.
  let endpointWork: Promise<void> = Promise.resolve();
  let internodeWork: Promise<void> = Promise.resolve();
  const warn = (error: unknown) => process.emitWarning(`mock edge: ${(error as Error).message}`);
  const follow = (onEndpoints: () => Promise<void>, onInternode: () => Promise<void>) => {
    endpointWork = endpointWork.then(onEndpoints).catch(warn);
    internodeWork = internodeWork.then(onInternode).catch(warn);
  };
  const unsubscribe = cluster.onEvents((events, state) =>
    follow(
      async () => endpoints?.sync(state, events),
      async () => internode?.sync(state),
    ),
  );
  // A cluster restarted on its data (after a crash) still has the ports "another process" held:
  // that process did not die with the mock, so they are held again before the endpoints follow
  // the state (and so before a port probe can read them free). One a real process holds stays so.
  const holdAgain = async () => {
    for (const port of options.listeners ? cluster.state.foreignPorts : []) await foreign.hold(port).catch(() => {});
  };
  follow(
    async () => {
      await holdAgain();
      await endpoints?.sync(cluster.state);
    },
    async () => internode?.sync(cluster.state),
  );
  const work = () => Promise.all([endpointWork, internodeWork]).then(() => undefined);
  // Written once per set of services issued (once per CA): `GET /v1/cluster` reads them on every request.
  const shown = new WeakMap<object, Readonly<Record<string, string>>>();
  const services = async (options: { make?: boolean } = {}): Promise<Readonly<Record<string, string>>> => {
    const s = cluster.state;
    if (s.caSerial === null || (options.make === false && !pki.hasCa(s))) return {};
    const issued = await pki.services(s);
    let out = shown.get(issued);
    // As a real cluster's certificates API: each service's certificate and its key (never the CA's).
    if (!out) shown.set(issued, (out = Object.freeze(Object.fromEntries(Object.entries(issued).flatMap(([name, p]) => [[`${name}_cert`, p.certPem.trim()], [`${name}_key`, p.keyPem.trim()]])))));
    return out;
  };

  return {
    capabilities: options.listeners ? ['internode-tls', 'data-plane'] : [],
    async observePorts(ports) {
      if (!options.listeners) return;
      // The endpoints first follow the state (a reset or a deletion closes them asynchronously):
      // until then a port the cluster has just released would look taken by another process.
      await endpointWork;
      for (const port of ports) {
        const s = cluster.state;
        const known = s.foreignPorts.includes(port);
        // The cluster's own ports are not "another process", even though they are bound.
        if (!known && portOwner(s, port) !== null) continue;
        const taken = await portInUse(port, host);
        if (taken && !known) cluster.execute({ type: 'HoldPort', data: { port } });
        if (!taken && known) cluster.execute({ type: 'ReleasePort', data: { port } });
      }
    },
    // In-process there is no machine to hold ports on: the fact alone is recorded.
    async holdPort(port) {
      if (!options.listeners) return;
      await foreign.hold(port);
      options.report?.(`port ${port} held for the control protocol (as another process) on ${hostPort(host, port)}`);
    },
    releasePort: async (port) => (options.listeners ? foreign.release(port) : undefined),
    async certificates() {
      const s = cluster.state;
      const out: Record<string, string> = {};
      for (const plane of PLANES) {
        const pems = await Promise.all(Object.keys(s.nodes).map((uid) => pki.certificate(s, uid, plane)!));
        out[`${PLANE_CERT_NAMES[plane]}_cert`] = pems.map((p) => p.certPem.trim()).join('\n');
      }
      return { ...out, ...(await services()) };
    },
    // The CA is made on first need (a key generation): reading the cluster object is not one.
    serviceCertificates: () => services({ make: false }),
    reset() {
      pki.reset();
      follow(
        async () => {
          await Promise.all([endpoints?.close(), foreign.close()]);
          endpoints?.failures.clear();
        },
        async () => internode?.close(),
      );
    },
    internode: (uid) => internode?.address(uid),
    endpoint: (uid) => endpoints?.address(uid),
    settled: work,
    async close() {
      unsubscribe();
      await work();
      await Promise.all([internode?.close(), endpoints?.close(), foreign.close()]);
    },
  };
}
