import { once } from 'node:events';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Credentials } from '../api/auth.ts';
import type { Dialect } from '../api/dialect.ts';
import type { Form } from '../runtime/forms.ts';
import { createRouter } from '../api/handlers.ts';
import { MockCluster, type MockClusterOptions } from '../runtime/mockCluster.ts';
import { sqliteStorage } from '../runtime/storage.ts';
import { topologyCommands, type Topology } from '../../core/topology.ts';
import { answerClientErrors } from './clientError.ts';
import { nodeListener, type Answered } from './nodeAdapter.ts';
import { withVariant, type ServerVariant } from './variant.ts';
import { apiTls } from './apiTls.ts';
import { hostPort } from '../edge/ports.ts';
import { attachEdge } from '../edge/edge.ts';
import { join } from 'node:path';

export interface MockServerOptions extends Omit<MockClusterOptions, 'storage'> {
  readonly credentials: Credentials;
  /** Keep the cluster's log here (SQLite), so a restart recovers it; in memory without one. */
  readonly dataDir?: string;
  /**
   * The address every listener binds — the API's, the database endpoints', the internode
   * listeners', the ports held for the control protocol. Loopback (127.0.0.1) by default: the
   * mock is for tests and local automation, and a database on port 80 must not open port 80 to
   * the network unless asked.
   */
  readonly host?: string;
  /** REST API over HTTPS; 0 picks a free port. */
  readonly httpsPort?: number;
  /** REST API over HTTP while `http_support` is enabled; 0 picks a free port. */
  readonly httpPort?: number;
  /** Built when the log is empty; defaults to 3 nodes and a spare host. */
  readonly topology?: Topology | false;
  /**
   * How often the cluster clock catches up with the wall clock, so the rotation job and the
   * alerts run on their own in a long-lived mock (default hourly). The control protocol can
   * still move the clock ahead of the wall; the ticker never moves it back. 0: no ticker, the
   * clock moves only when moved, and the control protocol lists `still-clock` (a run of the suite
   * then reads certificates at their exact edges; `npm run mock -- --still-clock`).
   */
  readonly clockTickMs?: number;
  /** Stream every machine to a Stately inspector at this WebSocket URL (off by default). */
  readonly inspect?: string;
  /**
   * Serve the test-control protocol and the hosts' bootstrap APIs (default true). Without them
   * the server is a cluster as an operator has one: only its REST API (`npm run mock -- --no-control`).
   */
  readonly control?: boolean;
  /** How refusals the documents leave open are worded (mock/api/dialect.ts). */
  readonly dialect?: Dialect;
  /**
   * Offer the control protocol's `crash` (spec/control.md): how this process dies abruptly
   * `afterMs` from now. Given only where something restarts it on its data (./supervisor.ts).
   */
  readonly crash?: (afterMs: number) => void;
  /** Where the specification accepts several forms of an answer, the ones to give (mock/runtime/forms.ts). */
  readonly forms?: readonly Form[];
  /** How long a client may take; see {@link ClientTimeouts}. */
  readonly timeouts?: Partial<ClientTimeouts>;
  /** A variant of the mock put before its routes (a broken one, from the suite's mutants). */
  readonly variant?: ServerVariant;
  /** Told of every listener opened or closed, in one line ("database 1 endpoint listening on 127.0.0.1:12000"). */
  readonly report?: (line: string) => void;
  /** Told of every request answered (the request log). */
  readonly onAnswered?: (answered: Answered) => void;
}

/**
 * Slow or stalled clients must not hold a connection open forever. Each limit ends the
 * connection (a request still unanswered gets 408 first).
 */
export interface ClientTimeouts {
  /** To finish the TLS handshake, on the HTTPS listener (default 10 s). */
  readonly handshakeMs: number;
  /** To send the request line and headers (default 10 s). */
  readonly headersMs: number;
  /** To send the whole request, body included (default 30 s). */
  readonly requestMs: number;
  /** To send the next request on a kept-alive connection (default 5 s). */
  readonly keepAliveMs: number;
}

export const DEFAULT_TIMEOUTS: ClientTimeouts = { handshakeMs: 10_000, headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000 };

export interface MockServer {
  readonly cluster: MockCluster;
  readonly httpsUrl: string;
  /** Where HTTP answers while `http_support` is enabled. */
  readonly httpUrl: string;
  /** The API's self-signed certificate, for clients that verify it. */
  readonly certificatePem: string;
  close(): Promise<void>;
}

/**
 * Node's own limits, in the form both `createServer`s take. Node checks the header and request
 * limits only every `connectionsCheckingInterval` (30 s by default), which would let a stalled
 * client hang on for up to 30 s past its limit: the check runs at a quarter of the shortest limit.
 */
function serverLimits(t: ClientTimeouts) {
  return {
    headersTimeout: t.headersMs,
    requestTimeout: t.requestMs,
    keepAliveTimeout: t.keepAliveMs,
    connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(Math.min(t.headersMs, t.requestMs) / 4))),
  };
}

