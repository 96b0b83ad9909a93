/**
 * Which error codes and statuses the vendor documents, and which the model decided: the table of
 * spec/semantics.md ("Error codes and statuses") as data (`spec/errors.test.ts` keeps the two
 * alike). The conformance suite's `documented` profile compares a refusal's code and status only
 * where they are documented, and the 4xx class everywhere.
 */
export type Source = 'documented' | 'decided';

export interface ErrorSource {
  readonly status: number;
  /** Whether the vendor documents this `error_code` (for this use). */
  readonly code: Source;
  /** Whether the vendor documents this status for this refusal. */
  readonly statusSource: Source;
}

export const ERROR_SOURCES: Readonly<Record<string, ErrorSource>> = {
  invalid_parameter: { status: 400, code: 'decided', statusSource: 'decided' },
  invalid_state: { status: 409, code: 'decided', statusSource: 'decided' },
  cluster_not_initialized: { status: 503, code: 'decided', statusSource: 'documented' },
  cluster_already_exists: { status: 409, code: 'decided', statusSource: 'decided' },
  invalid_address: { status: 400, code: 'decided', statusSource: 'decided' },
  address_family_mismatch: { status: 400, code: 'decided', statusSource: 'decided' },
  address_in_use: { status: 409, code: 'decided', statusSource: 'decided' },
  address_not_bound: { status: 400, code: 'decided', statusSource: 'decided' },
  node_not_found: { status: 404, code: 'documented', statusSource: 'documented' },
  node_not_offline: { status: 406, code: 'documented', statusSource: 'decided' },
  action_in_progress: { status: 409, code: 'decided', statusSource: 'documented' },
  insufficient_resources: { status: 406, code: 'documented', statusSource: 'decided' },
  connect_error: { status: 400, code: 'documented', statusSource: 'decided' },
  bdb_not_found: { status: 404, code: 'decided', statusSource: 'documented' },
  busy: { status: 409, code: 'documented', statusSource: 'documented' },
  port_unavailable: { status: 406, code: 'documented', statusSource: 'decided' },
  port_change_not_allowed: { status: 406, code: 'decided', statusSource: 'decided' },
  uid_exists: { status: 409, code: 'documented', statusSource: 'documented' },
  missing_db_name: { status: 400, code: 'documented', statusSource: 'decided' },
  invalid_db_name: { status: 400, code: 'decided', statusSource: 'decided' },
  bad_nginx_conf: { status: 400, code: 'documented', statusSource: 'documented' },
  invalid_port: { status: 400, code: 'decided', statusSource: 'decided' },
  not_all_nodes_updated: { status: 400, code: 'decided', statusSource: 'documented' },
  host_not_found: { status: 404, code: 'decided', statusSource: 'decided' },
  host_already_node: { status: 409, code: 'decided', statusSource: 'decided' },
  host_exists: { status: 409, code: 'decided', statusSource: 'decided' },
};

/** A code the table does not list is the model's own choice until someone documents it. */
export const errorSource = (errorCode: string, status: number): ErrorSource => ERROR_SOURCES[errorCode] ?? { status, code: 'decided', statusSource: 'decided' };
