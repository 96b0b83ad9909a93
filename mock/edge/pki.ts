import { closeSync, existsSync, fchmodSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { certificateKey, type ClusterState, type Plane } from '../../domain/state.ts';
import { createClusterCa, issueNodeCertificate, issueServiceCertificates, loadClusterCa, type ClusterCa, type IssuedCertificate, type KeyPairPem, type ServiceCertName } from '../pki/ca.ts';

/**
 * The cluster's real PKI, following the model: one CA per cluster (per `caSerial`), and for
 * each node and plane the certificate with the serial and validity the model decided. Issued
 * on first need and cached by serial, so a rotation (a new serial) yields a new certificate and
 * nothing is generated that nobody asks for. With a directory, the CA's key is kept there
 * (owner-only) so a restarted mock signs with the same CA.
 */
export class ClusterPki {
  readonly #dir: string | undefined;
  #ca: Promise<ClusterCa> | undefined;
  #caSerial: number | null = null;
  readonly #issued = new Map<number, Promise<IssuedCertificate>>();
  #services: Promise<Record<ServiceCertName, KeyPairPem>> | undefined;
  #generation = 0;

  constructor(dir?: string) {
    this.#dir = dir;
  }

  /**
   * Which cluster the PKI serves, counted by resets: work begun for an earlier cluster checks it
   * before asking for anything, or it would issue the old cluster's certificates (its validity,
   * its serials, which the next cluster numbers again from the start) into the new one's caches.
   */
  get generation(): number {
    return this.#generation;
  }

  /** Forgets the CA (and deletes its saved key): the next cluster gets a new one. */
  reset(): void {
    this.#generation++;
    this.#ca = undefined;
    this.#caSerial = null;
    this.#issued.clear();
    this.#services = undefined;
    if (this.#dir) rmSync(this.#dir, { recursive: true, force: true });
  }

  ca(state: ClusterState): Promise<ClusterCa> {
    if (state.caSerial === null) throw new Error('The cluster has no CA yet');
    if (this.#caSerial !== state.caSerial) {
      this.#caSerial = state.caSerial;
      this.#issued.clear();
      this.#services = undefined;
      this.#ca = this.#loadOrCreate(state);
    }
    return this.#ca!;
  }

  /** Whether the cluster's CA has been made (or loaded) already: it is made on first need. */
  hasCa(state: ClusterState): boolean {
    return this.#ca !== undefined && this.#caSerial === state.caSerial;
  }

  /** The services' certificates (`api`, `cm`, `proxy`, ...), issued once per CA. */
  services(state: ClusterState): Promise<Record<ServiceCertName, KeyPairPem>> {
    const ca = this.ca(state);
    return (this.#services ??= ca.then((c) => issueServiceCertificates(c, state.name)));
  }

  /** The node's certificate for a plane as the model has it now, or undefined for no such node. */
  certificate(state: ClusterState, nodeUid: string, plane: Plane): Promise<IssuedCertificate> | undefined {
    const c = state.certificates[certificateKey(nodeUid, plane)];
    const node = state.nodes[nodeUid];
    if (!c || !node) return undefined;
    let issued = this.#issued.get(c.serial);
    if (!issued) {
      issued = this.ca(state).then((ca) => issueNodeCertificate(ca, { nodeUid, plane, serial: c.serial, notBefore: c.notBefore, notAfter: c.notAfter, addr: node.addr }));
      this.#issued.set(c.serial, issued);
    }
    return issued;
  }

  async #loadOrCreate(state: ClusterState): Promise<ClusterCa> {
    const files = this.#dir ? { cert: join(this.#dir, `ca-${state.caSerial}.crt`), key: join(this.#dir, `ca-${state.caSerial}.key`) } : undefined;
    if (files && existsSync(files.key)) {
      return loadClusterCa(readFileSync(files.cert, 'utf8'), readFileSync(files.key, 'utf8'));
    }
    const ca = await createClusterCa(state.name, state.caSerial!, state.clock);
    if (files) {
      mkdirSync(this.#dir!, { recursive: true, mode: 0o700 });
      // The key is looked for first and trusted to come with its certificate: the certificate
      // is written first, each file whole or not at all, so a crash in between leaves a CA that
      // is simply made again, never a key without its certificate or half a key.
      writeWhole(files.cert, ca.certPem, 0o644);
      writeWhole(files.key, ca.keyPem, 0o600);
    }
    return ca;
  }
}

/** Writes a file under a temporary name, flushed, then renames it into place (atomic on POSIX). */
function writeWhole(path: string, text: string, mode: number): void {
  const temporary = `${path}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w', mode);
  try {
    // The mode given to open is masked by the umask; the mode is meant exactly.
    fchmodSync(fd, mode);
    writeFileSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
}
