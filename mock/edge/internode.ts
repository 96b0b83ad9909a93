import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:tls';
import type { ClusterState } from '../../domain/state.ts';
import { internodeTlsOptions } from '../tls/internode.ts';
import type { ClusterPki } from './pki.ts';
import { hostPort } from './ports.ts';

interface Listener {
  readonly server: Server;
  readonly port: number;
  serial: number;
}

/**
 * One internode TLS listener per node that is up (port 3342 on a real node, a free loopback
 * port here), presenting the node's current control-plane certificate: a rotation swaps the
 * certificate in place, a node going down closes its listener, coming back opens it again.
 */
export class InternodeListeners {
  readonly #listeners = new Map<string, Listener>();
  /**
   * What the listeners last caught up with: the nodes, their certificates and the CA, as objects
   * of the immutable state. Most changes (a database's, the policy) leave all three as they
   * were, and then there is nothing to do.
   */
  #followed: { nodes: object; certificates: object; caSerial: unknown; generation: number } | undefined;

  constructor(
    private readonly pki: ClusterPki,
    private readonly host: string,
    private readonly report: (line: string) => void = () => {},
  ) {}

  address(uid: string) {
    const l = this.#listeners.get(uid);
    return l ? { host: this.host, port: l.port } : undefined;
  }

  async sync(state: ClusterState): Promise<void> {
    // A reset while this runs makes `state` an earlier cluster's: stop before asking the PKI for it.
    const generation = this.pki.generation;
    const f = this.#followed;
    if (f && f.nodes === state.nodes && f.certificates === state.certificates && f.caSerial === state.caSerial && f.generation === generation) return;
    const stale = () => generation !== this.pki.generation;
    for (const [uid, l] of this.#listeners) {
      const node = state.nodes[uid];
      if (!node || node.status === 'down') await this.#stop(uid, l);
    }
    if (stale()) return;
    // Keys are generated in parallel (webcrypto runs them on the thread pool), listeners after.
    const wanted = Object.values(state.nodes).filter((n) => n.status !== 'down');
    await Promise.all(wanted.map((n) => this.pki.certificate(state, n.uid, 'control')));
    for (const node of wanted) {
      const cert = state.certificates[`${node.uid}:control`];
      const current = this.#listeners.get(node.uid);
      if (!cert || (current && current.serial === cert.serial)) continue;
      if (stale()) return;
      const [issued, ca] = await Promise.all([this.pki.certificate(state, node.uid, 'control')!, this.pki.ca(state)]);
      if (stale()) return;
      const options = internodeTlsOptions(issued, ca.certPem);
      if (current) {
        current.server.setSecureContext(options);
        current.serial = cert.serial;
        continue;
      }
      const server = createServer(options, (socket) => socket.end());
      server.on('tlsClientError', () => {}); // refused handshakes are the point of the TLS checks
      server.listen(0, this.host);
      await once(server, 'listening');
      const port = (server.address() as AddressInfo).port;
      this.#listeners.set(node.uid, { server, port, serial: cert.serial });
      this.report(`node ${node.uid} internode TLS listening on ${hostPort(this.host, port)}`);
    }
    if (!stale()) this.#followed = { nodes: state.nodes, certificates: state.certificates, caSerial: state.caSerial, generation };
  }

  async close(): Promise<void> {
    this.#followed = undefined;
    await Promise.all([...this.#listeners].map(([uid, l]) => this.#stop(uid, l)));
  }

  async #stop(uid: string, l: Listener): Promise<void> {
    this.#listeners.delete(uid);
    await new Promise((r) => l.server.close(r));
    this.report(`node ${uid} internode TLS closed on ${hostPort(this.host, l.port)}`);
  }
}