async function listen(server: Server, port: number, host: string): Promise<number> {
  server.listen(port, host);
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

async function stop(server: Server): Promise<void> {
  if (!server.listening) return;
  const closed = once(server, 'close');
  server.close();
  server.closeAllConnections();
  await closed;
}

const urlHost = (host: string) => (host.includes(':') ? `[${host}]` : host);

/**
 * Starts a mock cluster behind real HTTP and HTTPS listeners. The HTTP listener follows
 * `http_support`: disabling it closes the port (connections are refused, nothing of the API
 * answers); enabling it opens the same port again.
 */
export async function startMockServer(options: MockServerOptions): Promise<MockServer> {
  const host = options.host ?? '127.0.0.1';
  // The API's key is made on libuv's threads (WebCrypto): started first, it is made while this
  // thread builds the cluster, not after.
  // With a data directory it is made once and kept there (the directory exists by the time the key is made).
  const certificate = apiTls({ dns: ['localhost'], ips: [...new Set(['127.0.0.1', '::1', host])] }, options.dataDir);
  // Not awaited yet: a failure before it is awaited must not be reported as unhandled.
  certificate.catch(() => {});
  const persistence = options.dataDir ? sqliteStorage(options.dataDir) : undefined;
  const cluster = new MockCluster({ ...options, ...(persistence ? { storage: persistence.storage } : {}) });
  // As in-process (mock/index.ts): before anything else sees the cluster.
  options.variant?.prepare?.(cluster);
  const report = options.report ?? (() => {});
  // Attached before the topology is built, so the inspector sees the cluster being made.
  // The inspector's packages are loaded only when asked for: a start without them is faster.
  const inspection = options.inspect
    ? (await import('../../inspect/attach.ts')).inspectCluster(cluster, { url: options.inspect, log: (m) => process.stderr.write(`${m}\n`) })
    : undefined;
  if (options.topology !== false && cluster.store.position === 0) {
    const built = cluster.execute(topologyCommands(options.topology ?? {}, cluster.now()));
    if (!built.ok) throw new Error(`The topology cannot be built: ${built.rejection.description}`);
  }
  cluster.edge = attachEdge(cluster, { host, listeners: true, report, ...(options.dataDir ? { pkiDir: join(options.dataDir, 'pki') } : {}) });
  const stillClock = options.clockTickMs === 0;
  const plain = createRouter(cluster, {
    credentials: options.credentials,
    control: options.control ?? true,
    ...(options.crash ? { crash: options.crash } : {}),
    ...(stillClock ? {} : { clockRuns: true }),
    ...(options.dialect ? { dialect: options.dialect } : {}),
  });
  const route = options.variant ? withVariant(plain, cluster, options.variant) : plain;
  const tls = await certificate;

  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const https = createHttpsServer(
    // The TLS handshake has its own limit (120 s by default), before any HTTP limit applies.
    { key: tls.keyPem, cert: tls.certPem, handshakeTimeout: timeouts.handshakeMs, ...serverLimits(timeouts) },
    nodeListener(route, 'https', urlHost(host), options.onAnswered),
  );
  const http = createHttpServer(serverLimits(timeouts), nodeListener(route, 'http', urlHost(host), options.onAnswered));
  answerClientErrors(https);
  answerClientErrors(http);
  const httpsPort = await listen(https, options.httpsPort ?? 9443, host);
  report(`REST API (HTTPS) listening on ${hostPort(host, httpsPort)}`);
  // The HTTP port is fixed once, so that re-enabling http_support opens the same one again.
  let httpPort = options.httpPort ?? 8080;
  if (cluster.state.config.httpSupport || httpPort === 0) httpPort = await listen(http, httpPort, host);
  if (cluster.state.config.httpSupport) report(`REST API (HTTP) listening on ${hostPort(host, httpPort)}`);
  if (!cluster.state.config.httpSupport) await stop(http);
  // The cluster reports where the API is served, whichever ports were asked for (0: any free one).
  try {
    cluster.placeApi({ cnmHttpsPort: httpsPort, cnmHttpPort: httpPort });
  } catch (e) {
    await Promise.all([stop(https), stop(http), cluster.edge.close()]);
    cluster.close();
    persistence?.close();
    throw e;
  }

  const tick = stillClock
    ? undefined
    : setInterval(() => {
        const now = cluster.now();
        if (cluster.state.status === 'running' && now > cluster.state.clock) cluster.execute({ type: 'AdvanceClock', data: { now } });
      }, options.clockTickMs ?? 3_600_000);
  tick?.unref();

  // Listener changes are queued so that a quick off/on/off ends where the cluster ends.
  let applying = Promise.resolve();
  const unsubscribe = cluster.onEvents((events, state) => {
    if (!events.some((e) => e.type === 'ClusterConfigured' && 'httpSupport' in (e.data as { changes: object }).changes)) return;
    applying = applying.then(async () => {
      if (state.config.httpSupport && !http.listening) {
        await listen(http, httpPort, host);
        report(`REST API (HTTP) listening on ${hostPort(host, httpPort)}`);
      } else if (!state.config.httpSupport && http.listening) {
        await stop(http);
        report(`REST API (HTTP) closed on ${hostPort(host, httpPort)} (http_support is off)`);
      }
    });
  });

  return {
    cluster,
    httpsUrl: `https://${urlHost(host)}:${httpsPort}`,
    httpUrl: `http://${urlHost(host)}:${httpPort}`,
    certificatePem: tls.certPem,
    async close() {
      clearInterval(tick);
      unsubscribe();
      await applying;
      await inspection?.close();
      await cluster.edge?.close();
      cluster.close();
      await Promise.all([stop(https), stop(http)]);
      persistence?.close();
    },
  };
}
