/**
 * What the REST API and the control protocol ask of the edge — the real things behind the
 * model: certificates, listeners, ports of the machine. The mock cluster works without one
 * (pure in-process use); `mock/edge` provides it.
 */
export interface Edge {
  /** Control-protocol capabilities this edge adds (`internode-tls`, `data-plane`). */
  readonly capabilities: readonly string[];
  /** Records, as environment facts, which of `ports` other processes hold now. */
  observePorts(ports: readonly number[]): Promise<void>;
  /** Holds or releases a port with a real "foreign" listener. */
  holdPort(port: number): Promise<void>;
  releasePort(port: number): Promise<void>;
  /** PEM bundles of the nodes' internal certificates and the services' certificates, by `<name>_cert`. */
  certificates(): Promise<Record<string, string>>;
  /**
   * The services' certificates alone (`proxy_cert`, `syncer_cert`, ...), once the cluster's CA
   * exists (made on the first need of a certificate: the certificates API, internode listeners);
   * none before. No node certificate is issued for them.
   */
  serviceCertificates(): Promise<Record<string, string>>;
  internode(uid: string): { host: string; port: number } | undefined;
  endpoint(uid: string): { host: string; port: number } | undefined;
  /** Forgets the old cluster (its CA, listeners, held ports) before a reset builds a new one. */
  reset(): void;
  /** Resolves when every listener follows the latest state. */
  settled(): Promise<void>;
  close(): Promise<void>;
}
