/**
 * Rejections are data: the real API's error body (`error_code`, `description`) plus its HTTP
 * status. This is the one place that decides which code and status each rejection gets: the
 * machines' refusals, and the HTTP layer's own (a request no route knows, credentials, a body
 * that cannot be read, a field the request does not take).
 *
 * Codes marked *documented* come from `reference/rs-api-facts.md`; the others were decided
 * here where the documents are silent (see `spec/semantics.md`, "Error codes").
 */
import { show } from './rules/show.ts';

export interface Rejection {
  readonly status: number;
  readonly error_code: string;
  readonly description: string;
}

const r = (status: number, error_code: string, description: string): Rejection => ({ status, error_code, description });

export const reject = {
  // Generic
  invalidParameter: (description: string) => r(400, 'invalid_parameter', description),
  invalidState: (command: string, what: string, status: string) =>
    r(409, 'invalid_state', `${command} is not allowed while ${what} is ${status}`),
  clusterNotInitialized: () => r(503, 'cluster_not_initialized', 'The node is not part of a cluster'),
  clusterAlreadyExists: () => r(409, 'cluster_already_exists', 'A cluster already exists on this node'),

  // Addresses
  invalidAddress: (addr: string, why: string) => r(400, 'invalid_address', `'${addr}' is not a valid address: ${why}`),
  addressFamilyMismatch: (addr: string, family: string) =>
    r(400, 'address_family_mismatch', `'${addr}' is not an ${family === 'ipv6' ? 'IPv6' : 'IPv4'} address, and this cluster's internal addresses are ${family === 'ipv6' ? 'IPv6' : 'IPv4'}`),
  addressInUse: (addr: string, owner: string) => r(409, 'address_in_use', `'${addr}' is already used by ${owner}`),
  addressNotBound: (addr: string, host: string) =>
    r(400, 'address_not_bound', `'${addr}' is not bound to an active interface on ${host}`),
  noAddressOfFamily: (host: string, family: string) =>
    r(400, 'address_not_bound', `${host} has no ${family === 'ipv6' ? 'IPv6' : 'IPv4'} address bound: bind one, or give node.identity.addr`),

  // Nodes (node_not_found and node_not_offline are documented)
  nodeNotFound: (uid: string) => r(404, 'node_not_found', `Node ${uid} does not exist`),
  nodeNotOffline: (uid: string) =>
    r(406, 'node_not_offline', `The internal address of node ${uid} can be changed only while the node is offline`),
  actionInProgress: (uid: string) => r(409, 'action_in_progress', `An action is already running on node ${uid}`),
  insufficientResources: (uid: string) =>
    r(406, 'insufficient_resources', `Node ${uid} cannot be removed: no other active node can take over`),

  // Join (bootstrap errors are documented as connect_error)
  connectError: (via: string) =>
    r(400, 'connect_error', `No node of the cluster has the internal address '${via}'`),
  hostNotFound: (id: string) => r(404, 'host_not_found', `Host ${id} does not exist`),
  hostAlreadyNode: (id: string) => r(409, 'host_already_node', `Host ${id} is already a node of the cluster`),
  hostExists: (id: string) => r(409, 'host_exists', `Host ${id} already exists`),

  // Databases (busy, port_unavailable, uid_exists, missing_db_name are documented)
  databaseNotFound: (uid: string) => r(404, 'bdb_not_found', `Database ${uid} does not exist`),
  busy: (uid: string, status: string) => r(409, 'busy', `Database ${uid} is busy (${status}); retry when it is active`),
  portUnavailable: (port: number, owner: string) => r(406, 'port_unavailable', `Port ${port} is ${owner}`),
  noFreePort: () => r(406, 'port_unavailable', 'No free port is left in the endpoint range 10000-19999'),
  portChangeNotAllowed: (uid: string) =>
    r(406, 'port_change_not_allowed', `The port of database ${uid} cannot change after creation`),
  uidExists: (uid: string) => r(409, 'uid_exists', `A database with uid ${uid} already exists`),
  missingDbName: () => r(400, 'missing_db_name', 'A database needs a name'),
  invalidDbName: (name: string) =>
    r(400, 'invalid_db_name', `'${name}' is not a valid name: use letters, digits and '-', starting and ending with a letter or digit`),

  // Cluster (bad_nginx_conf is documented for a port already bound)
  badNginxConf: (field: string, port: number, owner: string) =>
    r(400, 'bad_nginx_conf', `Cannot set ${field} to ${port}: the port is ${owner}`),
  invalidPort: (field: string, value: unknown, range: string) =>
    r(400, 'invalid_port', `${field} must be an integer in ${range}, not ${show(value)}`),

  // Certificates
  notAllNodesUpdated: (down: readonly string[]) =>
    r(400, 'not_all_nodes_updated', `Certificates were not rotated: node${down.length > 1 ? 's' : ''} ${down.join(', ')} ${down.length > 1 ? 'are' : 'is'} down`),
  clockBackwards: (now: number, clock: number) =>
    r(400, 'invalid_parameter', `The cluster clock cannot move back (from ${new Date(clock).toISOString()} to ${new Date(now).toISOString()})`),
  unsupportedRotation: (name: unknown) => r(403, 'unsupported_rotation', `Certificate ${show(name)} cannot be rotated this way`),

  // Requests (the HTTP layer, before any command is decided)
  badRequest: (description: string) => r(400, 'bad_request', description),
  headersTooLarge: () => r(431, 'headers_too_large', 'The request line and headers are over the size limit'),
  requestTimeout: () => r(408, 'request_timeout', 'The request was not sent in time'),
  notFound: (method: string, path: string) => r(404, 'not_found', `${method} ${path} is not part of this API`),
  methodNotAllowed: (method: string, path: string, allowed: readonly string[]) =>
    r(405, 'method_not_allowed', `${method} is not allowed on ${path}; it takes ${allowed.join(', ')}`),
  unauthorized: () => r(401, 'unauthorized', 'Authentication is required: use HTTP Basic with the cluster credentials'),
  internalError: (message: string) => r(500, 'internal_error', message),
  requestTooLarge: (limit: number) => r(413, 'request_too_large', `The body is over ${limit} bytes`),
  incompleteBody: (why: string) => r(400, 'incomplete_body', `The body could not be read to its end: ${why}`),
  invalidJson: (description: string) => r(400, 'invalid_json', description),
  invalidContentType: () => r(400, 'invalid_content_type', 'Content-Type must be application/json'),
  // A field is named as the request spells it: a path for one inside an object (`a.b`).
  unknownField: (field: string) => r(400, 'unknown_field', `'${field}' is not a field this request accepts`),
  readOnlyField: (field: string) => r(400, 'read_only_field', `'${field}' cannot be changed`),
  unsupportedField: (field: string) => r(400, 'unsupported_field', `'${field}' is not modelled by this mock`),
  unsupportedAlert: (name: string) => r(400, 'unsupported_field', `alert '${name}' is not modelled by this mock`),
  actionNotFound: (action: string, uid: string) => r(404, 'action_not_found', `No ${action} action on node ${uid}`),
  bootstrapInProgress: (hostId: string) => r(409, 'bootstrap_in_progress', `Host ${hostId} is already a node of the cluster`),

  // Test control (spec/control.md)
  portInUse: (port: unknown, why: string) => r(409, 'port_in_use', `Port ${port} cannot be held: ${why}`),
  nodeDown: (uid: string) => r(409, 'node_down', `Node ${uid} is down`),
  notListening: (what: string, uid: string) => r(409, 'not_listening', `The ${what} of ${uid} is not listening`),
} as const;
