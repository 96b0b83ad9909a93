import type { ClusterConfig, ClusterState } from '../state.ts';

/** Database endpoint ports are assigned from this range. */
export const ENDPOINT_RANGE = { min: 10_000, max: 19_999 } as const;

/** `cm_port`, `cnm_http_port` and `cnm_https_port` accept this range. */
export const CLUSTER_PORT_RANGE = { min: 1024, max: 65_535 } as const;

/**
 * TCP ports the cluster itself uses at fixed numbers (the port tables of the network port
 * configuration page), so a database endpoint can never take them. The configurable API and UI
 * ports (8080, 8443, 9443 by default) are not here: they are wherever `config` puts them.
 */
export const SYSTEM_RESERVED: readonly { readonly from: number; readonly to: number; readonly use: string }[] = [
  { from: 1968, to: 1968, use: 'proxy traffic' },
  { from: 3333, to: 3341, use: 'internode communication' },
  { from: 3342, to: 3342, use: 'internode encryption (TLS)' },
  { from: 3343, to: 3344, use: 'internode communication' },
  { from: 8001, to: 8001, use: 'the discovery service' },
  { from: 8002, to: 8002, use: 'system health monitoring' },
  { from: 8004, to: 8004, use: 'system health monitoring' },
  { from: 8006, to: 8006, use: 'system health monitoring' },
  { from: 8070, to: 8071, use: 'metrics' },
  { from: 8444, to: 8444, use: 'the web proxy' },
  { from: 9080, to: 9080, use: 'the web proxy' },
  { from: 9081, to: 9081, use: 'Active-Active management' },
  { from: 20_000, to: 29_999, use: 'database shards' },
  { from: 36_379, to: 36_380, use: 'internode communication' },
];

export const CONFIG_PORT_FIELDS = {
  cmPort: 'cm_port',
  cnmHttpPort: 'cnm_http_port',
  cnmHttpsPort: 'cnm_https_port',
} as const satisfies Partial<Record<keyof ClusterConfig, string>>;
export type ConfigPortField = keyof typeof CONFIG_PORT_FIELDS;

/**
 * Who holds a TCP port, in words, or null when it is free. `except` names a configured port to
 * leave out, so that setting a port to its current value is not a conflict with itself.
 */
export function portOwner(state: ClusterState, port: number, except?: ConfigPortField): string | null {
  for (const field of Object.keys(CONFIG_PORT_FIELDS) as ConfigPortField[]) {
    if (field !== except && state.config[field] === port) return `used by the cluster (${CONFIG_PORT_FIELDS[field]})`;
  }
  const reserved = SYSTEM_RESERVED.find((r) => port >= r.from && port <= r.to);
  if (reserved) return `reserved by the cluster (${reserved.use})`;
  for (const db of Object.values(state.databases)) {
    if (db.port === port) return `used by database ${db.uid}`;
  }
  if (state.foreignPorts.includes(port)) return 'in use by another process';
  return null;
}

/**
 * The lowest free port of the endpoint range, or null when the range is full. The ports in use
 * are gathered once: asking `portOwner` per candidate would rescan every database each time.
 */
export function allocateEndpointPort(state: ClusterState): number | null {
  const taken = new Set<number>([...Object.values(state.databases).map((d) => d.port), ...state.foreignPorts]);
  for (const field of Object.keys(CONFIG_PORT_FIELDS) as ConfigPortField[]) taken.add(state.config[field]);
  for (let port = ENDPOINT_RANGE.min; port <= ENDPOINT_RANGE.max; port++) {
    if (!taken.has(port) && !SYSTEM_RESERVED.some((r) => port >= r.from && port <= r.to)) return port;
  }
  return null;
}
