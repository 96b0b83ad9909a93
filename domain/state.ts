/**
 * The cluster's configuration state: plain, serialisable data, the fold of the event log.
 *
 * Every status field holds the value of the corresponding machine in `machines/`, so a
 * machine snapshot can be rebuilt from the state with `machine.resolveState`.
 */

/** Internal address family, fixed when the cluster is created. */
export type AddressFamily = 'ipv4' | 'ipv6';

export type NodeStatus = 'active' | 'down' | 'decommissioning';
export type DatabaseStatus = 'pending' | 'active' | 'active-change-pending' | 'delete-pending';
export type CertificateStatus = 'valid' | 'expiring' | 'expired';
export type Plane = 'control' | 'data';
export type RemovalStatus = 'running' | 'completed' | 'failed';

/** A machine that can become a node: what the control protocol calls a host. */
export interface HostState {
  readonly id: string;
  /** Addresses bound to active interfaces on the host. */
  readonly boundAddrs: readonly string[];
  /** The node running on this host, if it is a member of the cluster. */
  readonly nodeUid: string | null;
}

export interface NodeState {
  readonly uid: string;
  readonly hostId: string;
  readonly status: NodeStatus;
  /** The single internal address. */
  readonly addr: string;
  /** External addresses; empty means the internal address serves external traffic too. */
  readonly externalAddrs: readonly string[];
}

export interface DatabaseState {
  readonly uid: string;
  readonly name: string;
  readonly status: DatabaseStatus;
  readonly memorySize: number;
  /** The endpoint port: assigned at creation, never changed. */
  readonly port: number;
  /** True when the port was assigned by the cluster (the API then reports `port: 0`). */
  readonly portAutoAssigned: boolean;
  readonly dataInternodeEncryption: boolean;
  /**
   * Fields a client set that the model has no rule for (`rules/databaseSettings.ts`), as sent;
   * absent until one is set.
   */
  readonly settings?: Readonly<Record<string, unknown>>;
}

export interface CertificateState {
  readonly nodeUid: string;
  readonly plane: Plane;
  readonly serial: number;
  readonly status: CertificateStatus;
  /** Epoch milliseconds, cluster clock. */
  readonly notBefore: number;
  readonly notAfter: number;
}

export interface AlertSetting {
  readonly enabled: boolean;
  readonly thresholdDays: number;
}

export interface ClusterConfig {
  readonly cmPort: number;
  readonly cnmHttpPort: number;
  readonly cnmHttpsPort: number;
  readonly httpSupport: boolean;
}

export interface ClusterState {
  /** `uninitialized` until CreateCluster is accepted; then `running`. */
  readonly status: 'uninitialized' | 'running';
  readonly name: string;
  readonly family: AddressFamily;
  /** Cluster clock, epoch milliseconds. Moves only through ClockAdvanced. */
  readonly clock: number;
  readonly caSerial: number | null;
  readonly config: ClusterConfig;
  readonly policy: { readonly dataInternodeEncryption: boolean };
  readonly alerts: {
    readonly clusterCertsAboutToExpire: AlertSetting;
    readonly nodeInternalCertsAboutToExpire: AlertSetting;
  };
  readonly hosts: Readonly<Record<string, HostState>>;
  readonly nodes: Readonly<Record<string, NodeState>>;
  readonly databases: Readonly<Record<string, DatabaseState>>;
  /** Keyed by `certificateKey(nodeUid, plane)`. */
  readonly certificates: Readonly<Record<string, CertificateState>>;
  /**
   * The last removal of each node uid, kept after the node is gone so that
   * `GET /v1/nodes/{uid}/actions/remove` can report how it ended.
   */
  readonly removals: Readonly<Record<string, RemovalStatus>>;
  /** Ports held by processes outside the cluster (reported by the host, or by test control). */
  readonly foreignPorts: readonly number[];
  /** Identifiers are never reused: a removed node's uid stays retired. */
  readonly nextNodeUid: number;
  readonly nextDatabaseUid: number;
  readonly nextSerial: number;
}

export const certificateKey = (nodeUid: string, plane: Plane): string => `${nodeUid}:${plane}`;

export const PLANES: readonly Plane[] = ['control', 'data'];

export const DEFAULT_CONFIG: ClusterConfig = {
  cmPort: 8443,
  cnmHttpPort: 8080,
  cnmHttpsPort: 9443,
  httpSupport: true,
};

export function initialState(): ClusterState {
  return {
    status: 'uninitialized',
    name: '',
    family: 'ipv4',
    clock: 0,
    caSerial: null,
    config: DEFAULT_CONFIG,
    policy: { dataInternodeEncryption: false },
    alerts: {
      clusterCertsAboutToExpire: { enabled: true, thresholdDays: 45 },
      nodeInternalCertsAboutToExpire: { enabled: true, thresholdDays: 45 },
    },
    hosts: {},
    nodes: {},
    databases: {},
    certificates: {},
    removals: {},
    foreignPorts: [],
    nextNodeUid: 1,
    nextDatabaseUid: 1,
    nextSerial: 1,
  };
}
